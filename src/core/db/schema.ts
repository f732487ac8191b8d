import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Locale } from '../i18n/locale.ts';
import type { AuditAction } from '../audit/actions.ts';
import type {
  AccountRole, AccountStatus, AuditOutcome, DeviceKind, DeviceResetStatus, DeviceStatus, FileOwnerKind,
  LockedBy, PostboxDirection, PostboxKind, RegistrationStatus, RegistrationStep, StaffRole, StaffStatus, TokenKind,
} from './values.ts';
import type {
  JobBookmarksTable, JobmasterContactsTable, JobmasterEmployersTable, JobPostingsTable, LoginHistoryTable, PlzCentroidsTable, SecurityAnswersTable,
  JobmasterPendingChangesTable, JobAlertsTable,
} from './jobmaster-schema.ts';
import type { IkRegisterTable, PaymentAdviceItemsTable, PaymentAdvicesTable, ProviderIksTable } from './provider-schema.ts';
import type { EpaRecordsTable, InsuredActivationCodesTable, InsuredPersonsTable } from './insured-schema.ts';
import type { IdentOidcEntriesTable, IdentSigningKeysTable } from './ident-schema.ts';
import type { IdentDevicesTable } from './ident-devices-schema.ts';
import type { IdentLoginRequestsTable } from './ident-login-schema.ts';
import type { EpaDocumentsTable, EpaProtocolTable, EpaRecordKeysTable } from './epa-records-schema.ts';
import type { EpaDeviceFailuresTable, EpaDevicesTable, EpaDpopProofsTable, EpaLoginsSeenTable, EpaWrongCodesTable } from './epa-access-schema.ts';
import type { EpaRepresentationsTable } from './epa-representation-schema.ts';
export type { IkRegisterTable, PaymentAdviceItemsTable, PaymentAdvicesTable, ProviderIksTable } from './provider-schema.ts';

import type { CreatedAt, Timestamp } from './column-types.ts';

export interface AccountsTable {
  id: string;
  portal: string;
  email: string;
  email_normalized: string;
  password_hash: string;
  salutation: string;
  title: string | null;
  first_name: string;
  last_name: string;
  status: AccountStatus;
  created_at: CreatedAt;
  activated_at: Timestamp | null;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  previous_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  company: ColumnType<string | null, string | null | undefined, string | null>;
  company_insurer_id: ColumnType<string | null, string | null | undefined, string | null>;
  role: ColumnType<AccountRole, AccountRole | undefined, AccountRole>;
  invited_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** a provider's user may see payment advices (LE-Admins always may) */
  advice_access: ColumnType<boolean, boolean | undefined, boolean>;
  /** who locked the account: the insurer's staff or the company's administrator */
  locked_by: ColumnType<LockedBy | null, LockedBy | null | undefined, LockedBy | null>;
  /** the language the person registered in; their mails are written in it */
  locale: ColumnType<Locale, Locale | undefined, Locale>;
}

export interface ConsentsTable {
  id: Generated<string>;
  account_id: string;
  document: string;
  version: string;
  accepted_at: Timestamp;
  /** a revocable consent (the Jobmaster's Einwilligungserklärung) withdrawn at this time */
  revoked_at?: Date | null;
}

