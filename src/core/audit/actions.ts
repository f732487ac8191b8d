import { jobmasterEmployerDe, jobmasterEmployerEn, postingsDe, postingsEn } from './jobmaster-actions.ts';
import { partnerDe, partnerEn } from './partner-actions.ts';
import { insuredDe, insuredEn } from './insured-actions.ts';
import { identDe, identEn } from './ident-actions.ts';
import { epaRecordDe, epaRecordEn } from './epa-record-actions.ts';
import { epaAccessDe, epaAccessEn } from './epa-access-actions.ts';
import { epaRepresentationDe, epaRepresentationEn } from './epa-representation-actions.ts';

/**
 * Every action the audit log records, in the words the Protokoll shows. `AuditAction` is derived
 * from the German table and `audit.record` takes nothing else, so an action without German words
 * does not compile; the English table must name the same actions (`Record<AuditAction, …>`).
 */
const de = {
  'registration.created': 'Registrierung begonnen',
  'registration.duplicate_email': 'Registrierung mit bereits vergebener E-Mail-Adresse',
  'registration.confirmation_resent': 'Bestätigungs-E-Mail erneut angefordert',
  'registration.email_confirmed': 'E-Mail-Adresse bestätigt',
  'registration.file_uploaded': 'Bescheinigung hochgeladen',
  'registration.file_deleted': 'Bescheinigung gelöscht',
  'registration.activated': 'Registrierung aktiviert',
  'registration.rejected': 'Registrierung abgelehnt',
  'registration.deleted': 'Unvollständige Registrierung gelöscht',

  'account.activated': 'Zugang aktiviert',
  'account.locked': 'Zugang gesperrt',
  'account.unlocked': 'Zugang entsperrt',

  'login.password_wrong': 'Anmeldung fehlgeschlagen (falsches Passwort)',
  'login.locked': 'Anmeldung vorübergehend gesperrt',
  'login.unlocked': 'Anmeldesperre aufgehoben',
  'login.password_ok': 'Passwort richtig, Sicherheitscode angefordert',
  'login.code_refreshed': 'Neuer Sicherheitscode angefordert',
  'login.code_wrong': 'Anmeldung fehlgeschlagen (falscher Sicherheitscode)',
  'login.success': 'Anmeldung erfolgreich',

  'password.reset_requested': 'Zurücksetzen des Passworts angefordert',
  'password_reset.code_wrong': 'Passwort zurücksetzen: falscher Sicherheitscode',
  'password.reset': 'Passwort zurückgesetzt',
  'password_reset.answer_wrong': 'Passwort zurücksetzen: Kennwortfrage falsch beantwortet',
  'account.sessions_ended': 'Alle Sitzungen beendet („Das war ich nicht“)',
  'account.password_changed': 'Passwort geändert',
  'account.email_change_requested': 'Änderung der E-Mail-Adresse angefordert',
  'account.email_changed': 'E-Mail-Adresse geändert',
  'account.email_change_refused': 'Änderung der E-Mail-Adresse nicht möglich',
  'account.consent_given': 'Einwilligung erteilt',
  'account.consent_revoked': 'Einwilligung widerrufen',
  'account.handover_requested': 'Wechsel des Hauptansprechpartners angefordert',
  'account.handover_answer_wrong': 'Wechsel des Hauptansprechpartners: Kennwortfrage falsch beantwortet',
  'account.handed_over': 'Hauptansprechpartner gewechselt',
  'account.deleted': 'Profil gelöscht',

  'device.activation_code_issued': 'Aktivierungscode ausgegeben',
  'device.activation_failed': 'Geräteregistrierung fehlgeschlagen',
  'device.activation_refused': 'Geräteregistrierung abgewiesen (Gerät bereits in Gebrauch)',
  'device.activated': 'Authentifikations-Gerät registriert',
  'device.signature_invalid': 'Unbekanntes Gerät (ungültige Signatur)',
  'device.pin_wrong': 'Falsche PIN in der App',
  'device.locked': 'Authentifikations-Gerät gesperrt (PIN)',
  'device.login': 'Anmeldung in der App',
  'device.disabled': 'Authentifikations-Gerät abgemeldet',

  'device_reset.requested': 'Zurücksetzen des Geräts beantragt',
  'device_reset.cancelled': 'Zurücksetzen des Geräts abgebrochen',
  'device_reset.refused': 'Zurücksetzen des Geräts abgelehnt',
  'device_reset.approved': 'Zurücksetzen des Geräts bestätigt',

  'users.invited': 'Nutzer eingeladen',
  'users.invited_existing': 'Einladung an eine Adresse mit bestehendem Zugang',
  'users.invitation_accepted': 'Einladung angenommen',
  'users.invitation_expired': 'Einladung abgelaufen, Zugang gelöscht',
  'users.locked': 'Nutzer gesperrt',
  'users.unlocked': 'Nutzer entsperrt',
  'users.removed': 'Nutzer entfernt',
  'users.admin_granted': 'Administrationsrechte vergeben',
  'users.admin_revoked': 'Administrationsrechte entzogen',
  'users.advices_granted': 'Zugriff auf Zahlungsavise erteilt',
  'users.advices_revoked': 'Zugriff auf Zahlungsavise entzogen',
  'users.denied': 'Nutzerverwaltung: Zugriff verweigert',
  'users.admin_protected': 'Sperren oder Entfernen eines anderen Administrators abgewiesen',

  'postbox.message_to_insurer': 'Nachricht an die Kasse gesendet',
  'postbox.message_to_company': 'Nachricht an das Unternehmen gesendet',
  'postbox.letter_to_company': 'Brief veröffentlicht',
  'postbox.letter_to_insurer': 'Brief an die Kasse gesendet',

  ...jobmasterEmployerDe,
  ...partnerDe,
  ...postingsDe,
  ...insuredDe,
  ...identDe,
  ...epaRecordDe,
  ...epaAccessDe,
  ...epaRepresentationDe,

  'barrier.reported': 'Barriere gemeldet',
  'mail.retried': 'E-Mail erneut versendet',

  'staff.created': 'Mitarbeiterzugang angelegt',
  'staff.login': 'Anmeldung im Backoffice',
  'staff.login_failed': 'Anmeldung im Backoffice fehlgeschlagen',
  'staff.totp_wrong': 'Anmeldung im Backoffice fehlgeschlagen (falscher Einmalcode)',
  'staff.login_locked': 'Anmeldung im Backoffice vorübergehend gesperrt',
  'staff.login_unlocked': 'Anmeldesperre im Backoffice aufgehoben',
  'staff.locked': 'Mitarbeiterzugang gesperrt',
  'staff.unlocked': 'Mitarbeiterzugang entsperrt',

  'backoffice.registration_viewed': 'Registrierung angesehen',
  'backoffice.registration_handed_over': 'Registrierung an eine andere Kasse abgegeben',
  'backoffice.registration_denied': 'Registrierung: Zugriff verweigert',
  'backoffice.file_viewed': 'Bescheinigung angesehen',
  'backoffice.account_denied': 'Zugang: Zugriff verweigert',
  'backoffice.postbox_denied': 'Postfach: Zugriff verweigert',
  'backoffice.provider_ik_viewed': 'Antrag auf IK-Nummer angesehen',
  'backoffice.provider_ik_activated': 'IK-Nummer freigeschaltet',
  'backoffice.provider_ik_rejected': 'Antrag auf IK-Nummer abgelehnt',
  'backoffice.provider_ik_denied': 'Antrag auf IK-Nummer: Zugriff verweigert',
  'backoffice.barrier_done': 'Barriere-Meldung erledigt',
  'backoffice.ik_register_imported': 'IK-Register importiert',
  'backoffice.ik_register_import_refused': 'Import des IK-Registers abgewiesen',
  'backoffice.protocol_exported': 'Protokoll exportiert',
  'backoffice.employer_viewed': 'Arbeitgeber der Stellenbörse angesehen',
  'backoffice.employer_denied': 'Arbeitgeber der Stellenbörse: Zugriff verweigert',
  'backoffice.posting_deactivated': 'Stellenangebot von der Kasse deaktiviert',
  'backoffice.posting_denied': 'Stellenangebot: Zugriff verweigert',
};

