import { pinMessages } from '../mfa/pin-rules.ts';
import { identifierMessages } from '../identifiers/messages.ts';
import { passwordMessages } from '../accounts/password-messages.ts';
import { uploadMessages } from '../files/upload-messages.ts';

/** German texts keyed by error code: the source of truth for what users read. */
export const de: Record<string, string> = {
  ...identifierMessages,
  ...passwordMessages,
  ...uploadMessages,
  ...pinMessages,
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
  'login.invalid': 'Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.',
  'login.temporarily_locked': 'Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es später erneut.',
  'login.account_locked': 'Ihr Zugang ist gesperrt. Bitte wenden Sie sich an Ihre AOK.',
  'login.not_activated': 'Der Login ist erst nach Prüfung durch Ihre AOK möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde.',
  'login.no_device': 'Für Ihren Zugang ist kein aktives Authentifikations-Gerät registriert. Bitte schließen Sie die Geräteregistrierung ab.',
  'login.code_wrong': 'Der Sicherheitscode ist nicht korrekt.',
  'login.code_expired': 'Die Zeit für die Eingabe des Sicherheitscodes ist abgelaufen. Bitte melden Sie sich erneut an.',
  'login.code_too_many': 'Der Sicherheitscode wurde zu oft falsch eingegeben. Bitte melden Sie sich erneut an.',
   'login.device_reset_pending': 'Ihr Authentifikations-Gerät wird zurückgesetzt. Bitte folgen Sie den Schritten auf Ihrer Statusseite („Zum Registrierungsstatus“).',
  'device_reset.not_requested': 'Für diesen Zugang ist kein Zurücksetzen des Geräts beantragt.',
  'device_reset.upload_missing': 'Für das Zurücksetzen fehlt noch die neue Arbeitgeberbescheinigung.',
  'device_reset.pending': 'Die Prüfung durch Ihre AOK steht noch aus. Sie können ein neues Gerät registrieren, sobald Ihre AOK das Zurücksetzen bestätigt hat.',
  'login.required': 'Bitte melden Sie sich an.',
  'request.malformed': 'Die Anfrage ist fehlerhaft. Bitte laden Sie die Seite neu und versuchen Sie es erneut.',
  'request.not_found': 'Diese Seite gibt es nicht.',
  'request.too_large': 'Die übermittelten Daten sind zu groß.',
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
  'email.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein (z. B. name@firma.de).',
  'upload.none': 'Bitte wählen Sie mindestens eine Datei aus.',
  'upload.not_found': 'Diese Datei gibt es nicht (mehr).',
  'password.mismatch': 'Die beiden Passwörter stimmen nicht überein.',
  'consent.required': 'Bitte bestätigen Sie, dass Sie den Text gelesen haben und ihm zustimmen.',
};

export function t(code: string): string {
  return de[code] ?? de['request.internal']!;
}
