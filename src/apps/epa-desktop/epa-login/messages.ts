import { defineMessages } from '../../../core/i18n/messages.ts';

/**
 * Texts of the ePA login in the desktop client (manual 003 §4): the AOK-Kasse of the first login,
 * the Ident login's refusals (an unknown or used answer, a decline, another person's login) and the
 * end of an ePA session. The record service's own refusals (Bestätigungscode …) keep its `epa.*` codes.
 */
export type EpaLoginCode =
  | 'epa_login.kasse_required'
  | 'epa_login.kasse_unknown'
  | 'epa_login.server_unreachable'
  | 'epa_login.login_unknown'
  | 'epa_login.login_declined'
  | 'epa_login.login_failed'
  | 'epa_login.kvnr_mismatch'
  | 'epa_login.session_ended';

export const { de: epaLoginMessages, en: epaLoginMessagesEn } = defineMessages<EpaLoginCode>({
  de: {
    'epa_login.kasse_required': 'Bitte wählen Sie Ihre AOK-Kasse aus.',
    'epa_login.kasse_unknown': 'Bitte wählen Sie eine AOK-Kasse aus der Liste aus.',
    'epa_login.server_unreachable': 'Der ePA-Dienst Ihrer AOK ist zurzeit nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    'epa_login.login_unknown': 'Diese Anmeldung ist ungültig, abgelaufen oder wurde bereits verwendet. Bitte melden Sie sich erneut mit Ihrer „AOK Ident“-App an.',
    'epa_login.login_declined': 'Die Anmeldung wurde in der „AOK Ident“-App abgelehnt oder abgebrochen. Sie sind nicht in Ihrer ePA angemeldet.',
    'epa_login.login_failed': 'Die Anmeldung mit der „AOK Ident“-App ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
    'epa_login.kvnr_mismatch':
      'Sie haben sich in der „AOK Ident“-App mit einer anderen Versichertennummer angemeldet als der, die Sie hier angegeben haben. Sie wurden deshalb nicht angemeldet. Bitte prüfen Sie Ihre Versichertennummer.',
    'epa_login.session_ended': 'Ihre Anmeldung in der ePA ist abgelaufen. Bitte melden Sie sich erneut mit Ihrer „AOK Ident“-App an.',
  },
  en: {
    'epa_login.kasse_required': 'Please select your AOK.',
    'epa_login.kasse_unknown': 'Please select an AOK from the list.',
    'epa_login.server_unreachable': 'The ePA service of your AOK cannot be reached at the moment. Please check your internet connection and try again.',
    'epa_login.login_unknown': 'This login is invalid, has expired or was already used. Please log in again with your "AOK Ident" app.',
    'epa_login.login_declined': 'The login was declined or cancelled in the "AOK Ident" app. You are not logged in to your ePA.',
    'epa_login.login_failed': 'The login with the "AOK Ident" app failed. Please try again.',
    'epa_login.kvnr_mismatch':
      'You logged in with the "AOK Ident" app under another health insurance number than the one you entered here. You were therefore not logged in. Please check your health insurance number.',
    'epa_login.session_ended': 'Your ePA login has expired. Please log in again with your "AOK Ident" app.',
  },
});