export type AuditAction = keyof typeof de;

const en: Record<AuditAction, string> = {
  'registration.created': 'Registration started',
  'registration.duplicate_email': 'Registration with an e-mail address already in use',
  'registration.confirmation_resent': 'Confirmation e-mail requested again',
  'registration.email_confirmed': 'E-mail address confirmed',
  'registration.file_uploaded': 'Certificate uploaded',
  'registration.file_deleted': 'Certificate deleted',
  'registration.activated': 'Registration activated',
  'registration.rejected': 'Registration rejected',
  'registration.deleted': 'Incomplete registration deleted',

  'account.activated': 'Access activated',
  'account.locked': 'Access locked',
  'account.unlocked': 'Access unlocked',

  'login.password_wrong': 'Sign-in failed (wrong password)',
  'login.locked': 'Sign-in temporarily locked',
  'login.unlocked': 'Sign-in lock lifted',
  'login.password_ok': 'Password correct, security code requested',
  'login.code_refreshed': 'New security code requested',
  'login.code_wrong': 'Sign-in failed (wrong security code)',
  'login.success': 'Signed in',

  'password.reset_requested': 'Password reset requested',
  'password_reset.code_wrong': 'Password reset: wrong security code',
  'password.reset': 'Password reset',
  'password_reset.answer_wrong': 'Password reset: wrong answer to the security question',
  'account.sessions_ended': 'All sessions ended ("That was not me")',
  'account.password_changed': 'Password changed',
  'account.email_change_requested': 'Change of e-mail address requested',
  'account.email_changed': 'E-mail address changed',
  'account.email_change_refused': 'Change of e-mail address not possible',
  'account.consent_given': 'Consent given',
  'account.consent_revoked': 'Consent revoked',
  'account.handover_requested': 'Change of main contact requested',
  'account.handover_answer_wrong': 'Change of main contact: security question answered wrongly',
  'account.handed_over': 'Main contact changed',
  'account.deleted': 'Profile deleted',

  'device.activation_code_issued': 'Activation code issued',
  'device.activation_failed': 'Device registration failed',
  'device.activation_refused': 'Device registration refused (a device is in use)',
  'device.activated': 'Authentication device registered',
  'device.signature_invalid': 'Unknown device (invalid signature)',
  'device.pin_wrong': 'Wrong PIN in the app',
  'device.locked': 'Authentication device locked (PIN)',
  'device.login': 'Signed in to the app',
  'device.disabled': 'Authentication device disabled',

  'device_reset.requested': 'Device reset requested',
  'device_reset.cancelled': 'Device reset cancelled',
  'device_reset.refused': 'Device reset refused',
  'device_reset.approved': 'Device reset approved',

  'users.invited': 'User invited',
  'users.invited_existing': 'Invitation to an address that has an access',
  'users.invitation_accepted': 'Invitation accepted',
  'users.invitation_expired': 'Invitation expired, access deleted',
  'users.locked': 'User locked',
  'users.unlocked': 'User unlocked',
  'users.removed': 'User removed',
  'users.admin_granted': 'Administration rights granted',
  'users.admin_revoked': 'Administration rights withdrawn',
  'users.advices_granted': 'Access to payment advices granted',
  'users.advices_revoked': 'Access to payment advices withdrawn',
  'users.denied': 'User management: access denied',
  'users.admin_protected': 'Locking or removing another administrator refused',

  'postbox.message_to_insurer': 'Message sent to the insurer',
  'postbox.message_to_company': 'Message sent to the company',
  'postbox.letter_to_company': 'Letter published',
  'postbox.letter_to_insurer': 'Letter sent to the insurer',

  ...jobmasterEmployerEn,
  ...partnerEn,
  ...postingsEn,
  ...insuredEn,
  ...identEn,
  ...epaRecordEn,
  ...epaAccessEn,
  ...epaRepresentationEn,

  'barrier.reported': 'Accessibility barrier reported',
  'mail.retried': 'E-mail sent again',

  'staff.created': 'Staff access created',
  'staff.login': 'Signed in to the back office',
  'staff.login_failed': 'Back-office sign-in failed',
  'staff.totp_wrong': 'Back-office sign-in failed (wrong one-time code)',
  'staff.login_locked': 'Back-office sign-in temporarily locked',
  'staff.login_unlocked': 'Back-office sign-in lock lifted',
  'staff.locked': 'Staff access locked',
  'staff.unlocked': 'Staff access unlocked',

  'backoffice.registration_viewed': 'Registration viewed',
  'backoffice.registration_handed_over': 'Registration handed over to another insurer',
  'backoffice.registration_denied': 'Registration: access denied',
  'backoffice.file_viewed': 'Certificate viewed',
  'backoffice.account_denied': 'Access: access denied',
  'backoffice.postbox_denied': 'Postbox: access denied',
  'backoffice.provider_ik_viewed': 'IK number request viewed',
  'backoffice.provider_ik_activated': 'IK number activated',
  'backoffice.provider_ik_rejected': 'IK number request rejected',
  'backoffice.provider_ik_denied': 'IK number request: access denied',
  'backoffice.barrier_done': 'Barrier report done',
  'backoffice.ik_register_imported': 'IK register imported',
  'backoffice.ik_register_import_refused': 'IK register import refused',
  'backoffice.protocol_exported': 'Audit log exported',
  'backoffice.employer_viewed': 'Job board employer viewed',
  'backoffice.employer_denied': 'Job board employer: access denied',
  'backoffice.posting_deactivated': 'Job posting deactivated by the insurer',
  'backoffice.posting_denied': 'Job posting: access denied',
};

