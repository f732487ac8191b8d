import { defineMessages } from '../../core/i18n/messages.ts';

export type IdentCode =
  | 'ident.request_invalid'
  | 'ident.client_unknown'
  | 'ident.redirect_invalid'
  | 'ident.login_expired'
  | 'ident.login_answered'
  | 'ident.account_unavailable';

/** What the AOK Ident's pages and the approval say when a login cannot go on. */
export const { de: identMessages, en: identMessagesEn } = defineMessages<IdentCode>({
  de: {
    'ident.request_invalid': 'Die Anmeldeanfrage ist fehlerhaft. Bitte starten Sie die Anmeldung in Ihrer Anwendung erneut.',
    'ident.client_unknown': 'Die anfragende Anwendung ist nicht bekannt.',
    'ident.redirect_invalid': 'Die Rücksprungadresse der anfragenden Anwendung ist nicht zugelassen.',
    'ident.login_expired': 'Diese Anmeldung ist abgelaufen. Bitte starten Sie die Anmeldung in Ihrer Anwendung erneut.',
    'ident.login_answered': 'Diese Anmeldung wurde bereits bestätigt oder abgelehnt.',
    'ident.account_unavailable': 'Mit dieser Versichertennummer ist zurzeit keine Anmeldung möglich. Bitte wenden Sie sich an Ihre AOK.',
  },
  en: {
    'ident.request_invalid': 'The login request is not valid. Please start the login again in your application.',
    'ident.client_unknown': 'The requesting application is not known.',
    'ident.redirect_invalid': 'The return address of the requesting application is not allowed.',
    'ident.login_expired': 'This login has expired. Please start the login again in your application.',
    'ident.login_answered': 'This login has already been confirmed or declined.',
    'ident.account_unavailable': 'No login is possible with this insurance number at the moment. Please contact your AOK.',
  },
});
