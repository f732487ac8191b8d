import type { Generated, JSONColumnType } from 'kysely';
import type { JobmasterEmployerStatus, PostingKind, PostingStatus } from './values.ts';
import type { CreatedAt, OptionalText, OptionalTimestamp, Timestamp } from './column-types.ts';

// the tables of migration 0015 (Jobmaster, manual 004); schema.ts lists them in Database

/** A Jobmaster employer (manual 004): the company its main contact registered; released by the insurer. */
export interface JobmasterEmployersTable {
  id: string;
  company_name: string;
  betriebsnummer: string;
  street: string;
  house_number: string;
  postal_code: string;
  city: string;
  insurer_id: string;
  status: JobmasterEmployerStatus;
  rejection_reason: OptionalText;
  released_at: OptionalTimestamp;
  released_by: OptionalText;
  logo_file_id: OptionalText;
  created_at: CreatedAt;
  version: Generated<number>;
}

/** "Ihre Ansprechpartner": the employer's contact persons; exactly one is the main contact (the login's person). */
export interface JobmasterContactsTable {
  id: string;
  employer_id: string;
  salutation: string;
  title: string | null;
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
  is_main: Generated<boolean>;
  created_at: CreatedAt;
}

/** The Kennwortfrage of an account: the question's code and the argon2id hash of the normalised answer. */
export interface SecurityAnswersTable {
  account_id: string;
  question: string;
  answer_hash: string;
  set_at: Timestamp;
}

/** "Loginverlauf": each login attempt on an existing account, with the shortened address and the browser. */
export interface LoginHistoryTable {
  id: string;
  account_id: string;
  at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
}

/** A job posting; `search` is its weighted text-search document, written with the posting. */
export interface JobPostingsTable {
  id: string;
  employer_id: string;
  title: string;
  kind: PostingKind;
  /** 'YYYY-MM-DD'; with starts_month, the first of the month the job starts in */
  starts_on: string | null;
  starts_month: Generated<boolean>;
  postal_code: string;
  city: string;
  lat: number | null;
  lon: number | null;
  description: string;
  requirements: Generated<string>;
  /** Bewerbungsschluss, 'YYYY-MM-DD': the posting is active through this day */
  apply_until: string | null;
  contact_id: string | null;
  apply_url: string | null;
  apply_email: string | null;
  status: PostingStatus;
  deactivated_reason: OptionalText;
  created_at: CreatedAt;
  updated_at: Timestamp;
  published_at: OptionalTimestamp;
  reminder_sent_at: OptionalTimestamp;
  search: Generated<string>;
}

/** Where a German postcode lies (its centroid), for the radius search. */
export interface PlzCentroidsTable {
  postal_code: string;
  place: string;
  lat: number;
  lon: number;
}

/** A change waiting for its mailed link (migration 0021): the new address, or the new main contact. */
export interface JobmasterPendingChangesTable {
  token_hash: string;
  account_id: string;
  kind: 'email_change' | 'main_contact_handover';
  data: JSONColumnType<Record<string, string | null>>;
  created_at: Timestamp;
}

/** A job starter's Suchauftrag (migration 0023): a saved search, mailed at most once a day. */
export interface JobAlertsTable {
  id: string;
  account_id: string;
  /** the search page's query parameters (was, wo, umkreis, art, beginn, sortierung) */
  query: JSONColumnType<Record<string, string>>;
  name: OptionalText;
  created_at: Timestamp;
  last_sent_at: OptionalTimestamp;
  /** the Berlin day its search last ran for the mail */
  checked_on: OptionalText;
}

/** A job starter's "Merkliste". */
export interface JobBookmarksTable {
  account_id: string;
  posting_id: string;
  created_at: Timestamp;
}

