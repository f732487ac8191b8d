/**
 * The values a text column may hold, as the migrations' check constraints allow them (a test
 * compares both; steps, token kinds, file owners and outcomes have no constraint and are listed from the code). schema.ts types its columns with these unions, so a query that writes or
 * compares a misspelt state does not compile and a row read back needs no cast.
 */

export const ACCOUNT_STATUSES = ['pending', 'invited', 'active', 'locked'] as const;
/** pending: registration running; invited: invitation not yet accepted; active: staff activated; locked */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ACCOUNT_ROLES = ['admin', 'user', 'employer', 'applicant'] as const;
/**
 * admin: registered the company (an LE-Admin at a provider); user: invited by an administrator;
 * employer: a Jobmaster employer's main contact (accounts.company is the employer's id);
 * applicant: a Jobmaster job starter ("Bewerber")
 */
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const LOCKERS = ['staff', 'company'] as const;
/** who locked an account: the insurer's staff or the company's administrator */
export type LockedBy = (typeof LOCKERS)[number];

export const REGISTRATION_STATUSES = ['open', 'completed', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_STEPS = ['email_confirmed', 'certificate_downloaded', 'certificate_uploaded', 'device_registered', 'activated'] as const;
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];

export const TOKEN_KINDS = [
  'email_confirmation',
  'registration_status',
  'device_reset_status',
  'device_reset_cancel',
  'password_reset',
  'invitation',
  'device_activation',
  'email_change',
  'main_contact_handover',
  'posting_extension',
] as const;
/** what a single-use secret opens: a link in a mail, or the activation code shown for the app */
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const FILE_OWNER_KINDS = ['registration', 'registration_archived', 'registration_rejected', 'postbox', 'provider_ik', 'jobmaster_logo'] as const;
/** what a stored file belongs to; a registration's certificate is archived by a device reset, kept on a rejection; a Jobmaster employer's logo */
export type FileOwnerKind = (typeof FILE_OWNER_KINDS)[number];

export const DEVICE_KINDS = ['app', 'cli'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_STATUSES = ['active', 'locked', 'disabled'] as const;
/** active; locked after 5 wrong PINs; disabled by a device reset */
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_RESET_STATUSES = ['requested', 'approved', 'rejected', 'completed', 'cancelled'] as const;
/** requested → approved (staff) → completed (new device); or cancelled by the holder; or rejected */
export type DeviceResetStatus = (typeof DEVICE_RESET_STATUSES)[number];

export const STAFF_ROLES = ['admin', 'clerk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_STATUSES = ['active', 'locked'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const POSTBOX_DIRECTIONS = ['to_insurer', 'to_company'] as const;
export type PostboxDirection = (typeof POSTBOX_DIRECTIONS)[number];

export const POSTBOX_KINDS = ['message', 'letter'] as const;
export type PostboxKind = (typeof POSTBOX_KINDS)[number];

export const REGION_PARTS = ['rheinland', 'westfalen-lippe'] as const;
/** for region 05 (Nordrhein-Westfalen): which part, where the IK register knows it */
export type RegionPart = (typeof REGION_PARTS)[number];

export const PROVIDER_IK_STATUSES = ['requested', 'active', 'rejected', 'removed'] as const;
/** requested → active (staff checked the certificate) | rejected; active → removed */
export type ProviderIkStatus = (typeof PROVIDER_IK_STATUSES)[number];

export const EAVIS_STATES = ['none', 'requested', 'active', 'end_requested', 'ended'] as const;
/** none → requested → active → end_requested → ended (→ requested again) */
export type EavisState = (typeof EAVIS_STATES)[number];

export const ADVICE_SOURCES = ['form', 'csv', 'json'] as const;
export type AdviceSource = (typeof ADVICE_SOURCES)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const JOBMASTER_EMPLOYER_STATUSES = ['unconfirmed', 'waiting', 'released', 'rejected'] as const;
/** unconfirmed (mail not confirmed) → waiting (for the insurer's release) → released | rejected */
export type JobmasterEmployerStatus = (typeof JOBMASTER_EMPLOYER_STATUSES)[number];

export const POSTING_KINDS = ['ausbildung', 'praktikum', 'duales_studium', 'job'] as const;
/** manual 004's "Art": Ausbildung, Praktikum, Duales Studium, Job */
export type PostingKind = (typeof POSTING_KINDS)[number];

export const POSTING_STATUSES = ['draft', 'active', 'inactive'] as const;
/** draft (never shown) → active (in the search) ⇄ inactive (by the employer, the staff or the deadline) */
export type PostingStatus = (typeof POSTING_STATUSES)[number];

export const INSURED_STATUSES = ['active', 'locked'] as const;
/** an insured person: active, or locked by staff (no activation, no login) */
export type InsuredStatus = (typeof INSURED_STATUSES)[number];

export const IDENT_DEVICE_STATUSES = ['active', 'locked'] as const;
/** an AOK Ident app's device: active, or locked by five wrong GesundheitsID-Codes */
export type IdentDeviceStatus = (typeof IDENT_DEVICE_STATUSES)[number];

export const IDENT_LOGIN_STATES = ['waiting', 'approved', 'declined', 'expired', 'used'] as const;
/** a QR login request: waiting → approved (in the app) → used (the browser went on to the client) | declined (in the app, or a wrong number) | expired (90 s, or renewed) */
export type IdentLoginState = (typeof IDENT_LOGIN_STATES)[number];

export const IDENTITY_CHECKS = ['in_person', 'egk_pin', 'eid'] as const;
/** how staff checked an insured person's identity before the activation letter: on site with an ID card, eGK with PIN, online ID (eID) */
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];
