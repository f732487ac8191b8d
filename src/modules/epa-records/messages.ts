import { defineMessages } from '../../core/i18n/messages.ts';

/** Texts for the codes of the ePA record: adding, opening and deleting documents. */
export type EpaRecordCode =
  | 'epa_record.not_registered'
  | 'epa_record.file_required'
  | 'epa_record.empty'
  | 'epa_record.too_large'
  | 'epa_record.type_not_allowed'
  | 'epa_record.class_required'
  | 'epa_record.staff_no_content'
  | 'epa_record.date_invalid'
  | 'epa_record.export_none'
  | 'epa_record.export_too_many';

export const { de: epaRecordMessages, en: epaRecordMessagesEn } = defineMessages<EpaRecordCode>({
  de: {
    'epa_record.not_registered': 'Für diese Person gibt es noch keine elektronische Patientenakte. Bitte registrieren Sie sie zuerst für die ePA.',
    'epa_record.file_required': 'Bitte wählen Sie ein Dokument aus.',
    'epa_record.empty': 'Das Dokument ist leer. Bitte wählen Sie eine andere Datei aus.',
    'epa_record.too_large': 'Das Dokument ist größer als 25 MB. Bitte wählen Sie eine kleinere Datei aus.',
    'epa_record.type_not_allowed': 'Dieses Dateiformat ist nicht erlaubt. Erlaubt sind PDF, JPEG, PNG und TIFF.',
    'epa_record.class_required': 'Bitte wählen Sie den Typ des Dokuments.',
    'epa_record.staff_no_content': 'Die Inhalte der Dokumente sind nur für die versicherte Person und ihre Vertretung bestimmt.',
    'epa_record.date_invalid': 'Bitte geben Sie ein gültiges Datum an (JJJJ-MM-TT).',
    'epa_record.export_none': 'Bitte wählen Sie mindestens ein Dokument aus.',
    'epa_record.export_too_many': 'Bitte wählen Sie höchstens 100 Dokumente aus, um sie als PDF zu speichern.',
  },
  en: {
    'epa_record.not_registered': 'There is no electronic patient record for this person yet. Please register them for the ePA first.',
    'epa_record.file_required': 'Please choose a document.',
    'epa_record.empty': 'The document is empty. Please choose another file.',
    'epa_record.too_large': 'The document is larger than 25 MB. Please choose a smaller file.',
    'epa_record.type_not_allowed': 'This file format is not allowed. Allowed formats: PDF, JPEG, PNG and TIFF.',
    'epa_record.class_required': 'Please choose the type of the document.',
    'epa_record.staff_no_content': 'The content of the documents is meant only for the insured person and their representative.',
    'epa_record.date_invalid': 'Please enter a valid date (YYYY-MM-DD).',
    'epa_record.export_none': 'Please choose at least one document.',
    'epa_record.export_too_many': 'Please choose at most 100 documents to save them as a PDF.',
  },
});
