import { providerMessages } from '../../modules/provider-iks/messages.ts';
import { pinMessages } from '../../modules/devices/pin-rules.ts';
import { identifierMessages } from '../identifiers/messages.ts';
import { passwordMessages } from '../passwords/password-messages.ts';
import { uploadMessages } from '../files/upload-messages.ts';
import { ikImportMessages } from '../../modules/ik-register/messages.ts';
import { eavisMessages } from '../../modules/eavis/messages.ts';
import { searchMessages } from '../../modules/job-search/messages.ts';
import { accountMessages } from '../../modules/jobmaster-account/messages.ts';
import { postingMessages } from '../../modules/job-postings/messages.ts';
import { employerProfileMessages } from '../../modules/jobmaster-employers/messages.ts';
import { insuredMessages } from '../../modules/insured/messages.ts';
import { auditActionMessages } from '../audit/actions.ts';
import { identMessages } from '../../modules/ident-provider/messages.ts';
import { identAppMessages } from '../../modules/ident-devices/messages.ts';
import { epaRecordMessages } from '../../modules/epa-records/messages.ts';
import { epaAccessMessages } from '../../modules/epa-access/messages.ts';
import { epaRepresentationMessages } from '../../modules/epa-representation/messages.ts';
import { epaDesktopMessages } from '../../apps/epa-desktop/messages.ts';
import { epaLoginMessages } from '../../apps/epa-desktop/epa-login/messages.ts';

/**
 * German texts keyed by error code: the source of truth for what users read. Its keys, with the
 * modules' own catalogues spread in, are `MessageCode`: a code without German words does not compile.
 */
