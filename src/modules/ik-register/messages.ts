/**
 * Texts for the IK register import codes (csv-import.ts, the back-office page); a line's
 * detail (column, first line of a duplicate, field count) is shown after the text.
 */
const de = {
  'ik_import.encoding': 'Die Datei ist weder UTF-8 noch Windows-1252 (ANSI) kodiert oder enthält Steuerzeichen. Bitte speichern Sie sie als „CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“.',
  'ik_import.empty': 'Die Datei enthält keine Einträge.',
  'ik_import.header': 'Die Kopfzeile ist nicht in Ordnung. Erwartet werden die Spalten IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil (IK und Name sind Pflicht).',
  'ik_import.too_many_rows': 'Die Datei enthält mehr als 100 000 Einträge. Bitte teilen Sie sie auf.',
  'ik_import.broken_line': 'Die Zeile ist fehlerhaft (Anführungszeichen).',
  'ik_import.field_count': 'Die Zeile hat nicht so viele Felder wie die Kopfzeile.',
  'ik_import.duplicate': 'Diese IK steht mehrfach in der Datei.',
  'ik_import.name': 'Der Name fehlt.',
  'ik_import.too_long': 'Ein Wert ist zu lang (Name, Straße und Ort höchstens 200, Klassifikation höchstens 100 Zeichen).',
  'ik_import.invalid_chars': 'Ein Wert enthält unzulässige Zeichen (Steuer- oder Formatierungszeichen).',
  'ik_import.postal_code': 'Die Postleitzahl muss leer sein oder aus genau 5 Ziffern bestehen (nicht mit 00 beginnend).',
  'ik_import.region_part': 'Der Landesteil muss leer, „Rheinland“ oder „Westfalen-Lippe“ sein.',
  'ik_import.no_file': 'Bitte wählen Sie eine CSV-Datei aus.',
  'ik_import.one_file': 'Bitte wählen Sie genau eine CSV-Datei aus.',
  'ik_import.too_large': 'Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf.',
} as const;

export type IkImportCode = keyof typeof de;

const en: Record<IkImportCode, string> = {
  'ik_import.encoding': 'The file is neither UTF-8 nor Windows-1252 (ANSI) encoded, or it contains control characters. Please save it as "CSV UTF-8" or "CSV (comma delimited)".',
  'ik_import.empty': 'The file contains no entries.',
  'ik_import.header': 'The header line is not right. Expected columns: IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil (IK and Name are required).',
  'ik_import.too_many_rows': 'The file contains more than 100,000 entries. Please split it.',
  'ik_import.broken_line': 'The line is broken (quotation marks).',
  'ik_import.field_count': 'The line does not have as many fields as the header line.',
  'ik_import.duplicate': 'This IK appears more than once in the file.',
  'ik_import.name': 'The name is missing.',
  'ik_import.too_long': 'A value is too long (name, street and city at most 200, classification at most 100 characters).',
  'ik_import.invalid_chars': 'A value contains characters that are not allowed (control or formatting characters).',
  'ik_import.postal_code': 'The postcode must be empty or exactly 5 digits (not starting with 00).',
  'ik_import.region_part': 'The region part must be empty, "Rheinland" or "Westfalen-Lippe".',
  'ik_import.no_file': 'Please choose a CSV file.',
  'ik_import.one_file': 'Please choose exactly one CSV file.',
  'ik_import.too_large': 'The file is larger than 10 MB. Please split it.',
};

export const ikImportMessages: Record<IkImportCode, string> = de;
export const ikImportMessagesEn: Record<IkImportCode, string> = en;
