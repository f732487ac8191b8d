import { defineMessages } from '../../core/i18n/messages.ts';

export type IdentCode =
  | 'ident.request_invalid'
  | 'ident.client_unknown'
  | 'ident.redirect_invalid'
  | 'ident.login_expired'
  | 'ident.login_answered'
  | 'ident.account_unavailable'
  | 'ident.request_unknown'
  | 'ident.request_expired'
  | 'ident.request_answered'
  | 'ident.request_number_wrong'
  | 'ident.request_other_device';

/** What the AOK Ident's pages and the approval say when a login cannot go on (the `request_` ones: a QR code's request in the app). */
export const { de: identMessages, en: identMessagesEn } = defineMessages<IdentCode>({
  de: {
    'ident.request_invalid': 'Die Anmeldeanfrage ist fehlerhaft. Bitte starten Sie die Anmeldung in Ihrer Anwendung erneut.',
    'ident.client_unknown': 'Die anfragende Anwendung ist nicht bekannt.',
    'ident.redirect_invalid': 'Die Rücksprungadresse der anfragenden Anwendung ist nicht zugelassen.',
    'ident.login_expired': 'Diese Anmeldung ist abgelaufen. Bitte starten Sie die Anmeldung in Ihrer Anwendung erneut.',
    'ident.login_answered': 'Diese Anmeldung wurde bereits bestätigt oder abgelehnt.',
    'ident.account_unavailable': 'Mit dieser Versichertennummer ist zurzeit keine Anmeldung möglich. Bitte wenden Sie sich an Ihre AOK.',
    'ident.request_unknown': 'Zu diesem Code gibt es keine Anmeldung. Bitte prüfen Sie den Code auf der Anmeldeseite.',
    'ident.request_expired': 'Dieser QR-Code ist abgelaufen. Die Anmeldeseite zeigt einen neuen an: Bitte scannen Sie diesen.',
    'ident.request_answered': 'Diese Anmeldung wurde bereits bestätigt oder abgelehnt. Ein QR-Code gilt für eine Anmeldung.',
    'ident.request_number_wrong':
      'Die gewählte Zahl ist nicht die Zahl der Anmeldeseite. Die Anmeldung wurde abgebrochen. Haben Sie die Anmeldung nicht selbst begonnen, hat Ihnen vielleicht jemand einen fremden QR-Code gezeigt.',
    'ident.request_other_device':
      'Diese Anmeldung wurde bereits auf einem anderen Gerät geöffnet und kann nur dort bestätigt oder abgelehnt werden. Haben Sie die Anmeldung selbst begonnen, scannen Sie bitte den nächsten QR-Code der Anmeldeseite (nach spätestens 90 Sekunden).',
  },
  en: {
    'ident.request_invalid': 'The login request is not valid. Please start the login again in your application.',
    'ident.client_unknown': 'The requesting application is not known.',
    'ident.redirect_invalid': 'The return address of the requesting application is not allowed.',
    'ident.login_expired': 'This login has expired. Please start the login again in your application.',
    'ident.login_answered': 'This login has already been confirmed or declined.',
    'ident.account_unavailable': 'No login is possible with this insurance number at the moment. Please contact your AOK.',
    'ident.request_unknown': 'There is no login for this code. Please check the code on the login page.',
    'ident.request_expired': 'This QR code has expired. The login page shows a new one: please scan that.',
    'ident.request_answered': 'This login has already been confirmed or declined. A QR code is good for one login.',
    'ident.request_number_wrong':
      'The number you picked is not the number on the login page. The login was cancelled. If you did not start the login yourself, someone may have shown you a QR code that is not yours.',
    'ident.request_other_device':
      'This login has already been opened on another device and can only be confirmed or declined there. If you started the login yourself, please scan the next QR code on the login page (within 90 seconds).',
  },
});