export const de = {
  ...providerMessages,
  ...identifierMessages,
  ...passwordMessages,
  ...uploadMessages,
  ...pinMessages,
  ...ikImportMessages,
  ...eavisMessages,
  ...searchMessages,
  ...accountMessages,
  ...postingMessages,
  ...employerProfileMessages,
  ...insuredMessages,
  ...auditActionMessages,
  ...identMessages,
  ...identAppMessages,
  ...epaRecordMessages,
  ...epaAccessMessages,
  ...epaRepresentationMessages,
  ...epaDesktopMessages,
  ...epaLoginMessages,
  'app.activation_invalid': 'E-Mail-Adresse oder Aktivierungscode ist nicht korrekt.',
  'app.activation_used': 'Dieser Aktivierungscode wurde bereits verwendet. Bitte fordern Sie auf der Seite „Geräteregistrierung“ einen neuen an.',
  'app.activation_expired': 'Dieser Aktivierungscode ist abgelaufen. Bitte fordern Sie auf der Seite „Geräteregistrierung“ einen neuen an.',
  'app.public_key_invalid': 'Der Schlüssel des Geräts ist ungültig.',
  'app.nonce_invalid': 'Die Anmeldung ist abgelaufen. Bitte versuchen Sie es erneut.',
  'app.signature_invalid': 'Dieses Gerät ist nicht registriert.',
  'app.pin_wrong': 'Die PIN ist falsch.',
  'app.device_locked': 'Dieses Gerät ist nach fünf falschen PIN-Eingaben gesperrt. Bitte setzen Sie Ihr Authentifikations-Gerät zurück.',
  'app.device_disabled': 'Dieses Gerät wurde zurückgesetzt und kann nicht mehr verwendet werden.',
  'app.session_invalid': 'Bitte melden Sie sich in der App erneut an.',
  'app.no_pending_login': 'Zurzeit wartet keine Anmeldung auf einen Sicherheitscode.',
  'app.device_in_use': 'Für diesen Zugang ist bereits ein Authentifikations-Gerät registriert. Ein neues Gerät kann erst registriert werden, nachdem Ihre AOK das Zurücksetzen des bisherigen Geräts bestätigt hat.',
  'login.invalid': 'Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.',
  'login.temporarily_locked': 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später erneut.',
  'login.account_locked': 'Ihr Zugang ist gesperrt. Bitte wenden Sie sich an den Administrator Ihres Unternehmens oder an Ihre AOK.',
  'login.not_activated': 'Der Login ist erst nach Prüfung durch Ihre AOK möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde.',
  'login.no_device': 'Für Ihren Zugang ist kein aktives Authentifikations-Gerät registriert. Bitte schließen Sie die Geräteregistrierung ab.',
  'login.code_wrong': 'Der Sicherheitscode ist nicht korrekt.',
  'login.code_expired': 'Die Zeit für die Eingabe des Sicherheitscodes ist abgelaufen. Bitte melden Sie sich erneut an.',
  'login.code_too_many': 'Der Sicherheitscode wurde zu oft falsch eingegeben. Bitte melden Sie sich erneut an.',
   'login.device_reset_pending': 'Ihr Authentifikations-Gerät wird zurückgesetzt. Bitte folgen Sie den Schritten auf Ihrer Statusseite („Zum Registrierungsstatus“).',
  'device_reset.not_requested': 'Für diesen Zugang ist kein Zurücksetzen des Geräts beantragt.',
  'device_reset.upload_missing': 'Für das Zurücksetzen fehlt noch die neue Arbeitgeberbescheinigung.',
  'device_reset.pending': 'Die Prüfung durch Ihre AOK steht noch aus. Sie können ein neues Gerät registrieren, sobald Ihre AOK das Zurücksetzen bestätigt hat.',
  'staff.role_invalid': 'Die Rolle muss admin oder clerk sein.',
  'staff.insurer_required': 'Für die Sachbearbeitung muss eine der konfigurierten Kassen angegeben werden.',
  'staff.exists': 'Für diese E-Mail-Adresse besteht bereits ein Zugang für Mitarbeitende.',
  'staff.totp_wrong': 'Der Einmalcode ist nicht korrekt.',
  'staff.totp_used': 'Dieser Einmalcode wurde bereits verwendet. Bitte warten Sie auf den nächsten Code.',
  'backoffice.steps_missing': 'Aktivieren ist erst möglich, wenn alle Registrierungsschritte erledigt sind.',
  'backoffice.already_decided': 'Über diese Registrierung wurde bereits entschieden.',
  'backoffice.reason_required': 'Bitte geben Sie einen Grund für die Ablehnung an.',
  'backoffice.not_active': 'Nur aktivierte Zugänge können gesperrt oder entsperrt werden.',
  'staff.self': 'Sie können Ihren eigenen Zugang nicht sperren.',
  'postbox.too_many_files': 'Sie können höchstens fünf Dateien anhängen.',
  'postbox.not_yet': 'Erst nach erstmaligem Login können Sie Nachrichten und Briefe im Postfach empfangen und senden.',
  'postbox.letter_pdf': 'Bitte wählen Sie genau eine PDF-Datei als Brief aus.',
  'postbox.no_company': 'Zu dieser Nummer und Kasse gibt es im gewählten Portal kein Unternehmen mit aktivem Zugang.',
  'device_reset.ask_admin': 'Bitte wenden Sie sich an den Administrator Ihres Unternehmens: Er kann Ihr Authentifikations-Gerät in der Nutzerverwaltung zurücksetzen.',
  'users.admin_only': 'Diese Funktion steht nur dem Administrator Ihres Unternehmens zur Verfügung.',
  'users.admin_protected': 'Einen anderen Administrator können Sie nicht sperren oder entfernen. Bitte wenden Sie sich an Ihre AOK.',
  'users.not_active': 'Die Einladung wurde noch nicht angenommen.',
  'login.required': 'Bitte melden Sie sich an.',
  'request.malformed': 'Die Anfrage ist fehlerhaft. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  'request.not_found': 'Diese Seite gibt es nicht.',
  'request.too_large': 'Die übermittelten Daten sind zu groß.',
  'request.unsupported_type': 'Diese Art von Anfrage nimmt die Seite nicht an. Bitte senden Sie das Formular der Seite.',
  'request.rate_limited': 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  'request.internal': 'Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
  'csrf.invalid': 'Ihre Sitzung ist abgelaufen oder das Formular ist ungültig. Bitte laden Sie die Seite neu und senden Sie das Formular erneut.',
  'form.invalid': 'Bitte korrigieren Sie die markierten Eingaben.',
  'flow.expired': 'Dieser Vorgang ist abgelaufen. Bitte beginnen Sie erneut.',
  'flow.conflict': 'Dieser Vorgang wurde in einem anderen Fenster bereits fortgesetzt. Bitte laden Sie die Seite neu.',
  'token.invalid': 'Dieser Link ist ungültig.',
  'token.expired': 'Dieser Link ist abgelaufen.',
  'token.used': 'Dieser Link wurde bereits verwendet.',
  'registration.not_found': 'Diese Registrierung gibt es nicht (mehr).',
  'registration.step_open': 'Bitte schließen Sie zuerst die vorherigen Schritte ab.',
  'session.required': 'Bitte öffnen Sie den Link „Zum Registrierungsstatus“ aus Ihrer E-Mail, um fortzufahren.',
  'field.required': 'Bitte füllen Sie dieses Feld aus.',
  'field.too_long': 'Die Eingabe ist zu lang.',
  'field.invalid_chars': 'Die Eingabe enthält unzulässige Zeichen.',
  'field.invalid_choice': 'Bitte wählen Sie einen der angebotenen Werte.',
  'answer.required': 'Bitte geben Sie die Antwort auf Ihre Kennwortfrage ein.',
  'answer.too_short': 'Die Antwort auf die Kennwortfrage muss mindestens 2 Buchstaben oder Ziffern enthalten.',
  'answer.too_long': 'Die Antwort auf die Kennwortfrage darf höchstens 100 Zeichen lang sein.',
  'answer.wrong': 'Die Antwort auf die Kennwortfrage ist nicht korrekt.',
  'answer.locked': 'Die Kennwortfrage wurde zu oft falsch beantwortet. Dieser Link ist nicht mehr gültig. Bitte fordern Sie später einen neuen an oder wenden Sie sich an Ihre AOK.',
  'login.email_unconfirmed': 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.',
  'email.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein (z. B. name@firma.de).',
  'plz.invalid': 'Bitte geben Sie die Postleitzahl mit genau fünf Ziffern ein.',
  'phone.invalid': 'Bitte geben Sie eine Telefonnummer aus Ziffern ein (erlaubt sind auch +, Leerzeichen, /, - und Klammern).',
  'upload.none': 'Bitte wählen Sie mindestens eine Datei aus.',
  'upload.not_found': 'Diese Datei gibt es nicht (mehr).',
  'password.mismatch': 'Die beiden Passwörter stimmen nicht überein.',
  'consent.required': 'Bitte bestätigen Sie, dass Sie den Text gelesen haben und ihm zustimmen.',
} satisfies Record<string, string>;

/** Every code that has words: error and field codes, and the audit actions' labels under `audit.`. */
export type MessageCode = keyof typeof de;

export function isMessageCode(value: string): value is MessageCode {
  return Object.hasOwn(de, value);
}

/**
 * The German text of a code. Pages still hand codes through as text, so an unknown one (which the
 * source test rules out for literals) reads as the calm internal error rather than as nothing.
 */
export function t(code: MessageCode | (string & {})): string {
  return isMessageCode(code) ? de[code] : de['request.internal'];
}
