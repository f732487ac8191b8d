import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK } from 'jose';
import type { EpaAccessCode } from '../../modules/epa-access/messages.ts';
import type { EpaRecordCode } from '../../modules/epa-records/messages.ts';
import type { DocumentListView, DocumentView } from '../../modules/epa-records/api-schema.ts';
import type { ProtocolPageView } from '../../modules/epa-protocol/api-schema.ts';
import type { DocumentSort } from '../../modules/epa-records/service.ts';
import type { EpaDeviceView } from '../../modules/epa-access/service.ts';
import type { EpaProtocolKind } from '../../core/db/epa-records-schema.ts';
import type { EpaRepresentationCode } from '../../modules/epa-representation/messages.ts';
import type { GrantedView, ReceivedView } from '../../modules/epa-representation/service.ts';
import { userAgent } from './user-agent.ts';

/**
 * The record service's API (`/epa/api/v1`, see its OpenAPI document at `/epa/api/v1/openapi.json`)
 * for the desktop client: one function per route, typed answers, typed refusals. Every call carries
 * `Authorization: DPoP <access token>` and a fresh proof made by `proof` for that method and address
 * (RFC 9449); `dpopProofs(keys)` makes such proofs with the device key.
 */

export const RECORD_API_PATH = '/epa/api/v1';
/** The header that makes a call act on the represented person's record (Vertretung für Angehörige). */
export const REPRESENTATION_HEADER = 'Pforte-Vertretung';

/** Makes the DPoP proof of one request: for this method and address, bound to this access token. */
export type ProofMaker = (input: { method: string; url: string; accessToken: string }) => Promise<string>;

/** The codes the record service refuses with, and `network` when it could not be reached at all. */
export type RecordApiCode =
  | EpaAccessCode
  | EpaRecordCode
  | EpaRepresentationCode
  | 'form.invalid'
  | 'request.not_found'
  | 'request.malformed'
  | 'request.unsupported_type'
  | 'request.too_large'
  | 'request.rate_limited'
  | 'request.internal'
  | 'network';

/** A refusal: its status (0 when the server was not reached), code, the German message to show, and per field its code or facts such as `attemptsLeft`. */
export interface RecordApiError {
  status: number;
  code: RecordApiCode;
  message: string;
  details: Record<string, string>;
  /** seconds, from Retry-After (the wait after failed registrations) */
  retryAfter: number | null;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: RecordApiError };

export interface DocumentListQuery {
  /** Suche nach Titel oder Autor */
  q?: string;
  typ?: string;
  /** YYYY-MM-DD, inclusive */
  von?: string;
  /** YYYY-MM-DD, inclusive */
  bis?: string;
  autor?: string;
  sort?: DocumentSort;
  dir?: 'asc' | 'desc';
  page?: number;
}

export interface ProtocolQuery {
  von?: string;
  bis?: string;
  art?: EpaProtocolKind;
  page?: number;
}

export interface OpenedDocument {
  bytes: Uint8Array;
  contentType: string;
  fileName: string | null;
}

export interface ExportedPdf {
  pdf: Uint8Array;
  /** how many of the selected documents are in the PDF */
  included: number;
  /** the ids of those that could not be converted (the cover lists them as "nicht enthalten") */
  notIncluded: string[];
}

export interface RecordApiOptions {
  /** the server's address, e.g. http://127.0.0.1:3000 */
  server: string;
  /** the current access token (renewed by the caller as it runs out) */
  accessToken: () => string | Promise<string>;
  proof: ProofMaker;
  /**
   * Vertretung für Angehörige: the id of a confirmed representation of this person (`received`); every
   * call then carries REPRESENTATION_HEADER and acts on the represented person's record. Managing
   * representations (`/vertretungen`) is refused with it (no further delegation).
   */
  representation?: string | null;
  fetch?: typeof fetch;
}

/** `ath`: the access token's SHA-256, base64url (RFC 9449 §4.2). */
const ath = (token: string) => createHash('sha256').update(token, 'ascii').digest('base64url');

/** Proofs signed with the device key (ES256; the public half in the header). */
export function dpopProofs(keys: CryptoKeyPair): ProofMaker {
  let jwk: Promise<Awaited<ReturnType<typeof exportJWK>>> | undefined;
  return async ({ method, url, accessToken }) => {
    jwk ??= exportJWK(keys.publicKey).then(({ kty, crv, x, y }) => ({ kty, crv, x, y }));
    const htu = new URL(url);
    htu.search = '';
    htu.hash = '';
    return new SignJWT({ htm: method, htu: htu.href, ath: ath(accessToken), jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await jwk })
      .setIssuedAt()
      .sign(keys.privateKey);
  };
}

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function refusalOf(response: Response): Promise<RecordApiError> {
  let body: { error?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // no JSON (a proxy's page): the status speaks
  }
  const retry = Number(response.headers.get('retry-after'));
  return {
    status: response.status,
    code: (typeof body.error === 'string' ? body.error : 'request.internal') as RecordApiCode,
    message: typeof body.message === 'string' ? body.message : `Der ePA-Dienst antwortet mit dem Status ${response.status}.`,
    details: typeof body.details === 'object' && body.details !== null ? (body.details as Record<string, string>) : {},
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
  };
}

