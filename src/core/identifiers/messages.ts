import type { IdentifierCode } from './checks.ts';
import { defineMessages } from '../i18n/messages.ts';

export const { de: identifierMessages, en: identifierMessagesEn } = defineMessages<IdentifierCode>({
  de: {
    'betriebsnummer.required': 'Bitte geben Sie die Betriebsnummer an.',
    'betriebsnummer.not_digits': 'Die Betriebsnummer besteht nur aus Ziffern.',
    'betriebsnummer.length': 'Die Betriebsnummer hat genau 8 Ziffern.',
    'betriebsnummer.range': 'Eine Betriebsnummer beginnt nicht mit 000 und nicht mit 100 bis 110.',
    'betriebsnummer.check_digit': 'Die Prüfziffer der Betriebsnummer stimmt nicht. Bitte prüfen Sie Ihre Eingabe.',

    'ik.required': 'Bitte geben Sie das Institutionskennzeichen (IK) an.',
    'ik.not_digits': 'Das Institutionskennzeichen (IK) besteht nur aus Ziffern.',
    'ik.length': 'Das Institutionskennzeichen (IK) hat genau 9 Ziffern.',
    'ik.check_digit': 'Die Prüfziffer des Institutionskennzeichens (IK) stimmt nicht. Bitte prüfen Sie Ihre Eingabe.',

    'kvnr.required': 'Bitte geben Sie die Krankenversichertennummer an.',
    'kvnr.characters': 'Die Krankenversichertennummer enthält nur Buchstaben A bis Z (ohne Umlaute) und Ziffern.',
    'kvnr.length': 'Die Krankenversichertennummer hat genau 10 Stellen.',
    'kvnr.format': 'Die Krankenversichertennummer beginnt mit einem Buchstaben, danach folgen 9 Ziffern.',
    'kvnr.check_digit': 'Die Prüfziffer der Krankenversichertennummer stimmt nicht. Bitte prüfen Sie Ihre Eingabe.',

    'versicherungsnummer.required': 'Bitte geben Sie die Versicherungsnummer an.',
    'versicherungsnummer.characters': 'Die Versicherungsnummer enthält nur Ziffern und einen Buchstaben A bis Z (ohne Umlaute).',
    'versicherungsnummer.length': 'Die Versicherungsnummer hat genau 12 Stellen.',
    'versicherungsnummer.format': 'Die Versicherungsnummer besteht aus 8 Ziffern, einem Buchstaben und 3 Ziffern, zum Beispiel 65170839J081.',
    'versicherungsnummer.date': 'Das Geburtsdatum in der Versicherungsnummer (Stellen 3 bis 8) ist kein gültiges Datum.',
    'versicherungsnummer.check_digit': 'Die Prüfziffer der Versicherungsnummer stimmt nicht. Bitte prüfen Sie Ihre Eingabe.',

    'iban.required': 'Bitte geben Sie die IBAN an.',
    'iban.characters': 'Die IBAN enthält nur Buchstaben und Ziffern.',
    'iban.country': 'Bitte geben Sie eine deutsche IBAN an. Sie beginnt mit DE.',
    'iban.length': 'Eine deutsche IBAN hat genau 22 Stellen.',
    'iban.format': 'Nach DE folgen in der IBAN nur Ziffern.',
    'iban.check_digit': 'Die Prüfziffer der IBAN stimmt nicht. Bitte prüfen Sie Ihre Eingabe.',

    'plz.required': 'Bitte geben Sie die Postleitzahl an.',
    'plz.not_digits': 'Die Postleitzahl besteht nur aus Ziffern.',
    'plz.length': 'Die Postleitzahl hat genau 5 Ziffern.',
    'plz.range': 'Eine Postleitzahl beginnt nicht mit 00.',
  },
  en: {
    'betriebsnummer.required': 'Please enter the employer number (Betriebsnummer).',
    'betriebsnummer.not_digits': 'The employer number contains digits only.',
    'betriebsnummer.length': 'The employer number has exactly 8 digits.',
    'betriebsnummer.range': 'An employer number does not start with 000 or with 100 to 110.',
    'betriebsnummer.check_digit': 'The check digit of the employer number does not match. Please check your entry.',

    'ik.required': 'Please enter the institution code (IK).',
    'ik.not_digits': 'The institution code (IK) contains digits only.',
    'ik.length': 'The institution code (IK) has exactly 9 digits.',
    'ik.check_digit': 'The check digit of the institution code (IK) does not match. Please check your entry.',

    'kvnr.required': 'Please enter the health insurance number (KVNR).',
    'kvnr.characters': 'The health insurance number contains only letters A to Z (no umlauts) and digits.',
    'kvnr.length': 'The health insurance number has exactly 10 characters.',
    'kvnr.format': 'The health insurance number starts with a letter followed by 9 digits.',
    'kvnr.check_digit': 'The check digit of the health insurance number does not match. Please check your entry.',

    'versicherungsnummer.required': 'Please enter the pension insurance number.',
    'versicherungsnummer.characters': 'The pension insurance number contains only digits and one letter A to Z (no umlauts).',
    'versicherungsnummer.length': 'The pension insurance number has exactly 12 characters.',
    'versicherungsnummer.format': 'The pension insurance number consists of 8 digits, one letter and 3 digits, for example 65170839J081.',
    'versicherungsnummer.date': 'The date of birth in the pension insurance number (characters 3 to 8) is not a valid date.',
    'versicherungsnummer.check_digit': 'The check digit of the pension insurance number does not match. Please check your entry.',

    'iban.required': 'Please enter the IBAN.',
    'iban.characters': 'The IBAN contains only letters and digits.',
    'iban.country': 'Please enter a German IBAN. It starts with DE.',
    'iban.length': 'A German IBAN has exactly 22 characters.',
    'iban.format': 'After DE, the IBAN contains digits only.',
    'iban.check_digit': 'The check digits of the IBAN do not match. Please check your entry.',

    'plz.required': 'Please enter the postcode.',
    'plz.not_digits': 'The postcode contains digits only.',
    'plz.length': 'The postcode has exactly 5 digits.',
    'plz.range': 'A postcode does not start with 00.',
  },
});