/** The areas an action belongs to (the part before the dot): the Protokoll's filter offers each as a whole. */
const areasDe = {
  registration: 'Registrierung',
  account: 'Zugang',
  login: 'Anmeldung',
  password: 'Passwort',
  password_reset: 'Passwort zurücksetzen',
  device: 'Authentifikations-Gerät',
  device_reset: 'Gerät zurücksetzen',
  users: 'Nutzerverwaltung',
  postbox: 'Postfach',
  jobmaster_employer: 'Unternehmensdaten (Jobmaster)',
  provider_ik: 'IK-Verwaltung',
  eavis: 'Zahlungsavis',
  postings: 'Stellenverwaltung',
  insured: 'Versicherte',
  ident: 'AOK Ident',
  epa_access: 'ePA-Zugang',
  epa_representation: 'ePA-Vertretung',
  epa_record: 'Patientenakte (ePA)',
  barrier: 'Barrieren',
  mail: 'Mailversand',
  staff: 'Mitarbeitende',
  backoffice: 'Backoffice',
} satisfies Record<AreaOf<AuditAction>, string>;

type AreaOf<A extends string> = A extends `${infer P}.${string}` ? P : never;
export type AuditArea = keyof typeof areasDe;

const areasEn: Record<AuditArea, string> = {
  registration: 'Registration',
  account: 'Access',
  login: 'Sign-in',
  password: 'Password',
  password_reset: 'Password reset',
  device: 'Authentication device',
  device_reset: 'Device reset',
  users: 'User management',
  postbox: 'Postbox',
  jobmaster_employer: 'Company data (Jobmaster)',
  provider_ik: 'IK management',
  eavis: 'Payment advices',
  postings: 'Job offer management',
  insured: 'Insured persons',
  ident: 'AOK Ident',
  epa_access: 'ePA access',
  epa_representation: 'ePA representation',
  epa_record: 'Patient record (ePA)',
  barrier: 'Barriers',
  mail: 'Mail delivery',
  staff: 'Staff',
  backoffice: 'Back office',
};

