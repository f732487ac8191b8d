import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EpaRoutes } from '../epa-access/api.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { jsonObject } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { documentQuery, documentView, exportIds, type DocumentListView } from './api-schema.ts';
import { openApiDocument } from './openapi.ts';
import { actingCaller } from '../epa-representation/acting.ts';
import { MAX_DOCUMENT_BYTES, MAX_TITLE } from './service.ts';

/** `filename` for Content-Disposition: ASCII with a UTF-8 twin (RFC 6266), never a quote or a path. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Aborted when the client goes away before its answer (the connection closed, the response not
 * sent): a page check or an export still waiting for the worker is dropped instead of run for no one.
 */
function givenUp(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * The documents of the caller's own record (with `Pforte-Vertretung`, the represented person's) in
 * the record API (issue 15 §5–6, manual 003 §4.4): list
 * with search, filters, every sort and pages; "Dokument hinzufügen" as multipart (25 MB, checked by
 * content); open (counts an access); delete; "Als PDF speichern". Each route is behind requireDevice
 * and writes the person's Protokoll through the service (who, document, device, result). The
 * OpenAPI document of the whole API is served here too.
 */
export const epaRecordsApi: EpaRoutes = (api, access, deps) => {
  const records = deps.epaRecords;
  /** The caller's own record, or with `Pforte-Vertretung` the represented person's (see actingCaller). */
  const acting = (request: FastifyRequest) => actingCaller(request, access, deps.epaRepresentation);

  api.get('/openapi.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(openApiDocument(deps.config.publicUrl)));

  api.get('/documents', async (request): Promise<DocumentListView> => {
    const { owner, access: by } = await acting(request);
    const { page, ...query } = documentQuery(request);
    const list = await records.listPage(by, owner, query, page);
    const authors = await records.authors(owner);
    return { documents: list.documents.map(documentView), total: list.total, page: list.page, pages: list.pages, pageSize: list.pageSize, authors };
  });

  api.post('/documents', { config: { uploads: true, uploadMaxBytes: MAX_DOCUMENT_BYTES } }, async (request, reply) => {
    const { owner, access: by } = await acting(request);
    if (!request.isMultipart()) throw new AppError('request.unsupported_type', 415);
    const form = await readMultipart(request, deps.sessions, { maxBytes: MAX_DOCUMENT_BYTES });
    // nothing is stored of a refused upload; the refusal is in the Protokoll
    if (form.tooLarge) return records.refuseUpload(by, owner, 'epa_record.too_large', 'datei', 413);
    if (form.files.length !== 1) throw new AppError('epa_record.file_required', 422, { datei: 'epa_record.file_required' });
    const file = form.files[0]!;
    const input = { title: (form.fields.titel ?? '').slice(0, MAX_TITLE + 50), classCode: (form.fields.typ ?? '').slice(0, 20), fileName: file.name, bytes: file.bytes };
    const row = await records.add(by, owner, input, { signal: givenUp(reply) });
    return reply.code(201).send({ document: documentView(row) });
  });

  api.get<{ Params: { id: string } }>('/documents/:id', async (request, reply) => {
    const { owner, access: by } = await acting(request);
    const doc = await records.open(by, owner, request.params.id);
    return reply
      .header('content-type', doc.content_type)
      .header('content-disposition', attachment(doc.file_name))
      .header('cache-control', 'no-store')
      .send(doc.bytes);
  });

  api.delete<{ Params: { id: string } }>('/documents/:id', async (request, reply) => {
    const { owner, access: by } = await acting(request);
    await records.remove(by, owner, request.params.id);
    return reply.code(204).send();
  });

  api.post('/documents/export', async (request, reply) => {
    const { owner, access: by } = await acting(request);
    const ids = exportIds(jsonObject(request));
    const result = await records.exportPdf(by, owner, ids, { signal: givenUp(reply) });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(`ePA-Dokumente-${deps.clock.now().toISOString().slice(0, 10)}.pdf`))
      .header('cache-control', 'no-store')
      .header('x-epa-included', String(result.included.length))
      .header('x-epa-not-included', result.notIncluded.map((n) => n.id).join(','))
      .send(Buffer.from(result.bytes));
  });
};
