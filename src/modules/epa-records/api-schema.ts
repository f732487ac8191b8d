import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { hasInvisibleChars } from '../../core/http/forms.ts';
import { MAX_SEARCH, parseQuery, single } from '../../core/http/input.ts';
import { dayParam, pageParam, refuseQuery } from '../epa-protocol/api-schema.ts';
import { DOCUMENT_CLASSES, documentClassLabel, isDocumentClass } from './classes.ts';
import { DOCUMENT_SORTS, MAX_EXPORT_DOCUMENTS, MAX_TITLE, type DocumentMeta, type DocumentQuery, type DocumentSort } from './service.ts';

/** `GET /documents?q=&typ=&von=&bis=&autor=&sort=&dir=&page=`: every parameter checked; a wrong one is a 400 naming it. */
export function documentQuery(request: FastifyRequest): DocumentQuery & { page: number } {
  const q = parseQuery(request, single('q', 'typ', 'von', 'bis', 'autor', 'sort', 'dir', 'page'));
  const errors: FieldErrors = {};
  const text = (field: 'q' | 'autor', max: number) => {
    const value = (q[field] ?? '').trim();
    if (hasInvisibleChars(value)) errors[field] = 'field.invalid_chars';
    else if (value.length > max) errors[field] = 'field.too_long';
    return value || undefined;
  };
  const search = text('q', MAX_SEARCH);
  const author = text('autor', MAX_TITLE);
  if (q.typ && !isDocumentClass(q.typ)) errors.typ = 'field.invalid_choice';
  if (q.sort && !DOCUMENT_SORTS.includes(q.sort as DocumentSort)) errors.sort = 'field.invalid_choice';
  if (q.dir && q.dir !== 'asc' && q.dir !== 'desc') errors.dir = 'field.invalid_choice';
  const from = dayParam(q.von, 'start', 'von', errors);
  const to = dayParam(q.bis, 'end', 'bis', errors);
  const page = pageParam(q.page, errors);
  refuseQuery(errors);
  return {
    ...(search ? { search } : {}),
    ...(q.typ ? { classCode: q.typ } : {}),
    ...(author ? { author } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.sort ? { sort: q.sort as DocumentSort } : {}),
    ...(q.dir ? { direction: q.dir as 'asc' | 'desc' } : {}),
    page,
  };
}

const CLASS_CODES = DOCUMENT_CLASSES.map((c) => c.code) as [string, ...string[]];

export const DocumentSchema = z
  .object({
    id: z.string(),
    classCode: z.enum(CLASS_CODES).meta({ description: 'Typ: the classCode of the IHE Deutschland value set (OID 1.3.6.1.4.1.19376.3.276.1.5.8)' }),
    classLabel: z.string().meta({ description: 'Typ in German, e.g. Befundbericht' }),
    title: z.string().meta({ description: 'Titel' }),
    author: z.string().meta({ description: 'Autor: "von mir" for the person\'s own uploads, the institution otherwise' }),
    authorKind: z.enum(['insured', 'institution']),
    createdAt: z.iso.datetime().meta({ description: 'Erstelldatum (UTC)' }),
    accessCount: z.number().int().meta({ description: 'Zugriffe: how often the document was opened or exported' }),
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']),
    fileName: z.string(),
    size: z.number().int().meta({ description: 'bytes' }),
  })
  .meta({ description: 'A document of the record (metadata; the bytes are GET /documents/{id}).' });

export const DocumentListSchema = z
  .object({
    documents: z.array(DocumentSchema),
    total: z.number().int().meta({ description: 'documents matching search and filters, on all pages' }),
    page: z.number().int(),
    pages: z.number().int(),
    pageSize: z.number().int(),
    authors: z.array(z.string()).meta({ description: 'every Autor of the record, for the filter' }),
  })
  .meta({ description: 'A page of the document list (50 documents), newest first unless sorted otherwise.' });

export const DocumentAddedSchema = z.object({ document: DocumentSchema });

export const ExportRequestSchema = z
  .object({ ids: z.array(z.string()).min(1).max(MAX_EXPORT_DOCUMENTS).meta({ description: 'the selected documents, in the order the PDF has them' }) })
  .meta({ description: '"Als PDF speichern" of the selected documents.' });

export const ApiErrorSchema = z
  .object({
    error: z.string().meta({ description: 'a stable code, e.g. epa_record.too_large' }),
    message: z.string().meta({ description: 'the German text to show' }),
    requestId: z.string().optional(),
    details: z.record(z.string(), z.string()).optional().meta({ description: 'per field or parameter: its code; or facts such as attemptsLeft' }),
  })
  .meta({ description: 'A refusal.' });

export type DocumentView = z.infer<typeof DocumentSchema>;
export type DocumentListView = z.infer<typeof DocumentListSchema>;
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/** A document's metadata as the API shows it. */
export function documentView(row: DocumentMeta): DocumentView {
  return {
    id: row.id,
    classCode: row.class_code,
    classLabel: documentClassLabel(row.class_code),
    title: row.title,
    author: row.author,
    authorKind: row.author_kind,
    createdAt: row.created_at.toISOString(),
    accessCount: row.access_count,
    contentType: row.content_type,
    fileName: row.file_name,
    size: row.size,
  };
}

/** The ids of an export's body: 1 to MAX_EXPORT_DOCUMENTS strings; otherwise a 422 at `ids`. */
export function exportIds(body: Record<string, unknown>): string[] {
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id.length <= 100)) return refuseIds('epa_record.export_none');
  if (ids.length > MAX_EXPORT_DOCUMENTS) return refuseIds('epa_record.export_too_many');
  return ids as string[];
}

function refuseIds(code: 'epa_record.export_none' | 'epa_record.export_too_many'): never {
  throw new AppError(code, 422, { ids: code });
}