export const AUDIT_ACTIONS = Object.keys(de) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(de, value);
}

/** The words for an action; an entry written before an action was renamed shows its code. */
export function auditActionLabel(action: string, locale: 'de' | 'en' = 'de'): string {
  return isAuditAction(action) ? (locale === 'en' ? en : de)[action] : action;
}

/** The actions grouped by area, in the order of the catalogue, for the filter's choice. */
export function auditAreas(locale: 'de' | 'en' = 'de'): { area: AuditArea; label: string; actions: { action: AuditAction; label: string }[] }[] {
  const groups = new Map<AuditArea, { action: AuditAction; label: string }[]>();
  for (const action of AUDIT_ACTIONS) {
    const area = action.slice(0, action.indexOf('.')) as AuditArea;
    groups.set(area, [...(groups.get(area) ?? []), { action, label: auditActionLabel(action, locale) }]);
  }
  return [...groups].map(([area, actions]) => ({ area, label: (locale === 'en' ? areasEn : areasDe)[area], actions }));
}

// The same words under `audit.<action>` in the i18n tables, where the English completeness test sees them.
const prefixed = (table: Record<AuditAction, string>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [`audit.${k}`, v])) as Record<`audit.${AuditAction}`, string>;
export const auditActionMessages = prefixed(de);
export const auditActionMessagesEn = prefixed(en);
