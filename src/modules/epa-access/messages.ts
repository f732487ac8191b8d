import { defineMessages } from '../../core/i18n/messages.ts';

/**
 * What the ePA record service answers when a call is refused: the login (access token and DPoP proof,
 * 401 with `WWW-Authenticate: DPoP`), the person or the device (403), and "Endgerät freischalten" with
 * the Bestätigungscode from the e-mail. The desktop client shows these texts as they are.
 */
export type EpaAccessCode =
  | 'epa.token_missing'
  | 'epa.token_invalid'
  | 'epa.token_expired'
  | 'epa.proof_invalid'
  | 'epa.proof_replayed'
  | 'epa.access_denied'
  | 'epa.device_not_registered'
  | 'epa.device_already_registered'
  | 'epa.device_not_found'
  | 'epa.registration_not_found'
  | 'epa.code_format'
  | 'epa.code_wrong'
  | 'epa.code_expired'
  | 'epa.code_too_many'
  | 'epa.registration_wait'
  | 'epa.code_locked';

export const { de: epaAccessMessages, en: epaAccessMessagesEn } = defineMessages<EpaAccessCode>({
  de: {
    'epa.token_missing': 'Für diesen Zugriff ist eine Anmeldung mit der „AOK Ident“-App erforderlich.',
    'epa.token_invalid': 'Ihre Anmeldung ist ungültig. Bitte melden Sie sich erneut an.',
    'epa.token_expired': 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
    'epa.proof_invalid': 'Die Anfrage ist nicht mit dem Schlüssel dieses Geräts signiert. Bitte melden Sie sich erneut an.',
    'epa.proof_replayed': 'Diese Anfrage wurde bereits einmal gesendet und wird nicht noch einmal ausgeführt.',
    'epa.access_denied': 'Für Ihre Versichertennummer ist zurzeit keine elektronische Patientenakte zugänglich. Bitte wenden Sie sich an Ihre AOK.',
    'epa.device_not_registered': 'Dieses Gerät ist nicht für Ihre elektronische Patientenakte freigeschaltet. Bitte schalten Sie es mit dem Bestätigungscode aus Ihrer E-Mail frei.',
    'epa.device_already_registered': 'Dieses Gerät ist bereits für Ihre elektronische Patientenakte freigeschaltet.',
    'epa.device_not_found': 'Dieses Gerät ist nicht (mehr) für Ihre elektronische Patientenakte freigeschaltet.',
    'epa.registration_not_found': 'Für dieses Gerät wartet keine Freischaltung auf einen Bestätigungscode. Bitte schalten Sie das Gerät erneut frei.',
    'epa.code_format': 'Der Bestätigungscode besteht aus sechs Ziffern.',
    'epa.code_wrong': 'Der Bestätigungscode ist nicht korrekt.',
    'epa.code_expired': 'Der Bestätigungscode ist abgelaufen (er gilt 6 Stunden). Bitte schalten Sie das Gerät erneut frei; Sie erhalten dann einen neuen Code.',
    'epa.code_too_many': 'Der Bestätigungscode wurde fünfmal falsch eingegeben. Die Freischaltung dieses Geräts wurde deshalb gelöscht. Bitte schalten Sie das Gerät erneut frei.',
    'epa.registration_wait': 'Die Freischaltung eines Geräts ist in den letzten 8 Stunden dreimal gescheitert. Eine neue Freischaltung ist erst nach einer Wartezeit möglich.',
    'epa.code_locked': 'Der Bestätigungscode wurde in den letzten 8 Stunden 15-mal falsch eingegeben. Zu Ihrem Schutz werden bis zum Ende einer Wartezeit keine Bestätigungscodes und keine neuen Freischaltungen angenommen.',
  },
  en: {
    'epa.token_missing': 'This access needs a login with the "AOK Ident" app.',
    'epa.token_invalid': 'Your login is invalid. Please log in again.',
    'epa.token_expired': 'Your login has expired. Please log in again.',
    'epa.proof_invalid': 'The request is not signed with the key of this device. Please log in again.',
    'epa.proof_replayed': 'This request was already sent once and is not carried out again.',
    'epa.access_denied': 'No electronic patient record is accessible for your health insurance number at the moment. Please contact your AOK.',
    'epa.device_not_registered': 'This device is not unlocked for your electronic patient record. Please unlock it with the confirmation code from your e-mail.',
    'epa.device_already_registered': 'This device is already unlocked for your electronic patient record.',
    'epa.device_not_found': 'This device is not (or no longer) unlocked for your electronic patient record.',
    'epa.registration_not_found': 'No unlocking of this device is waiting for a confirmation code. Please unlock the device again.',
    'epa.code_format': 'The confirmation code consists of six digits.',
    'epa.code_wrong': 'The confirmation code is not correct.',
    'epa.code_expired': 'The confirmation code has expired (it is valid for 6 hours). Please unlock the device again; you will then receive a new code.',
    'epa.code_too_many': 'The confirmation code was entered wrongly five times. The unlocking of this device has therefore been deleted. Please unlock the device again.',
    'epa.registration_wait': 'Unlocking a device failed three times in the last 8 hours. A new unlocking is only possible after a waiting time.',
    'epa.code_locked': 'The confirmation code was entered wrongly 15 times in the last 8 hours. For your protection, no confirmation codes and no new unlockings are accepted until a waiting time has passed.',
  },
});
