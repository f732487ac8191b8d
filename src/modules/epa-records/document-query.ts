import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { likeLiteral } from '../../core/db/like.ts';
import { CLASS_CODES_BY_LABEL } from './classes.ts';

export type DocumentSort = 'typ' | 'titel' | 'autor' | 'zugriffe' | 'erstelldatum' | 'groesse';

export interface DocumentQuery {
  /** in Titel or Autor, case-insensitive */
  search?: string;
  classCode?: string;
  author?: string;
  /** created from (inclusive) */
  from?: Date;
  /** created before (exclusive) */
  to?: Date;
  sort?: DocumentSort;
  direction?: 'asc' | 'desc';
}

export const DOCUMENT_SORTS: readonly DocumentSort[] = ['typ', 'titel', 'autor', 'zugriffe', 'erstelldatum', 'groesse'];

/** The documents of a record that a list's search and filters match (Titel or Autor, Typ, Autor, period). */
export function matchingDocuments(db: Db, recordId: string, query: DocumentQuery) {
  let q = db.selectFrom('epa_documents').where('record_id', '=', recordId);
  const search = (query.search ?? '').trim().toLowerCase();
  if (search) {
    const pattern = `%${likeLiteral(search)}%`;
    q = q.where((eb) => eb.or([eb(sql<string>`lower(title)`, 'like', pattern), eb(sql<string>`lower(author)`, 'like', pattern)]));
  }
  if (query.classCode) q = q.where('class_code', '=', query.classCode);
  if (query.author) q = q.where('author', '=', query.author);
  if (query.from) q = q.where('created_at', '>=', query.from);
  if (query.to) q = q.where('created_at', '<', query.to);
  return q;
}

/** The list's order: the query's column ("Typ" by its German name, "Titel" without case), newest first unless told otherwise; ties newest first. */
export function sortedDocuments<Q extends { orderBy: (...args: any[]) => Q }>(q: Q, query: DocumentQuery): Q {
  const direction = query.direction ?? 'desc';
  const sort = query.sort ?? 'erstelldatum';
  const columns = {
    typ: sql`array_position(${sql.val(CLASS_CODES_BY_LABEL)}::text[], class_code)`,
    titel: sql`lower(title)`,
    autor: sql`lower(author)`,
    zugriffe: sql`access_count`,
    erstelldatum: sql`created_at`,
    groesse: sql`size`,
  } as const;
  let ordered = q.orderBy(columns[sort], direction);
  if (sort !== 'erstelldatum') ordered = ordered.orderBy('created_at', 'desc');
  return ordered.orderBy('id', direction);
}
