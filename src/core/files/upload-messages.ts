/**
 * Texts for the upload check codes (upload-rules.ts), German for the portals
 * and English for the English UI / logs.
 */
import type { UploadErrorCode } from './upload-rules.ts';

export const uploadMessages: Readonly<Record<UploadErrorCode, string>> = {
  'upload.empty': 'Die Datei ist leer. Bitte wählen Sie eine andere Datei aus.',
  'upload.type_not_allowed':
    'Dieses Dateiformat ist nicht erlaubt. Erlaubt sind: docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx, pdf.',
  'upload.bad_name':
    'Der Dateiname ist ungültig. Bitte benennen Sie die Datei um (höchstens 200 Zeichen, ohne Schrägstriche, „..“ und Steuerzeichen).',
  'upload.too_many': 'Sie können höchstens zwei Dateien hochladen. Bitte löschen Sie zuerst eine Datei.',
  'upload.too_large':
    'Die Dateien dürfen zusammen höchstens 10 MB groß sein. Bitte verkleinern Sie die Datei oder löschen Sie zuerst eine Datei.',
};

export const uploadMessagesEn: Readonly<Record<UploadErrorCode, string>> = {
  'upload.empty': 'The file is empty. Please choose another file.',
  'upload.type_not_allowed':
    'This file format is not allowed. Allowed formats: docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx, pdf.',
  'upload.bad_name':
    'The file name is not valid. Please rename the file (at most 200 characters, no slashes, "..", or control characters).',
  'upload.too_many': 'You can upload at most two files. Please delete a file first.',
  'upload.too_large':
    'All files together may be at most 10 MB. Please reduce the file size or delete a file first.',
};
