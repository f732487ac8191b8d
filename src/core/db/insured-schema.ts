import type { IdentityCheck, InsuredStatus } from './values.ts';
import type { CreatedAt, OptionalText, OptionalTimestamp, Timestamp } from './column-types.ts';

// the tables of migration 0025 (insured persons and their ePA registration, manual 003); schema.ts lists them in Database

/** An insured person (Versicherte) as the AOK keeps them; the KVNR is their permanent number. */
export interface InsuredPersonsTable {
  id: string;
  kvnr: string;
  last_name: string;
  first_name: string;
  /** 'YYYY-MM-DD' */
  birth_date: string;
  email: string;
  /** the postal address (migration 0029): all three or none; persons made before may have none */
  street: OptionalText;
  /** five digits */
  postal_code: OptionalText;
  city: OptionalText;
  insurer_id: string;
  status: InsuredStatus;
  lock_reason: OptionalText;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** The person's electronic patient record, made when staff register them for the ePA. */
export interface EpaRecordsTable {
  id: string;
  insured_id: string;
  /** how the person's identity was checked at the registration */
  identity_check: IdentityCheck;
  created_by: string;
  created_at: CreatedAt;
}

/** One activation letter's code: its keyed hash only; the clear code exists only in the letter. */
export interface InsuredActivationCodesTable {
  id: string;
  insured_id: string;
  hash: string;
  identity_check: IdentityCheck;
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: OptionalTimestamp;
  /** a newer letter replaced it */
  revoked_at: OptionalTimestamp;
}