export interface RegistrationsTable {
  id: string;
  portal: string;
  account_id: string;
  insurer_id: string;
  identifier: string;
  status: RegistrationStatus;
  created_at: CreatedAt;
  expires_at: Timestamp;
  version: Generated<number>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  rejected_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface RegistrationStepsTable {
  registration_id: string;
  step: RegistrationStep;
  done_at: Timestamp;
}

export interface TokensTable {
  hash: string;
  kind: TokenKind;
  registration_id: string | null;
  account_id: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface FlowsTable {
  id: string;
  kind: string;
  state: string;
  subject: string | null;
  data: JSONColumnType<Record<string, unknown>>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  expires_at: Timestamp;
  version: number;
}

export interface SessionsTable {
  id_hash: string;
  portal: string;
  account_id: string | null;
  registration_id: string | null;
  device_id: ColumnType<string | null, string | null | undefined, string | null>;
  staff_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** an AOK Ident app's bearer session: its device */
  ident_device_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** when this browser accepted the cookie notice (Gesundheitspartnerservice) */
  cookie_notice_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface FilesTable {
  id: string;
  owner_kind: FileOwnerKind;
  registration_id: string | null;
  name: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  iv: Buffer;
  tag: Buffer;
  content: Buffer;
  created_at: CreatedAt;
  message_id: ColumnType<string | null, string | null | undefined, string | null>;
  provider_ik_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MailOutboxTable {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** when its delivery job was queued; null: the mail sweep queues it */
  queued_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** set when the last attempt failed; cleared when the mail is queued again */
  failed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MailboxMessagesTable {
  id: Generated<string>;
  sender: string;
  recipients: string;
  subject: string;
  text: string;
  html: string | null;
  received_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor: string;
  /** written only as a known action; read as text, since an entry may name one renamed since */
  action: ColumnType<string, AuditAction, AuditAction>;
  subject: string | null;
  ip: string | null;
  outcome: AuditOutcome;
  data: JSONColumnType<Record<string, unknown>>;
}

export interface RateLimitsTable {
  key: string;
  points: number;
  window_ends: Timestamp;
}

export interface DevicesTable {
  id: string;
  account_id: string;
  kind: DeviceKind;
  public_key: JSONColumnType<JsonWebKey>;
  pin_hash: string;
  status: DeviceStatus;
  failed_pins: Generated<number>;
  created_at: CreatedAt;
  last_login_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
  /** when the key's failures are forgotten and its row may go; null: never (a device's PIN) */
  forget_at: Timestamp | null;
}

export interface DeviceResetsTable {
  id: string;
  account_id: string;
  status: DeviceResetStatus;
  requested_at: Timestamp;
  decided_at: Timestamp | null;
  completed_at: Timestamp | null;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** the holder cancelled the request through the mailed link (status cancelled) */
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** hash of the cancel link's token (tokens.hash, kind device_reset_cancel) */
  cancel_token: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface StaffTable {
  id: string;
  email: string;
  email_normalized: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  insurer_id: string | null;
  totp_iv: Buffer;
  totp_tag: Buffer;
  totp_secret: Buffer;
  /** the last TOTP time step used, so a code works once */
  totp_last_step: ColumnType<string, string | number | undefined, string | number>;
  status: StaffStatus;
  created_at: CreatedAt;
}

export interface PostboxMessagesTable {
  id: string;
  portal: string;
  /** the company's key in its portal: the Betriebsnummer */
  company: string;
  insurer_id: string;
  direction: PostboxDirection;
  kind: PostboxKind;
  subject: string;
  body: string;
  author_account_id: string | null;
  author_staff_id: string | null;
  in_reply_to: string | null;
  created_at: CreatedAt;
}

export interface PostboxReadsTable {
  message_id: string;
  /** account:<id> for a company user, insurer:<id> for the insurer's staff */
  reader: string;
  read_at: Timestamp;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface BarrierReportsTable {
  id: string;
  portal: string;
  page: string | null;
  description: string;
  name: string | null;
  email: string | null;
  created_at: Timestamp;
  done_at: Nullable<Date>;
  done_by: Nullable<string>;
}

export interface Database {
  ik_register: IkRegisterTable;
  provider_iks: ProviderIksTable;
  payment_advices: PaymentAdvicesTable;
  payment_advice_items: PaymentAdviceItemsTable;
  barrier_reports: BarrierReportsTable;
  postbox_messages: PostboxMessagesTable;
  postbox_reads: PostboxReadsTable;
  staff: StaffTable;
  device_resets: DeviceResetsTable;
  login_attempts: LoginAttemptsTable;
  devices: DevicesTable;
  accounts: AccountsTable;
  consents: ConsentsTable;
  registrations: RegistrationsTable;
  registration_steps: RegistrationStepsTable;
  tokens: TokensTable;
  flows: FlowsTable;
  sessions: SessionsTable;
  files: FilesTable;
  mail_outbox: MailOutboxTable;
  mailbox_messages: MailboxMessagesTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  jobmaster_employers: JobmasterEmployersTable;
  jobmaster_contacts: JobmasterContactsTable;
  security_answers: SecurityAnswersTable;
  login_history: LoginHistoryTable;
  job_postings: JobPostingsTable;
  plz_centroids: PlzCentroidsTable;
  job_bookmarks: JobBookmarksTable;
  jobmaster_pending_changes: JobmasterPendingChangesTable;
  job_alerts: JobAlertsTable;
  insured_persons: InsuredPersonsTable;
  epa_records: EpaRecordsTable;
  insured_activation_codes: InsuredActivationCodesTable;
  ident_oidc_entries: IdentOidcEntriesTable;
  ident_signing_keys: IdentSigningKeysTable;
  ident_devices: IdentDevicesTable;
  ident_login_requests: IdentLoginRequestsTable;
  epa_record_keys: EpaRecordKeysTable;
  epa_documents: EpaDocumentsTable;
  epa_protocol: EpaProtocolTable;
  epa_devices: EpaDevicesTable;
  epa_device_failures: EpaDeviceFailuresTable;
  epa_dpop_proofs: EpaDpopProofsTable;
  epa_logins_seen: EpaLoginsSeenTable;
  epa_wrong_codes: EpaWrongCodesTable;
  epa_representations: EpaRepresentationsTable;
}
