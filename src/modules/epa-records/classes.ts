/**
 * "Typ" of an ePA document: the IHE Deutschland classCode value set (Dokumentenklassen, OID
 * 1.3.6.1.4.1.19376.3.276.1.5.8) that the gematik ePA uses for a document's classCode, with its German
 * display names; the consent form is LOINC 57016-8 as in that value set. Source: IHE Deutschland e.V.,
 * "Value Sets for XDS" (CC BY 4.0).
 */
export const CLASS_CODE_SYSTEM = '1.3.6.1.4.1.19376.3.276.1.5.8';

export const DOCUMENT_CLASSES = [
  { code: 'ADM', label: 'Administratives Dokument' },
  { code: 'ANF', label: 'Anforderung' },
  { code: 'ASM', label: 'Assessment' },
  { code: 'BEF', label: 'Befundbericht' },
  { code: 'BIL', label: 'Bilddaten' },
  { code: 'BRI', label: 'Brief' },
  { code: 'DOK', label: 'Dokumente ohne besondere Form (Notizen)' },
  { code: 'DUR', label: 'Durchführungsprotokoll' },
  { code: 'FOR', label: 'Forschung' },
  { code: 'GUT', label: 'Gutachten und Qualitätsmanagement' },
  { code: 'LAB', label: 'Laborergebnisse' },
  { code: 'AUS', label: 'Medizinischer Ausweis' },
  { code: 'MED', label: 'Medikation' },
  { code: '57016-8', label: 'Patienteneinverständniserklärung' },
  { code: 'PLA', label: 'Planungsdokument' },
  { code: 'VER', label: 'Verordnung' },
  { code: 'VID', label: 'Videodaten' },
] as const;

export type DocumentClass = (typeof DOCUMENT_CLASSES)[number]['code'];

export function isDocumentClass(value: unknown): value is DocumentClass {
  return DOCUMENT_CLASSES.some((c) => c.code === value);
}

/** The German name of a Typ; an unknown code (an older value set) shows as itself. */
export function documentClassLabel(code: string): string {
  return DOCUMENT_CLASSES.find((c) => c.code === code)?.label ?? code;
}

/** The codes in the order of their German names: "sort by Typ" sorts what people read. */
export const CLASS_CODES_BY_LABEL: readonly string[] = [...DOCUMENT_CLASSES].sort((a, b) => a.label.localeCompare(b.label, 'de')).map((c) => c.code);
