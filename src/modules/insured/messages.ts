import { defineMessages } from '../../core/i18n/messages.ts';

/**
 * Texts for the insured persons' codes: the back office's "Versicherte" (form, import, letters) and
 * the activation of the Ident app with the letter's code. An import line's detail (column, first line
 * of a duplicate, field count) is shown after the text.
 */
export type InsuredCode =
  | 'insured.kvnr_taken'
  | 'insured.birth_date'
  | 'insured.insurer_required'
  | 'insured.identity_check_required'
  | 'insured.reason_required'
  | 'insured.locked'
  | 'insured.already_locked'
  | 'insured.not_locked'
  | 'insured.already_registered'
  | 'insured.not_registered'
  | 'insured.activation_invalid'
  | 'insured.activation_expired'
  | 'insured.activation_used'
  | 'insured.activation_too_many'
  | 'insured.person_locked'
  | 'insured_import.encoding'
  | 'insured_import.empty'
  | 'insured_import.header'
  | 'insured_import.too_many_rows'
  | 'insured_import.broken_line'
  | 'insured_import.field_count'
  | 'insured_import.duplicate'
  | 'insured_import.kvnr_taken'
  | 'insured_import.no_file'
  | 'insured_import.one_file'
  | 'insured_import.too_large';

export const { de: insuredMessages, en: insuredMessagesEn } = defineMessages<InsuredCode>({
  de: {
    'insured.kvnr_taken': 'Für diese Krankenversichertennummer ist bereits eine versicherte Person angelegt.',
    'insured.birth_date': 'Bitte geben Sie das Geburtsdatum als TT.MM.JJJJ an (ein gültiges Datum ab 1900, nicht in der Zukunft).',
    'insured.insurer_required': 'Bitte wählen Sie die AOK der versicherten Person.',
    'insured.identity_check_required': 'Bitte wählen Sie aus, wie die Identität der versicherten Person geprüft wurde.',
    'insured.reason_required': 'Bitte geben Sie einen Grund an.',
    'insured.locked': 'Die versicherte Person ist gesperrt. Ein Aktivierungsbrief ist erst nach dem Entsperren möglich.',
    'insured.already_locked': 'Die versicherte Person ist bereits gesperrt.',
    'insured.not_locked': 'Die versicherte Person ist nicht gesperrt.',
    'insured.already_registered': 'Die versicherte Person ist bereits für die ePA registriert.',
    'insured.not_registered': 'Die versicherte Person ist noch nicht für die ePA registriert.',
    'insured.activation_invalid': 'Versichertennummer oder Aktivierungscode ist nicht korrekt.',
    'insured.activation_expired': 'Dieser Aktivierungscode ist abgelaufen. Ihre AOK stellt Ihnen gern einen neuen Aktivierungsbrief aus.',
    'insured.activation_used': 'Dieser Aktivierungscode wurde bereits verwendet. Für einen neuen Aktivierungsbrief wenden Sie sich bitte an Ihre AOK.',
    'insured.activation_too_many': 'Zu viele falsche Eingaben. Bitte versuchen Sie es später erneut.',
    'insured.person_locked': 'Ihr Zugang zur ePA ist gesperrt. Bitte wenden Sie sich an Ihre AOK.',
    'insured_import.encoding': 'Die Datei ist weder UTF-8 noch Windows-1252 (ANSI) kodiert oder enthält Steuerzeichen. Bitte speichern Sie sie als „CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“.',
    'insured_import.empty': 'Die Datei enthält keine Einträge.',
    'insured_import.header': 'Die Kopfzeile ist nicht in Ordnung. Erwartet werden die Spalten KVNR;Name;Vorname;Geburtsdatum;E-Mail (Pflicht), wahlweise dazu Straße;PLZ;Ort.',
    'insured_import.too_many_rows': 'Die Datei enthält mehr als 100 000 Einträge. Bitte teilen Sie sie auf.',
    'insured_import.broken_line': 'Die Zeile ist fehlerhaft (Anführungszeichen).',
    'insured_import.field_count': 'Die Zeile hat nicht so viele Felder wie die Kopfzeile.',
    'insured_import.duplicate': 'Diese Krankenversichertennummer steht mehrfach in der Datei.',
    'insured_import.kvnr_taken': 'Diese Krankenversichertennummer gehört zu einer versicherten Person einer anderen AOK.',
    'insured_import.no_file': 'Bitte wählen Sie eine CSV-Datei aus.',
    'insured_import.one_file': 'Bitte wählen Sie genau eine CSV-Datei aus.',
    'insured_import.too_large': 'Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf.',
  },
  en: {
    'insured.kvnr_taken': 'An insured person with this health insurance number already exists.',
    'insured.birth_date': 'Please enter the date of birth as DD.MM.YYYY (a valid date from 1900, not in the future).',
    'insured.insurer_required': "Please choose the insured person's AOK.",
    'insured.identity_check_required': "Please choose how the insured person's identity was checked.",
    'insured.reason_required': 'Please give a reason.',
    'insured.locked': 'The insured person is locked. An activation letter is only possible after unlocking.',
    'insured.already_locked': 'The insured person is already locked.',
    'insured.not_locked': 'The insured person is not locked.',
    'insured.already_registered': 'The insured person is already registered for the ePA.',
    'insured.not_registered': 'The insured person is not yet registered for the ePA.',
    'insured.activation_invalid': 'Health insurance number or activation code is not correct.',
    'insured.activation_expired': 'This activation code has expired. Your AOK will gladly issue you a new activation letter.',
    'insured.activation_used': 'This activation code has already been used. Please contact your AOK for a new activation letter.',
    'insured.activation_too_many': 'Too many wrong entries. Please try again later.',
    'insured.person_locked': 'Your access to the ePA is locked. Please contact your AOK.',
    'insured_import.encoding': 'The file is neither UTF-8 nor Windows-1252 (ANSI) encoded, or it contains control characters. Please save it as "CSV UTF-8" or "CSV (comma delimited)".',
    'insured_import.empty': 'The file contains no entries.',
    'insured_import.header': 'The header line is not right. Expected columns: KVNR;Name;Vorname;Geburtsdatum;E-Mail (required), optionally Straße;PLZ;Ort.',
    'insured_import.too_many_rows': 'The file contains more than 100,000 entries. Please split it.',
    'insured_import.broken_line': 'The line is broken (quotation marks).',
    'insured_import.field_count': 'The line does not have as many fields as the header line.',
    'insured_import.duplicate': 'This health insurance number appears more than once in the file.',
    'insured_import.kvnr_taken': 'This health insurance number belongs to an insured person of another AOK.',
    'insured_import.no_file': 'Please choose a CSV file.',
    'insured_import.one_file': 'Please choose exactly one CSV file.',
    'insured_import.too_large': 'The file is larger than 10 MB. Please split it.',
  },
});
