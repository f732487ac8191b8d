import { defineMessages } from '../../core/i18n/messages.ts';

export type EmployerProfileCode =
  | 'logo.none'
  | 'logo.type_not_allowed'
  | 'logo.too_large'
  | 'logo.unreadable'
  | 'logo.name_mismatch'
  | 'contact.main_not_removable'
  | 'contact.replacement_required';

export const { de: employerProfileMessages, en: employerProfileMessagesEn } = defineMessages<EmployerProfileCode>({
  de: {
    'logo.none': 'Bitte wählen Sie eine Bilddatei aus.',
    'logo.type_not_allowed': 'Dieses Dateiformat ist nicht erlaubt. Erlaubte Dateiformate sind JPEG, PNG und GIF.',
    'logo.too_large': 'Die Datei ist zu groß. Die Datei darf maximal 1 MB groß sein.',
    'logo.unreadable': 'Das Bild kann nicht gelesen werden oder ist zu groß (höchstens 5000 × 5000 Bildpunkte). Bitte wählen Sie eine andere Datei aus.',
    'logo.name_mismatch': 'Der Dateiname passt nicht zum Inhalt der Datei (zum Beispiel ein PNG-Bild mit der Endung .gif). Bitte wählen Sie die richtige Datei aus.',
    'contact.main_not_removable': 'Der Hauptansprechpartner kann nicht entfernt werden. Wechseln Sie zuerst den Hauptansprechpartner.',
    'contact.replacement_required': 'Bitte wählen Sie aus, wer die Stellenanzeigen dieses Ansprechpartners übernimmt.',
  },
  en: {
    'logo.none': 'Please choose an image file.',
    'logo.type_not_allowed': 'This file format is not allowed. Allowed formats are JPEG, PNG and GIF.',
    'logo.too_large': 'The file is too large. The file may be at most 1 MB.',
    'logo.unreadable': 'The image cannot be read or is too large (at most 5000 × 5000 pixels). Please choose another file.',
    'logo.name_mismatch': 'The file name does not match the file content (for example a PNG image ending in .gif). Please choose the right file.',
    'contact.main_not_removable': 'The main contact cannot be removed. Change the main contact first.',
    'contact.replacement_required': 'Please choose who takes over the job postings of this contact.',
  },
});
