/**
 * The actions on ePA records (issue 15): documents added, deleted, a document id of another record,
 * and the insurer's staff looking at a record's list. The insured's own Protokoll (epa-protocol)
 * records every access as well; this is the platform's audit log. actions.ts spreads them in.
 */
export const epaRecordDe = {
  'epa_record.viewed': 'ePA: Dokumentenliste von Mitarbeitenden angesehen',
  'epa_record.document_added': 'ePA: Dokument hinzugefügt',
  'epa_record.document_deleted': 'ePA: Dokument gelöscht',
  'epa_record.document_refused': 'ePA: Dokument abgewiesen (Format oder Größe)',
  'epa_record.document_denied': 'ePA: Zugriff auf ein Dokument einer anderen Akte abgewiesen',
  'epa_record.denied': 'ePA: Zugriff auf eine Akte außerhalb der eigenen AOK abgewiesen',
};

export const epaRecordEn: Record<keyof typeof epaRecordDe, string> = {
  'epa_record.viewed': 'ePA: document list viewed by staff',
  'epa_record.document_added': 'ePA: document added',
  'epa_record.document_deleted': 'ePA: document deleted',
  'epa_record.document_refused': 'ePA: document refused (format or size)',
  'epa_record.document_denied': "ePA: access to a document of another record refused",
  'epa_record.denied': "ePA: access to a record outside the staff member's AOK refused",
};
