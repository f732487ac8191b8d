import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { EpaContentType } from '../../core/db/epa-records-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { decryptFile, encryptFile } from '../../core/files/encryption.ts';
import { checkFileName, sniffUploadType, storedFileName } from '../../core/files/upload-rules.ts';
import { textField } from '../../core/http/forms.ts';
import { isId, newId } from '../../core/ids/secrets.ts';
import type { EpaProtocol, ProtocolActor } from '../epa-protocol/service.ts';
import type { ProtocolAction } from '../epa-protocol/actions.ts';
import type { InsuredActor } from '../insured/service.ts';
import { isDocumentClass } from './classes.ts';
import type { ExportResult } from './export-pdf.ts';
import { documentBudget } from './document-budget.ts';
import { BUSY_RETRY_AFTER_S, EXPORT_LIMITS, RUNNING_RETRY_AFTER_S, type CheckLimits, type ExportLimits } from './limits.ts';
import { WorkerBusy, WorkerLimit, renderInWorker } from './worker.ts';
import { matchingDocuments, sortedDocuments, type DocumentQuery } from './document-query.ts';
import { createRecordKeys, documentAad } from './record-keys.ts';

export { DOCUMENT_SORTS, type DocumentQuery, type DocumentSort } from './document-query.ts';

/** "bis 25 MB" per document, meant as MiB like every limit of the platform. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;
export const MAX_TITLE = 200;
/** What the person's own uploads are shown as, in the column "Autor". */
export const OWN_AUTHOR = 'von mir';

/** The types a record holds, by what the bytes are (file-type's answer), never by name. */
const ACCEPTED: Readonly<Record<string, EpaContentType>> = { 'application/pdf': 'application/pdf', 'image/jpeg': 'image/jpeg', 'image/png': 'image/png', 'image/tiff': 'image/tiff' };

/**
 * Who reaches a record, and from where: the person themself, their representative, the insurer's
 * staff, or the platform (demo data). `device` is the registered device of the ePA client.
 */
export interface RecordAccess {
  actor: ProtocolActor;
  device?: { id: string; name?: string | null };
  ip?: string | null;
}

export interface NewDocument {
  title: string;
  classCode: string;
  fileName: string;
  bytes: Uint8Array;
  /** the institution that wrote it; staff add documents of their AOK, whose name is taken when not given */
  institution?: string;
  /** only the platform (demo data) backdates a document */
  createdAt?: Date;
  /** only the platform (demo data) adds a document as the person's own ("von mir") */
  ownUpload?: boolean;
}

/** Documents per page of the record API's list. */
export const DOCUMENT_PAGE_SIZE = 50;
/** The most documents one "Als PDF speichern" takes. */
export const MAX_EXPORT_DOCUMENTS = 100;

/** The audit log's name for an actor (the insured person as `insured:<id>`, like the Ident app's). */
function auditActor(actor: ProtocolActor): string {
  switch (actor.kind) {
    case 'insured':
    case 'representative':
      return `insured:${actor.id}`;
    case 'staff':
      return `staff:${actor.id}`;
    default:
      return 'system';
  }
}

/** Whose task a page check or an export is (one at a time each); the platform's own work (demo data) is no one's. */
function taskOwner(actor: ProtocolActor): string | undefined {
  return actor.kind === 'system' ? undefined : auditActor(actor);
}

/** The request behind a page check or an export: when it is given up, a task still waiting is dropped. */
export interface TaskRequest {
  signal?: AbortSignal;
}

/**
 * A page check or an export that did not get its turn, nothing about the documents: the server busy
 * (503, try again after Retry-After), the caller's own task still running (429), or the request
 * given up meanwhile (499, which no one receives). Not in the Protokoll: nothing of the record was
 * touched.
 */
function notNow(error: WorkerBusy): AppError {
  switch (error.reason) {
    case 'running':
      return new AppError('epa_record.task_running', 429, {}, { retryAfter: String(RUNNING_RETRY_AFTER_S) });
    case 'aborted':
      return new AppError('epa_record.cancelled', 499);
    default:
      return new AppError('epa_record.busy', 503, {}, { retryAfter: String(BUSY_RETRY_AFTER_S) });
  }
}

