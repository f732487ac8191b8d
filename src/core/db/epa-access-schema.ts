import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, OptionalText, OptionalTimestamp, Timestamp } from './column-types.ts';

// the tables of migration 0031 (who may call the ePA record service); schema.ts lists them in Database

export type EpaDeviceStatus = 'pending' | 'confirmed';
export type EpaDeviceFailure = 'wrong_codes' | 'expired';

/** A device of an insured person: the DPoP key's thumbprint, pending until the mailed code is typed. */
export interface EpaDevicesTable {
  id: string;
  insured_id: string;
  jkt: string;
  name: string;
  status: EpaDeviceStatus;
  /** keyed hash of the Bestätigungscode while pending */
  code_hash: OptionalText;
  code_expires_at: OptionalTimestamp;
  wrong_codes: Generated<number>;
  created_at: CreatedAt;
  confirmed_at: OptionalTimestamp;
  last_used_at: OptionalTimestamp;
}

/** A registration that failed (five wrong codes, or the code expired): three in eight hours impose a wait. */
export interface EpaDeviceFailuresTable {
  id: Generated<string>;
  insured_id: string;
  failed_at: Timestamp;
  reason: EpaDeviceFailure;
}

/** A wrong Bestätigungscode of a person (migration 0035): fifteen in eight hours stop codes and registrations. */
export interface EpaWrongCodesTable {
  id: Generated<string>;
  insured_id: string;
  wrong_at: Timestamp;
}

/** A DPoP proof's jti, seen once, kept until the proof could no longer pass the time check. */
export interface EpaDpopProofsTable {
  jkt: string;
  jti: string;
  expires_at: Timestamp;
}

/** An Ident login the record service has seen (for one Protokoll entry per login). */
export interface EpaLoginsSeenTable {
  insured_id: string;
  jkt: string;
  /** int8: read as a string */
  auth_time: ColumnType<string, number, never>;
  seen_at: CreatedAt;
}
