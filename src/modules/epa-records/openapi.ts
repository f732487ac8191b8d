import { z } from 'zod';
import { EPA_API } from '../epa-access/api.ts';
import { PROTOCOL_KINDS } from '../epa-protocol/actions.ts';
import { ProtocolEntrySchema, ProtocolPageSchema } from '../epa-protocol/api-schema.ts';
import { ActingSchema, GrantedRepresentationSchema, ReceivedRepresentationSchema, RepresentationInvitedSchema, RepresentationListSchema } from '../epa-representation/api-schema.ts';
import { MAX_REPRESENTATIVES } from '../epa-representation/service.ts';
import { DOCUMENT_CLASSES } from './classes.ts';
import { ApiErrorSchema, DocumentAddedSchema, DocumentListSchema, DocumentSchema, ExportRequestSchema } from './api-schema.ts';
import { DOCUMENT_SORTS, MAX_DOCUMENT_BYTES, MAX_EXPORT_DOCUMENTS } from './service.ts';
import { EXPORT_TIMEOUT_MS, MAX_EXPORT_BYTES, MAX_EXPORT_PAGES, MAX_IMAGE_PIXELS, MAX_IMAGE_TOTAL_PIXELS, MAX_PDF_DECODED_BYTES, MAX_PDF_PAGES, MAX_TIFF_PAGES } from './limits.ts';

/** A device of the person (epa-access's EpaDeviceView). */
const DeviceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['pending', 'confirmed']),
    createdAt: z.iso.datetime(),
    confirmedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    current: z.boolean().meta({ description: 'the device this request came from' }),
  })
  .meta({ description: 'A device registered for the record ("Endgerät freischalten").' });

const SessionSchema = z.object({ kvnr: z.string(), device: z.object({ id: z.string(), name: z.string().nullable() }).nullable() });

/** The answers' schemas by name: zod generates their JSON Schema (2020-12, which OpenAPI 3.1 uses). */
const SCHEMAS = {
  Document: DocumentSchema,
  DocumentList: DocumentListSchema,
  DocumentAdded: DocumentAddedSchema,
  ExportRequest: ExportRequestSchema,
  ProtocolEntry: ProtocolEntrySchema,
  ProtocolPage: ProtocolPageSchema,
  Device: DeviceSchema,
  Session: SessionSchema,
  GrantedRepresentation: GrantedRepresentationSchema,
  ReceivedRepresentation: ReceivedRepresentationSchema,
  RepresentationList: RepresentationListSchema,
  RepresentationInvited: RepresentationInvitedSchema,
  Acting: ActingSchema,
  Error: ApiErrorSchema,
} as const;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, target: 'draft-2020-12' });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, { ...schema, $schema: undefined, $id: undefined }]));
}

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const refusal = (description: string) => json('Error', description);
const pdf = (description: string) => ({ description, content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } });

/** What every route behind the device guard may answer besides its own. */
const GUARDED = {
  '401': { ...refusal('No valid DPoP-bound access token, or no fresh proof of its key (epa.token_*, epa.proof_*); with WWW-Authenticate: DPoP'), headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } },
  '403': refusal('epa.access_denied (no record for this KVNR) or epa.device_not_registered (the key is not an unlocked device)'),
};
const DEVICE_ONLY = { ...GUARDED };
/** A page check or an export waits its turn in the server's worker; one of each caller at a time. */
const QUEUED = {
  '429': { ...refusal('epa_record.task_running: a page check or an export of the caller is still waiting or running; with Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
  '503': { ...refusal('epa_record.busy: the server had no turn for it in time (too many waiting); nothing about the documents, try again after Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
};

const day = (name: string, description: string) => ({ name, in: 'query', required: false, description, schema: { type: 'string', format: 'date' } });
const page = { name: 'page', in: 'query', required: false, description: 'page number from 1; past the last page gives the last', schema: { type: 'integer', minimum: 1 } };
const documentId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
/** Vertretung für Angehörige: the routes of the record act for the represented person with this header. */
const representation = { $ref: '#/components/parameters/representation' };
const representationId = { name: 'id', in: 'path', required: true, description: 'the representation (GET /vertretungen)', schema: { type: 'string', format: 'uuid' } };
/** The `/vertretungen` routes manage one's own representations only: no further delegation. */
const OWN_ONLY = { '403': refusal('epa.access_denied, epa.device_not_registered, or epa_representation.no_delegation: called with Pforte-Vertretung (a representative cannot name, confirm or end representations for the person; in their Protokoll)') };
const REPRESENTED = { '403': refusal('epa.access_denied, epa.device_not_registered, or epa_representation.not_active: Pforte-Vertretung names no confirmed representation of the caller (not yet confirmed, ended, or someone else\'s); in the represented person\'s Protokoll') };

/**
 * The record API as an OpenAPI 3.1 document (GET /epa/api/v1/openapi.json): paths and parameters
 * written here, the answers' schemas generated from the zod schemas the routes' answers are typed
 * with (and the tests check the answers against).
 */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pforte ePA record service',
      version: '1.0.0',
      description:
        'The insured person\'s electronic patient record (ePA) for the desktop client pforte-epa (manual 003). ' +
        'Every call carries `Authorization: DPoP <access token>` of the AOK Ident provider and a fresh `DPoP` proof of the key the token is bound to (RFC 9449); ' +
        'the routes of the record need that key to be an unlocked device ("Endgerät freischalten"). Refusals are JSON with a stable `error` code and a German `message`. ' +
        'Every call is written to the person\'s Protokoll.',
    },
    servers: [{ url: `${publicUrl}${EPA_API}` }],
    security: [{ dpop: [] }],
    tags: [{ name: 'Dokumente' }, { name: 'Protokoll' }, { name: 'Geräte' }, { name: 'Vertretung' }],
    paths: {
      '/session': {
        get: { tags: ['Geräte'], summary: 'Who calls, and whether this device is unlocked', responses: { '200': json('Session', 'the caller'), '401': GUARDED['401'], '403': refusal('epa.access_denied') } },
      },
      '/devices': {
        get: { tags: ['Geräte'], summary: 'Registrierte Geräte', responses: { '200': { description: 'the devices', content: { 'application/json': { schema: { type: 'object', properties: { devices: { type: 'array', items: ref('Device') } }, required: ['devices'] } } } }, ...DEVICE_ONLY } },
        post: {
          tags: ['Geräte'],
          summary: 'Endgerät freischalten: register this key; the Bestätigungscode goes by e-mail (6 hours)',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 60 } }, required: ['name'] } } } },
          responses: {
            '201': { description: 'pending, code mailed', content: { 'application/json': { schema: { type: 'object', properties: { device: ref('Device'), expiresAt: { type: 'string', format: 'date-time' } } } } } },
            '409': refusal('epa.device_already_registered'),
            '422': refusal('form.invalid with details.name'),
            '429': refusal('epa.registration_wait (three failures in 8 hours; details.until), epa.code_locked (15 wrong codes of the person in 8 hours; details.until) or request.rate_limited'),
            '401': GUARDED['401'],
            '403': refusal('epa.access_denied'),
          },
        },
      },
      '/devices/confirm': {
        post: {
          tags: ['Geräte'],
          summary: 'The Bestätigungscode from the e-mail',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } }, required: ['code'] } } } },
          responses: {
            '200': { description: 'unlocked', content: { 'application/json': { schema: { type: 'object', properties: { device: ref('Device') } } } } },
            '400': refusal('epa.code_wrong (details.attemptsLeft)'),
            '409': refusal('epa.registration_not_found'),
            '410': refusal('epa.code_expired or epa.code_too_many (the registration is deleted)'),
            '422': refusal('form.invalid with details.code = epa.code_format'),
            '429': refusal('epa.code_locked (15 wrong codes of the person in 8 hours, over all registrations; details.until; the pending registrations are deleted)'),
            '401': GUARDED['401'],
            '403': refusal('epa.access_denied'),
          },
        },
      },
      '/devices/{id}': {
        patch: {
          tags: ['Geräte'],
          summary: 'Rename a device',
          parameters: [documentId],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 60 } }, required: ['name'] } } } },
          responses: { '200': { description: 'renamed', content: { 'application/json': { schema: { type: 'object', properties: { device: ref('Device') } } } } }, '404': refusal('epa.device_not_found'), '422': refusal('form.invalid'), ...DEVICE_ONLY },
        },
        delete: { tags: ['Geräte'], summary: 'Remove a device (its key no longer reaches the record)', parameters: [documentId], responses: { '204': { description: 'removed' }, '404': refusal('epa.device_not_found'), ...DEVICE_ONLY } },
      },
      '/documents': {
        get: {
          tags: ['Dokumente'],
          summary: 'Dokumente: the list, searched, filtered, sorted, in pages of 50',
          parameters: [
            { name: 'q', in: 'query', required: false, description: 'Suche nach Titel oder Autor (case-insensitive, at most 100 characters)', schema: { type: 'string', maxLength: 100 } },
            { name: 'typ', in: 'query', required: false, description: 'Filter: Typ (classCode)', schema: { type: 'string', enum: DOCUMENT_CLASSES.map((c) => c.code) } },
            day('von', 'Filter: Erstelldatum from this day (Berlin), inclusive'),
            day('bis', 'Filter: Erstelldatum up to this day (Berlin), inclusive'),
            { name: 'autor', in: 'query', required: false, description: 'Filter: Autor exactly (one of the list\'s `authors`)', schema: { type: 'string', maxLength: 200 } },
            { name: 'sort', in: 'query', required: false, description: 'the column; default erstelldatum', schema: { type: 'string', enum: [...DOCUMENT_SORTS] } },
            { name: 'dir', in: 'query', required: false, description: 'default desc (newest first)', schema: { type: 'string', enum: ['asc', 'desc'] } },
            page,
            representation,
          ],
          responses: { '200': json('DocumentList', 'a page of the list'), '400': refusal('form.invalid: details name each wrong parameter'), ...GUARDED, ...REPRESENTED },
        },
        post: {
          tags: ['Dokumente'],
          summary: `Dokument hinzufügen: a PDF, JPEG, PNG or TIFF of at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB (MiB), checked by its bytes`,
          parameters: [representation],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { typ: { type: 'string', enum: DOCUMENT_CLASSES.map((c) => c.code) }, titel: { type: 'string', maxLength: 200 }, datei: { type: 'string', contentMediaType: 'application/octet-stream' } },
                  required: ['typ', 'titel', 'datei'],
                },
                encoding: { datei: { contentType: 'application/pdf, image/jpeg, image/png, image/tiff' } },
              },
            },
          },
          responses: {
            '201': json('DocumentAdded', 'stored, encrypted'),
            '413': refusal('epa_record.too_large: more than 25 MB; nothing stored'),
            '415': refusal('epa_record.type_not_allowed (not a PDF, JPEG, PNG or TIFF by its bytes, whatever its name) or request.unsupported_type (not multipart); nothing stored'),
            '422': refusal(
              'epa_record.file_required, epa_record.empty, epa_record.class_required or a Titel error (details.datei, .typ, .titel); ' +
                `epa_record.too_many_pages (a PDF of more than ${MAX_PDF_PAGES} pages, a TIFF of more than ${MAX_TIFF_PAGES}), epa_record.image_too_large (more than ${MAX_IMAGE_PIXELS / 1e6} megapixels a page or ${MAX_IMAGE_TOTAL_PIXELS / 1e6} in all, read from the header) or epa_record.too_complex (its pages could not be counted in time or memory, or its object streams inflate to more than ${MAX_PDF_DECODED_BYTES / 1024 / 1024} MB or a hundred times its size); nothing stored`,
            ),
            ...QUEUED,
            ...GUARDED,
            ...REPRESENTED,
          },
        },
      },
      '/documents/{id}': {
        get: {
          tags: ['Dokumente'],
          summary: 'Open a document: its bytes with its content type; counts one access (Zugriffe)',
          parameters: [documentId, representation],
          responses: {
            '200': { description: 'the document', content: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])) },
            '404': refusal('request.not_found: no document of this record (another person\'s id too; logged)'),
            ...GUARDED,
            ...REPRESENTED,
          },
        },
        delete: { tags: ['Dokumente'], summary: 'Delete a document for good (it cannot be undone)', parameters: [documentId, representation], responses: { '204': { description: 'deleted' }, '404': refusal('request.not_found'), ...GUARDED, ...REPRESENTED } },
      },
      '/documents/export': {
        post: {
          tags: ['Dokumente'],
          summary: `Als PDF speichern: up to ${MAX_EXPORT_DOCUMENTS} documents as one PDF`,
          description:
            'A cover page lists the documents (Typ, Titel, Autor, Erstelldatum, the page each starts on), then each document: PDFs page by page, JPEG and PNG placed on A4 pages, TIFF converted. ' +
            'What cannot be converted (an encrypted or broken PDF) is listed on the cover as "nicht enthalten" and named in X-Epa-Not-Included. Each included document counts one access.',
          parameters: [representation],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ExportRequest') } } },
          responses: {
            '200': {
              ...pdf('the PDF'),
              headers: {
                'X-Epa-Included': { description: 'how many documents are in the PDF', schema: { type: 'integer' } },
                'X-Epa-Not-Included': { description: 'the ids of those that are not, comma-separated', schema: { type: 'string' } },
              },
            },
            '404': refusal('request.not_found: an id is no document of this record (logged); nothing exported'),
            '422': refusal(`epa_record.export_none, epa_record.export_too_many or epa_record.export_too_large (more than ${MAX_EXPORT_PAGES} pages or ${MAX_EXPORT_BYTES / 1024 / 1024} MB of documents together) (details.ids); nothing exported`),
            '429': QUEUED['429'],
            '503': { ...QUEUED['503'], description: `epa_record.export_timeout: not done within ${EXPORT_TIMEOUT_MS / 1000} s and stopped; or ${QUEUED['503'].description}; nothing exported or counted` },
            ...GUARDED,
            ...REPRESENTED,
          },
        },
      },
      '/protokoll': {
        get: {
          tags: ['Protokoll'],
          summary: 'Protokoll: every access, login, device and representation event, newest first, pages of 25',
          parameters: [
            day('von', 'from this day (Berlin), inclusive'),
            day('bis', 'up to this day (Berlin), inclusive'),
            { name: 'art', in: 'query', required: false, description: PROTOCOL_KINDS.map((k) => `${k.kind}: ${k.label}`).join('; '), schema: { type: 'string', enum: PROTOCOL_KINDS.map((k) => k.kind) } },
            page,
            representation,
          ],
          responses: { '200': json('ProtocolPage', 'a page'), '400': refusal('form.invalid: details name each wrong parameter'), ...GUARDED, ...REPRESENTED },
        },
      },
      '/protokoll.pdf': {
        get: {
          tags: ['Protokoll'],
          summary: 'The Protokoll (the same filter, all pages) as a PDF',
          parameters: [day('von', 'from this day (Berlin), inclusive'), day('bis', 'up to this day (Berlin), inclusive'), { name: 'art', in: 'query', required: false, schema: { type: 'string', enum: PROTOCOL_KINDS.map((k) => k.kind) } }, representation],
          responses: { '200': pdf('the PDF'), '400': refusal('form.invalid'), ...GUARDED, ...REPRESENTED },
        },
      },
      '/vertretungen': {
        get: { tags: ['Vertretung'], summary: 'Vertretung für Angehörige: whom the caller named (granted) and who named them (received)', responses: { '200': json('RepresentationList', 'the open representations'), ...GUARDED, ...OWN_ONLY } },
        post: {
          tags: ['Vertretung'],
          summary: `Name a representative by KVNR and e-mail (at most ${MAX_REPRESENTATIVES} open at a time); a registered person whose KVNR and e-mail match gets a mail and confirms in their own client`,
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { kvnr: { type: 'string', pattern: '^[A-Za-z][0-9]{9}$', description: 'Krankenversichertennummer: a letter and nine digits, the last a check digit' }, email: { type: 'string', format: 'email' } }, required: ['kvnr', 'email'] } } } },
          responses: {
            '202': json('RepresentationInvited', 'named; the same answer whether or not such a person exists'),
            '409': refusal('epa_representation.duplicate (this KVNR is named already) or epa_representation.limit'),
            '422': refusal('form.invalid: details.kvnr (a wrong check digit, or epa_representation.self), details.email'),
            '429': refusal('request.rate_limited (ten namings a day)'),
            ...GUARDED,
            ...OWN_ONLY,
          },
        },
      },
      '/vertretungen/{id}/bestaetigen': {
        post: {
          tags: ['Vertretung'],
          summary: 'The person named confirms, in their own client; from then on they can act for the other with Pforte-Vertretung',
          parameters: [representationId],
          responses: {
            '200': { description: 'confirmed; the named-by person gets a mail', content: { 'application/json': { schema: { type: 'object', properties: { representation: ref('ReceivedRepresentation') }, required: ['representation'] } } } },
            '404': refusal('epa_representation.not_found: not named for the caller, or ended'),
            '409': refusal('epa_representation.already_confirmed'),
            ...GUARDED,
            '403': refusal('epa_representation.confirm_own (the person who named cannot confirm for the other), epa_representation.no_delegation (with Pforte-Vertretung), epa.access_denied or epa.device_not_registered'),
          },
        },
      },
      '/vertretungen/{id}': {
        delete: {
          tags: ['Vertretung'],
          summary: 'End a representation: the person revokes (or withdraws the naming), or the representative steps down (or declines); the other side gets a mail',
          parameters: [representationId],
          responses: { '204': { description: 'ended; calls with its Pforte-Vertretung are refused from now on' }, '404': refusal('epa_representation.not_found'), ...GUARDED, ...OWN_ONLY },
        },
      },
      '/vertretung': {
        get: {
          tags: ['Vertretung'],
          summary: 'Whose record calls with this Pforte-Vertretung act on ("Sie handeln für …"); the switch is written to both Protokolle',
          parameters: [representation],
          responses: { '200': json('Acting', 'the represented person, or null without the header'), ...GUARDED, ...REPRESENTED },
        },
      },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    },
    components: {
      parameters: {
        representation: {
          name: 'Pforte-Vertretung',
          in: 'header',
          required: false,
          description:
            'Vertretung für Angehörige: the id of a confirmed representation of the caller (GET /vertretungen, `received`). The call then acts on the represented person\'s record, by the caller as their representative: ' +
            'written to both persons\' Protokolle (the represented person\'s names the representative; the representative\'s own names whom they acted for). Without it, the caller\'s own record.',
          schema: { type: 'string', format: 'uuid' },
        },
      },
      securitySchemes: {
        dpop: {
          type: 'http',
          scheme: 'DPoP',
          description: 'Authorization: DPoP <access token of the AOK Ident provider, bound by cnf.jkt>, plus a DPoP header: a proof (dpop+jwt, ES256) with htm, htu, iat, jti and ath, made for each request.',
        },
      },
      schemas: componentSchemas(),
    },
  };
}