const META = ['id', 'class_code', 'title', 'author_kind', 'author', 'created_at', 'access_count', 'content_type', 'file_name', 'size'] as const;

/**
 * The documents of each insured person's electronic patient record (issue 15 §5, manual 003 §4.4).
 * Each record has its own data key, kept only encrypted under the server's file key; a document's
 * bytes are encrypted under its record's key with the document's and the record's ids as associated
 * data, so a blob moved to another row or record does not decrypt. Every access is written to the
 * person's Protokoll (epa-protocol); staff see metadata only. A document id of another record is
 * "not found", and logged.
 */
export function createEpaRecords(deps: { db: Db; clock: Clock; audit: Audit; fileKey: Buffer; protocol: EpaProtocol; insurers: Insurer[] }) {
  const { db, clock, audit, protocol } = deps;
  const recordKey = createRecordKeys(deps);

  /** The person's record; a person not registered for the ePA has none. */
  async function recordOf(insuredId: string, trx: Db = db) {
    const record = isId(insuredId) ? await trx.selectFrom('epa_records').select(['id', 'insured_id']).where('insured_id', '=', insuredId).executeTakeFirst() : undefined;
    if (!record) throw new AppError('epa_record.not_registered', 404);
    return record;
  }

  const document = (doc: { id: string; title?: string | null }) => ({ id: doc.id, title: doc.title ?? null });

  /** Writes what happened to the person's Protokoll and, for what the platform must answer for, the audit log. */
  async function logged(
    access: RecordAccess,
    insuredId: string,
    what: ProtocolAction,
    entry: Omit<Parameters<EpaProtocol['record']>[0], 'insuredId' | 'actor' | 'device' | 'action'>,
    auditAction: Parameters<Audit['record']>[0]['action'] | null,
    trx: Db = db,
  ) {
    await protocol.record({ ...entry, action: what, insuredId, actor: access.actor, device: access.device }, trx);
    if (auditAction) {
      const onBehalf = access.actor.kind === 'representative' ? { on_behalf_of: insuredId } : {};
      const outcome = entry.result === 'denied' ? 'denied' : entry.result === 'failed' ? 'failure' : 'success';
      await audit.record({ actor: auditActor(access.actor), action: auditAction, subject: entry.document?.id ?? insuredId, ip: access.ip ?? null, outcome, data: { person: insuredId, ...onBehalf, ...(entry.data ?? {}) } }, trx);
    }
  }

  /** Refuses an upload with its code at the field `datei` (or `titel`, `typ`), logged as refused. */
  async function refuse(access: RecordAccess, insuredId: string, code: ConstructorParameters<typeof AppError>[0], field: string, status = 422): Promise<never> {
    await logged(access, insuredId, 'document.refused', { result: 'failed', data: { code } }, 'epa_record.document_refused');
    throw new AppError(code, status, { [field]: code });
  }

  /**
   * Adds a document: Titel and Typ checked, at most 25 MB, a PDF, JPEG, PNG or TIFF by its bytes (a
   * renamed program is refused whatever its name), within its pages and pixels (document-budget.ts).
   * The size is checked before anything is read. A PDF's page check waits its turn in the worker
   * (worker.ts): a check that does not get it is refused as busy or as the caller's second (notNow).
   */
  async function add(access: RecordAccess, insuredId: string, input: NewDocument, options: TaskRequest & Partial<CheckLimits> = {}) {
    const record = await recordOf(insuredId);
    const title = textField(input.title, { max: MAX_TITLE });
    if (!title.ok) throw new AppError(title.code, 422, { titel: title.code });
    if (!isDocumentClass(input.classCode)) throw new AppError('epa_record.class_required', 422, { typ: 'epa_record.class_required' });
    if (input.bytes.length > MAX_DOCUMENT_BYTES) return refuse(access, insuredId, 'epa_record.too_large', 'datei', 413);
    if (input.bytes.length === 0) return refuse(access, insuredId, 'epa_record.empty', 'datei');
    const name = checkFileName(input.fileName);
    if (!name.ok) return refuse(access, insuredId, name.code, 'datei');
    const sniffed = await sniffUploadType(input.bytes);
    const contentType = sniffed.ok ? ACCEPTED[sniffed.mime] : undefined;
    if (!sniffed.ok || !contentType) return refuse(access, insuredId, 'epa_record.type_not_allowed', 'datei', 415);
    // pages and pixels: what the document would cost at every export, checked before it is stored
    let overBudget;
    try {
      overBudget = await documentBudget(input.bytes, contentType, { ...options, owner: taskOwner(access.actor) });
    } catch (error) {
      throw error instanceof WorkerBusy ? notNow(error) : error;
    }
    if (overBudget) return refuse(access, insuredId, overBudget, 'datei');

    const actor = access.actor;
    const own = actor.kind === 'insured' || (actor.kind === 'system' && input.ownUpload === true);
    const authorKind = own || actor.kind === 'representative' ? 'insured' : 'institution';
    const author =
      own ? OWN_AUTHOR
      : actor.kind === 'representative' ? `${actor.name} (Vertretung)`
      : (input.institution ?? (actor.kind === 'staff' ? actor.name : 'Krankenkasse'));
    const id = newId();
    const key = await recordKey(record.id);
    const sealed = encryptFile(key, input.bytes, documentAad(record.id, id));
    const createdAt = actor.kind === 'system' && input.createdAt ? input.createdAt : clock.now();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('epa_documents')
        .values({
          id,
          record_id: record.id,
          class_code: input.classCode,
          title: title.value,
          author_kind: authorKind,
          author,
          created_at: createdAt,
          content_type: contentType,
          file_name: storedFileName(name.value, sniffed.ext),
          size: input.bytes.length,
          added_by: auditActor(actor),
          iv: sealed.iv,
          tag: sealed.tag,
          content: sealed.ciphertext,
        })
        .returning(META)
        .executeTakeFirstOrThrow();
      await logged(access, insuredId, 'document.added', { document: document(row), data: { size: row.size, type: row.content_type } }, 'epa_record.document_added', trx);
      return row;
    });
  }

  /**
   * The record's documents (metadata only), searched in Titel and Autor, filtered by Typ, Autor and
   * period, sorted by any column; newest first unless told otherwise. Logged as a list access.
   */
  async function list(access: RecordAccess, insuredId: string, query: DocumentQuery = {}) {
    const record = await recordOf(insuredId);
    const rows = await sortedDocuments(matchingDocuments(db, record.id, query).select(META), query).execute();
    await logged(access, insuredId, 'documents.listed', { data: { count: rows.length } }, access.actor.kind === 'staff' ? 'epa_record.viewed' : null);
    return rows;
  }

  /** One page of the list (DOCUMENT_PAGE_SIZE documents) with the number of all that match; a page past the last is the last. */
  async function listPage(access: RecordAccess, insuredId: string, query: DocumentQuery = {}, page = 1) {
    const record = await recordOf(insuredId);
    const total = Number((await matchingDocuments(db, record.id, query).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const pages = Math.max(1, Math.ceil(total / DOCUMENT_PAGE_SIZE));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
    const rows = await sortedDocuments(matchingDocuments(db, record.id, query).select(META), query)
      .limit(DOCUMENT_PAGE_SIZE)
      .offset((current - 1) * DOCUMENT_PAGE_SIZE)
      .execute();
    await logged(access, insuredId, 'documents.listed', { data: { count: rows.length, total, page: current } }, access.actor.kind === 'staff' ? 'epa_record.viewed' : null);
    return { documents: rows, total, page: current, pages, pageSize: DOCUMENT_PAGE_SIZE };
  }

  /** The authors a record's documents have, for the filter's choice ("von mir" among them). */
  async function authors(insuredId: string): Promise<string[]> {
    const record = await recordOf(insuredId);
    const rows = await db.selectFrom('epa_documents').select('author').distinct().where('record_id', '=', record.id).orderBy('author').execute();
    return rows.map((r) => r.author);
  }

  /** A document of this record by id; any other id (another person's document) is "not found", and logged. */
  async function find(access: RecordAccess, insuredId: string, documentId: string, trx: Db = db) {
    const record = await recordOf(insuredId, trx);
    const row = isId(documentId) ? await trx.selectFrom('epa_documents').selectAll().where('id', '=', documentId).where('record_id', '=', record.id).executeTakeFirst() : undefined;
    if (row) return { record, row };
    await logged(access, insuredId, 'document.not_found', { result: 'denied', document: { id: String(documentId).slice(0, 64) } }, 'epa_record.document_denied');
    throw new AppError('request.not_found', 404);
  }

  /** Staff see metadata only: the contents are the person's. */
  function assertNotStaff(access: RecordAccess) {
    if (access.actor.kind === 'staff') throw new AppError('epa_record.staff_no_content', 403);
  }

  /** Opens a document: its metadata and decrypted bytes; counts one access ("Zugriffe") and logs it. */
  async function open(access: RecordAccess, insuredId: string, documentId: string) {
    assertNotStaff(access);
    const { record, row } = await find(access, insuredId, documentId);
    const bytes = decryptFile(await recordKey(record.id), { iv: row.iv, tag: row.tag, ciphertext: row.content }, documentAad(record.id, row.id));
    const accessCount = await db.transaction().execute(async (trx) => {
      const counted = await trx.updateTable('epa_documents').set({ access_count: sql`access_count + 1` } as never).where('id', '=', row.id).returning('access_count').executeTakeFirst();
      await logged(access, insuredId, 'document.opened', { document: document(row) }, null, trx);
      return counted?.access_count ?? row.access_count + 1;
    });
    const { iv: _iv, tag: _tag, content: _content, record_id: _record, added_by: _by, ...meta } = row;
    return { ...meta, access_count: accessCount, bytes };
  }

  /** Deletes a document for good: the row and with it the encrypted bytes; the Protokoll keeps that it happened. */
  async function remove(access: RecordAccess, insuredId: string, documentId: string): Promise<void> {
    assertNotStaff(access);
    const { row } = await find(access, insuredId, documentId);
    await db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('epa_documents').where('id', '=', row.id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) throw new AppError('request.not_found', 404);
      await logged(access, insuredId, 'document.deleted', { document: document(row) }, 'epa_record.document_deleted', trx);
    });
  }

  /**
   * The insured person a staff member may see, with their record (null when not registered); a person
   * of another AOK, or no person, is "not found", and logged.
   */
  async function personForStaff(by: InsuredActor, insuredId: string) {
    const person = isId(insuredId)
      ? await db
          .selectFrom('insured_persons')
          .leftJoin('epa_records', 'epa_records.insured_id', 'insured_persons.id')
          .select(['insured_persons.id', 'kvnr', 'first_name', 'last_name', 'insurer_id', 'epa_records.id as record_id'])
          .where('insured_persons.id', '=', insuredId)
          .executeTakeFirst()
      : undefined;
    if (person && (by.insurerId === null || person.insurer_id === by.insurerId)) return person;
    await audit.record({ actor: by.actor, action: 'epa_record.denied', subject: String(insuredId).slice(0, 64), ip: by.ip, outcome: 'denied' });
    throw new AppError('request.not_found', 404);
  }

  /** How the insurer's staff appear in a person's Protokoll and as a document's Autor: their AOK's name. */
  function staffAccess(by: InsuredActor, insurerId: string): RecordAccess {
    const name = deps.insurers.find((i) => i.id === insurerId)?.name ?? insurerId;
    return { actor: { kind: 'staff', id: by.actor.replace(/^staff:/, ''), name }, ip: by.ip };
  }

  /**
   * "Als PDF speichern": the documents of `ids` (in the order given, each once) as one PDF, see
   * export-pdf.ts. An id that is not of this record is "not found" (logged) and nothing is exported.
   * Each document in the PDF counts one access and is in the Protokoll; one that could not be
   * converted is there as failed and is not counted. Refused, with nothing counted: documents of more
   * than `limits.maxBytes` together (before any is read) or of more than `limits.maxPages` pages
   * (as soon as they are counted), and an export not done within `limits.timeoutMs` (its worker is
   * stopped), see limits.ts. An export that does not get its turn in the worker is refused as busy or
   * as the caller's second (notNow), nothing counted either.
   */
  async function exportPdf(access: RecordAccess, insuredId: string, ids: readonly string[], options: TaskRequest & Partial<ExportLimits> = {}): Promise<ExportResult> {
    assertNotStaff(access);
    const { maxBytes, maxPages, timeoutMs, waitMs, maxQueued } = { ...EXPORT_LIMITS, ...options };
    const record = await recordOf(insuredId);
    const unique = [...new Set(ids)];
    const rows = unique.every(isId) ? await db.selectFrom('epa_documents').select(META).where('record_id', '=', record.id).where('id', 'in', unique).execute() : [];
    if (rows.length !== unique.length) {
      const known = new Set(rows.map((r) => r.id));
      await find(access, insuredId, unique.find((id) => !known.has(id))!);
    }
    const tooLarge = () => new AppError('epa_record.export_too_large', 422, { ids: 'epa_record.export_too_large' });
    if (rows.reduce((sum, row) => sum + row.size, 0) > maxBytes) throw tooLarge();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = unique.map((id) => byId.get(id)!);
    const person = await db.selectFrom('insured_persons').select(['first_name', 'last_name', 'kvnr']).where('id', '=', insuredId).executeTakeFirstOrThrow();
    const key = await recordKey(record.id);
    async function load(item: { id: string }) {
      const row = await db.selectFrom('epa_documents').select(['iv', 'tag', 'content']).where('id', '=', item.id).where('record_id', '=', record.id).executeTakeFirst();
      // deleted meanwhile: nothing to convert, listed as not included
      return row ? decryptFile(key, { iv: row.iv, tag: row.tag, ciphertext: row.content }, documentAad(record.id, item.id)) : new Uint8Array();
    }
    let result: ExportResult;
    try {
      const task = { waitMs, maxQueued, signal: options.signal, owner: taskOwner(access.actor) };
      const rendered = await renderInWorker({ person: { name: `${person.first_name} ${person.last_name}`, kvnr: person.kvnr }, items, madeAt: clock.now(), maxPages }, load, timeoutMs, task);
      if (rendered === 'too_large') throw tooLarge();
      result = rendered;
    } catch (error) {
      if (error instanceof WorkerBusy) throw notNow(error);
      if (!(error instanceof WorkerLimit)) throw error;
      // out of the worker's memory: more than one PDF can hold; out of time: too much, or the server too busy
      throw error.limit === 'memory' ? tooLarge() : new AppError('epa_record.export_timeout', 503);
    }
    const failed = new Map(result.notIncluded.map((n) => [n.id, n.reason]));
    await db.transaction().execute(async (trx) => {
      if (result.included.length) await trx.updateTable('epa_documents').set({ access_count: sql`access_count + 1` } as never).where('id', 'in', result.included).execute();
      for (const item of items) {
        const reason = failed.get(item.id);
        await logged(access, insuredId, 'documents.exported', { document: document(item), ...(reason ? { result: 'failed' as const, data: { reason } } : {}) }, null, trx);
      }
    });
    return result;
  }

  return { add, list, listPage, authors, open, remove, exportPdf, refuseUpload: refuse, personForStaff, staffAccess, recordKey };
}

export type EpaRecords = ReturnType<typeof createEpaRecords>;
export type DocumentMeta = Awaited<ReturnType<EpaRecords['list']>>[number];