/** The record API of one server, for one logged-in device. */
export function createRecordApi(options: RecordApiOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.server.replace(/\/+$/, '')}${RECORD_API_PATH}`;

  /** One signed request; the answer read by `read` when it is a success. */
  async function call<T>(method: string, path: string, read: (response: Response) => Promise<T>, body?: { json: unknown } | { form: FormData }): Promise<ApiResult<T>> {
    const url = `${base}${path}`;
    let response: Response;
    try {
      const accessToken = await options.accessToken();
      const headers = new Headers({ accept: 'application/json', authorization: `DPoP ${accessToken}`, dpop: await options.proof({ method, url, accessToken }), 'user-agent': userAgent() });
      if (options.representation) headers.set(REPRESENTATION_HEADER, options.representation);
      let payload: string | FormData | undefined;
      if (body && 'json' in body) {
        headers.set('content-type', 'application/json');
        payload = JSON.stringify(body.json);
      } else if (body) payload = body.form;
      response = await doFetch(url, { method, headers, body: payload });
    } catch (error) {
      return { ok: false, error: { status: 0, code: 'network', message: 'Der ePA-Dienst ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung.', details: { cause: String((error as Error)?.message ?? error) }, retryAfter: null } };
    }
    if (!response.ok) return { ok: false, error: await refusalOf(response) };
    return { ok: true, value: await read(response) };
  }

  const asJson = <T>() => async (response: Response) => (await response.json()) as T;
  const asBytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());
  const nothing = async () => undefined;
  const id = (value: string) => encodeURIComponent(value);

  return {
    /** Who calls, and whether this device is unlocked (after each Ident login). */
    session: () => call('GET', '/session', asJson<{ kvnr: string; device: { id: string; name: string | null } | null }>()),
    /** "Endgerät freischalten": the Bestätigungscode goes to the person's e-mail. */
    registerDevice: (name: string) => call('POST', '/devices', asJson<{ device: EpaDeviceView; expiresAt: string }>(), { json: { name } }),
    confirmDevice: (code: string) => call('POST', '/devices/confirm', asJson<{ device: EpaDeviceView }>(), { json: { code } }),
    devices: () => call('GET', '/devices', asJson<{ devices: EpaDeviceView[] }>()),
    renameDevice: (deviceId: string, name: string) => call('PATCH', `/devices/${id(deviceId)}`, asJson<{ device: EpaDeviceView }>(), { json: { name } }),
    removeDevice: (deviceId: string) => call('DELETE', `/devices/${id(deviceId)}`, nothing),

    /** Dokumente: a page of 50, searched, filtered and sorted (newest first by default). */
    listDocuments: (query: DocumentListQuery = {}) => call('GET', `/documents${queryString(query)}`, asJson<DocumentListView>()),
    /** "Dokument hinzufügen": PDF, JPEG, PNG or TIFF up to 25 MB. */
    addDocument: (input: { typ: string; titel: string; fileName: string; bytes: Uint8Array }) => {
      const form = new FormData();
      form.set('typ', input.typ);
      form.set('titel', input.titel);
      form.set('datei', new Blob([new Uint8Array(input.bytes)]), input.fileName);
      return call('POST', '/documents', async (r) => ((await r.json()) as { document: DocumentView }).document, { form });
    },
    /** Opens a document (counts one access). */
    openDocument: (documentId: string) =>
      call('GET', `/documents/${id(documentId)}`, async (r): Promise<OpenedDocument> => {
        const disposition = r.headers.get('content-disposition') ?? '';
        const utf8 = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
        return { bytes: await asBytes(r), contentType: r.headers.get('content-type') ?? 'application/octet-stream', fileName: utf8 ? decodeURIComponent(utf8) : null };
      }),
    /** Deletes a document for good. */
    deleteDocument: (documentId: string) => call('DELETE', `/documents/${id(documentId)}`, nothing),
    /** "Als PDF speichern" of up to 100 documents. */
    exportDocuments: (ids: readonly string[]) =>
      call(
        'POST',
        '/documents/export',
        async (r): Promise<ExportedPdf> => ({
          pdf: await asBytes(r),
          included: Number(r.headers.get('x-epa-included') ?? 0),
          notIncluded: (r.headers.get('x-epa-not-included') ?? '').split(',').filter(Boolean),
        }),
        { json: { ids } },
      ),

    /** Protokoll: a page of 25, newest first. */
    protocol: (query: ProtocolQuery = {}) => call('GET', `/protokoll${queryString(query)}`, asJson<ProtocolPageView>()),
    /** The Protokoll (same filter, every page) as a PDF. */
    protocolPdf: (query: Omit<ProtocolQuery, 'page'> = {}) => call('GET', `/protokoll.pdf${queryString(query)}`, asBytes),

    /** Vertretung für Angehörige: whom this person named (`granted`) and who named them (`received`). */
    representations: () => call('GET', '/vertretungen', asJson<{ granted: GrantedView[]; received: ReceivedView[] }>()),
    /** Names a representative; the answer is the same whether or not such a person exists (202). */
    nameRepresentative: (input: { kvnr: string; email: string }) => call('POST', '/vertretungen', asJson<{ message: string; representation: GrantedView }>(), { json: input }),
    /** The named person confirms, in their own client. */
    confirmRepresentation: (representationId: string) => call('POST', `/vertretungen/${id(representationId)}/bestaetigen`, asJson<{ representation: ReceivedView }>()),
    /** Revokes (the person), steps down or declines (the representative). */
    endRepresentation: (representationId: string) => call('DELETE', `/vertretungen/${id(representationId)}`, nothing),
    /** With `representation` set: whose record the calls act on (checked and logged as the switch); else `null`. */
    actingFor: () => call('GET', '/vertretung', asJson<{ representation: { id: string; for: { name: string } } | null }>()),
  };
}

export type RecordApi = ReturnType<typeof createRecordApi>;
