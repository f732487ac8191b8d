import { defineMessages } from '../../core/i18n/messages.ts';
import type { PasswordCode } from '../../core/passwords/password-rules.ts';

/**
 * Texts of the ePA desktop client's local users (manual 003 §1–§2): the user name, the Kennwort (the
 * platform's password rules in the manual's word), the Nutzungsbedingungen, a failed local login and
 * the wait after several; the program's own door (opened only through the program, at most 10 users,
 * a wait for the whole computer after many failed tries).
 */
export type EpaDesktopCode =
  | 'epa_desktop.name_required'
  | 'epa_desktop.name_invalid'
  | 'epa_desktop.kennwort_required'
  | 'epa_desktop.kennwort_too_short'
  | 'epa_desktop.kennwort_too_long'
  | 'epa_desktop.kennwort_blocklisted'
  | 'epa_desktop.kennwort_contains_name'
  | 'epa_desktop.kennwort_mismatch'
  | 'epa_desktop.terms_required'
  | 'epa_desktop.user_exists'
  | 'epa_desktop.login_invalid'
  | 'epa_desktop.login_wait'
  | 'epa_desktop.host_refused'
  | 'epa_desktop.launch_required'
  | 'epa_desktop.users_full'
  | 'epa_desktop.device_wait';

/** The platform's password rules, said of the Kennwort and the Benutzername. */
export const KENNWORT_RULE: Record<PasswordCode, EpaDesktopCode> = {
  'password.required': 'epa_desktop.kennwort_required',
  'password.too_short': 'epa_desktop.kennwort_too_short',
  'password.too_long': 'epa_desktop.kennwort_too_long',
  'password.blocklisted': 'epa_desktop.kennwort_blocklisted',
  'password.contains_email': 'epa_desktop.kennwort_contains_name',
};

export const { de: epaDesktopMessages, en: epaDesktopMessagesEn } = defineMessages<EpaDesktopCode>({
  de: {
    'epa_desktop.name_required': 'Bitte geben Sie einen Benutzernamen ein.',
    'epa_desktop.name_invalid': 'Der Benutzername darf 1 bis 64 Zeichen lang sein und keine Steuerzeichen enthalten.',
    'epa_desktop.kennwort_required': 'Bitte geben Sie ein Kennwort ein.',
    'epa_desktop.kennwort_too_short': 'Das Kennwort muss mindestens 12 Zeichen lang sein.',
    'epa_desktop.kennwort_too_long': 'Das Kennwort darf höchstens 128 Zeichen lang sein.',
    'epa_desktop.kennwort_blocklisted': 'Dieses Kennwort ist zu bekannt und wird häufig ausprobiert. Bitte wählen Sie ein anderes Kennwort.',
    'epa_desktop.kennwort_contains_name': 'Das Kennwort darf Ihren Benutzernamen nicht enthalten.',
    'epa_desktop.kennwort_mismatch': 'Die beiden Kennwörter stimmen nicht überein.',
    'epa_desktop.terms_required': 'Bitte bestätigen Sie, dass Sie die Nutzungsbedingungen zur Kenntnis genommen haben.',
    'epa_desktop.user_exists': 'Diesen lokalen Benutzer gibt es auf diesem Gerät bereits. Bitte melden Sie sich an.',
    'epa_desktop.login_invalid': 'Benutzername oder Kennwort ist nicht korrekt.',
    'epa_desktop.login_wait': 'Zu viele fehlgeschlagene Anmeldeversuche mit diesem Benutzernamen. Bitte warten Sie kurz und versuchen Sie es dann erneut.',
    'epa_desktop.host_refused': 'Diese Anfrage kam nicht über die Adresse des Desktop Clients und wurde abgewiesen.',
    'epa_desktop.launch_required': 'Bitte öffnen Sie den ePA-Client über das Programm „pforte-epa“.',
    'epa_desktop.users_full': 'Auf diesem Gerät gibt es bereits 10 lokale Benutzer; weitere sind nicht möglich. Bitte melden Sie sich mit einem vorhandenen lokalen Benutzer an.',
    'epa_desktop.device_wait': 'Zu viele fehlgeschlagene Anmeldungen und neue Benutzer auf diesem Gerät in kurzer Zeit. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
  },
  en: {
    'epa_desktop.name_required': 'Please enter a user name.',
    'epa_desktop.name_invalid': 'The user name must be 1 to 64 characters long and must not contain control characters.',
    'epa_desktop.kennwort_required': 'Please enter a password.',
    'epa_desktop.kennwort_too_short': 'The password must be at least 12 characters long.',
    'epa_desktop.kennwort_too_long': 'The password must not be longer than 128 characters.',
    'epa_desktop.kennwort_blocklisted': 'This password is too common and often tried by attackers. Please choose a different password.',
    'epa_desktop.kennwort_contains_name': 'The password must not contain your user name.',
    'epa_desktop.kennwort_mismatch': 'The two passwords do not match.',
    'epa_desktop.terms_required': 'Please confirm that you have read the terms of use.',
    'epa_desktop.user_exists': 'This local user already exists on this computer. Please log in.',
    'epa_desktop.login_invalid': 'The user name or password is not correct.',
    'epa_desktop.login_wait': 'Too many failed login attempts with this user name. Please wait a moment and try again.',
    'epa_desktop.host_refused': 'This request did not come through the desktop client’s address and was refused.',
    'epa_desktop.launch_required': 'Please open the ePA client through the program “pforte-epa”.',
    'epa_desktop.users_full': 'This computer already has 10 local users; no more are possible. Please log in with an existing local user.',
    'epa_desktop.device_wait': 'Too many failed logins and new users on this computer in a short time. Please wait a few minutes and try again.',
  },
});
