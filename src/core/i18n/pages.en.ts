import { commonPagesEn } from './pages/common.en.ts';
import { registrationPagesEn } from './pages/registration.en.ts';
import { loginPagesEn } from './pages/login.en.ts';
import { devicesPagesEn } from './pages/devices.en.ts';
import { postboxPagesEn } from './pages/postbox.en.ts';
import { usersPagesEn } from './pages/users.en.ts';
import { partnerPagesEn } from './pages/partner.en.ts';
import { legalPagesEn } from './pages/legal.en.ts';
import { identAppPagesEn } from './pages/ident-app.en.ts';
import { identLoginPagesEn } from './pages/ident-login.en.ts';

/**
 * The pages' German texts (the manuals' words, kept German in the sources) and their English.
 * A text node or a read attribute is looked up whole, white space collapsed; a test walks every
 * portal page and fails on a German text without an entry here. Product names ("Mein AOK
 * Arbeitgeberservice", "Zweifaktor App") and the insurers' names stay as they are.
 * The texts live by area in pages/; a text two areas share stands in common.en.ts, and a test
 * finds a text given twice.
 */
export const pageAreasEn: readonly Record<string, string>[] = [
  commonPagesEn,
  registrationPagesEn,
  loginPagesEn,
  devicesPagesEn,
  postboxPagesEn,
  usersPagesEn,
  partnerPagesEn,
  legalPagesEn,
  identAppPagesEn,
  identLoginPagesEn,
];

export const pagesEn: Record<string, string> = Object.assign({}, ...pageAreasEn);

/**
 * Texts with a number, a date or a name: a {placeholder} stands for any text and is kept;
 * {text…} must be a text of this catalogue and is translated (a page's title before the portal's name).
 */
export const pagePatternsEn: Record<string, string> = {
  'Fehler: {text} – {text2} – Mein {portal}': 'Error: {text} – {text2} – Mein {portal}',
  'Fehler: {text} – Mein {portal}': 'Error: {text} – Mein {portal}',
  '{text} – {text2} – Mein {portal}': '{text} – {text2} – Mein {portal}',
  '{text} – Mein {portal}': '{text} – Mein {portal}',
  'Fehler: {text}': 'Error: {text}',
  '{text}: {text2}': '{text}: {text2}',
  'Startseite von {portal}': 'Start page of {portal}',
  'Schritt {n} von {m}': 'Step {n} of {m}',
  'Schritt {n}:': 'Step {n}:',
  '({n} Anhang)': '({n} attachment)',
  '({n} Anhänge)': '({n} attachments)',
  '({type}, {n} Byte)': '({type}, {n} bytes)',
  '({type}, {n} KB)': '({type}, {n} KB)',
  '({type}, {n} MB)': '({type}, {n} MB)',
  ', gültig ab {date}': ', valid from {date}',
  '{n} ungelesene Nachrichten.': '{n} unread messages.',
  '{n} ungelesene Nachricht.': '{n} unread message.',
  'Mein {brand} Arbeitgeberservice': 'Mein {brand} Arbeitgeberservice',
  'Mein {brand} Gesundheitspartnerservice': 'Mein {brand} Gesundheitspartnerservice',
  '{brand} Zweifaktor App': '{brand} Zweifaktor App',
  '. Bitte schließen Sie die Registrierung bis zum {date} ab, anderenfalls werden Ihre Registrierungsdaten gelöscht.': '. Please complete the registration by {date}; otherwise your registration data will be deleted.',
  'QR-Code der Adresse der {app}: {url}': 'QR code of the address of the {app}: {url}',
  'Aktivierung durch {brand}-Administrator': 'Activation by {brand} administrator',
  'Prüfung durch {brand}-Administrator': 'Check by {brand} administrator',
  '{n} Zahlungsavise in „Neu“': '{n} payment advices in "New"',
  '{n} Zahlungsavis in „Neu“': '{n} payment advice in "New"',
  '{n} Zahlungsavise im Archiv': '{n} payment advices in the archive',
  '{n} Zahlungsavis im Archiv': '{n} payment advice in the archive',
  '{email}: {text}': '{email}: {text}',
  '{file} löschen': 'Delete {file}',
  'IK-Nummer {ik} entfernen': 'Remove IK number {ik}',
};
