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
  | 'epa_record.export_too_many'
  | 'epa_record.too_many_pages'
  | 'epa_record.image_too_large'
  | 'epa_record.too_complex'
  | 'epa_record.export_too_large'
  | 'epa_record.export_timeout'
  | 'epa_record.busy'
  | 'epa_record.task_running'
  | 'epa_record.cancelled';

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
    'epa_record.too_many_pages': 'Das Dokument hat zu viele Seiten (eine PDF-Datei höchstens 500, ein TIFF-Bild höchstens 100). Bitte teilen Sie es auf mehrere Dokumente auf.',
    'epa_record.image_too_large': 'Das Bild hat zu viele Bildpunkte (höchstens 50 Megapixel je Seite, 400 Megapixel insgesamt). Bitte verkleinern Sie es und laden Sie es erneut hoch.',
    'epa_record.too_complex': 'Das Dokument ist zu aufwendig aufgebaut, um es zu prüfen. Bitte teilen Sie es auf mehrere Dokumente auf oder speichern Sie es neu als PDF (zum Beispiel mit „Als PDF drucken“).',
    'epa_record.export_too_large': 'Die ausgewählten Dokumente sind zusammen zu umfangreich für eine PDF-Datei (höchstens 2.000 Seiten und 100 MB). Bitte wählen Sie weniger Dokumente aus.',
    'epa_record.export_timeout': 'Das Speichern als PDF hat zu lange gedauert und wurde abgebrochen. Bitte wählen Sie weniger Dokumente aus oder versuchen Sie es später noch einmal.',
    'epa_record.busy': 'Der ePA-Dienst ist gerade ausgelastet und konnte Ihre Anfrage nicht bearbeiten. Das liegt nicht an Ihren Dokumenten. Bitte versuchen Sie es gleich noch einmal.',
    'epa_record.task_running': 'Es wird gerade schon ein Dokument von Ihnen geprüft oder als PDF gespeichert. Bitte warten Sie, bis das abgeschlossen ist, und versuchen Sie es dann noch einmal.',
    'epa_record.cancelled': 'Die Anfrage wurde abgebrochen.',
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
    'epa_record.too_many_pages': 'The document has too many pages (a PDF at most 500, a TIFF image at most 100). Please split it into several documents.',
    'epa_record.image_too_large': 'The image has too many pixels (at most 50 megapixels per page, 400 megapixels in all). Please make it smaller and upload it again.',
    'epa_record.too_complex': 'The document is built in too complex a way to be checked. Please split it into several documents or save it again as a PDF (for example with "Print to PDF").',
    'epa_record.export_too_large': 'Together, the selected documents are too large for one PDF file (at most 2,000 pages and 100 MB). Please choose fewer documents.',
    'epa_record.export_timeout': 'Saving as PDF took too long and was stopped. Please choose fewer documents or try again later.',
    'epa_record.busy': 'The ePA service is busy right now and could not handle your request. This is not because of your documents. Please try again shortly.',
    'epa_record.task_running': 'One of your documents is already being checked or saved as a PDF. Please wait until that is done, then try again.',
    'epa_record.cancelled': 'The request was cancelled.',
  },
});
