import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CreatedAt, OptionalText } from './column-types.ts';

// the tables of migration 0030 (the ePA record's documents and the insured's Protokoll); schema.ts lists them in Database

/** A record's own data key, encrypted under the server's file key. */
export interface EpaRecordKeysTable {
  record_id: string;
  iv: Buffer;
  tag: Buffer;
  wrapped_key: Buffer;
  created_at: CreatedAt;
}

/** Who wrote a document: the person ("von mir") or an institution (the AOK, a practice). */
export type EpaAuthorKind = 'insured' | 'institution';

/** The content types a record holds (PDF, JPEG, PNG, TIFF). */
export type EpaContentType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

/** One document of a record: metadata in clear, the bytes encrypted under the record's key. */
export interface EpaDocumentsTable {
  id: string;
  record_id: string;
  /** the IHE-D classCode (epa-records/classes.ts) */
  class_code: string;
  title: string;
  author_kind: EpaAuthorKind;
  /** as shown: "von mir", or the institution's name */
  author: string;
  created_at: CreatedAt;
  access_count: ColumnType<number, number | undefined, never>;
  content_type: EpaContentType;
  file_name: string;
  size: number;
  /** who added it, as the audit log names actors (insured:<id>, staff:<id>) */
  added_by: string;
  iv: Buffer;
  tag: Buffer;
  content: Buffer;
}

export type EpaProtocolKind = 'access' | 'login' | 'device' | 'representation';
export type EpaActorKind = 'insured' | 'representative' | 'staff' | 'system';
export type EpaProtocolResult = 'success' | 'denied' | 'failed';

/** One entry of the insured's Protokoll; append-only (a trigger refuses changes). */
export interface EpaProtocolTable {
  id: Generated<string>;
  insured_id: string;
  /** the database's time when the entry was written (default clock_timestamp(), migration 0034); never changed */
  at: ColumnType<Date, Date | string | undefined, never>;
  kind: EpaProtocolKind;
  action: string;
  actor_kind: EpaActorKind;
  actor_id: OptionalText;
  actor_name: OptionalText;
  document_id: OptionalText;
  document_title: OptionalText;
  device_id: OptionalText;
  device_name: OptionalText;
  result: EpaProtocolResult;
  data: JSONColumnType<Record<string, unknown>>;
  /** in a representative's own Protokoll: the person they acted for (migration 0033) */
  on_behalf_of_id: OptionalText;
  on_behalf_of_name: OptionalText;
}
