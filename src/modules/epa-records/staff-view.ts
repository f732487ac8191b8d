import type { DocumentMeta, DocumentSort } from './service.ts';

/** What the back office shows as the Autor of a document the person (or their representative) added. */
export const STAFF_OWN_AUTHOR = 'Versicherte Person';

/** A document as the insurer's staff see it: `title` is null where it is not theirs to read. */
export type StaffDocument = Omit<DocumentMeta, 'title'> & { title: string | null };

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * The Patientenakte as the insurer's staff may see it. A record is the person's (manual 003; the
 * insurer holds none of it): staff see that documents are there and of which kind (Typ, Zugriffe,
 * Erstelldatum, Größe, Format), which is what they need to answer the person, and the titles only of
 * documents from the AOK or other institutions, which the person did not write. What the person or
 * their representative uploaded keeps its title and its author to the person: a title like
 * "Befund Psychotherapie" is already content, and a representative's name tells whom the person
 * trusts. The sorts by Titel and Autor are redone on what is shown, so the order of the hidden
 * titles tells nothing either; the other sorts are the database's.
 */
export function staffDocuments(documents: readonly DocumentMeta[], sort: DocumentSort, direction: 'asc' | 'desc'): StaffDocument[] {
  const shown: StaffDocument[] = documents.map((d) => (d.author_kind === 'insured' ? { ...d, title: null, author: STAFF_OWN_AUTHOR } : d));
  if (sort !== 'titel' && sort !== 'autor') return shown;
  const sign = direction === 'asc' ? 1 : -1;
  const key = (d: StaffDocument) => (sort === 'titel' ? d.title : d.author);
  return shown.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    // hidden titles last either way, among themselves newest first (as the page opens)
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const byKey = collator.compare(a, b);
      if (byKey !== 0) return sign * byKey;
    }
    return new Date(y.created_at).getTime() - new Date(x.created_at).getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  });
}
