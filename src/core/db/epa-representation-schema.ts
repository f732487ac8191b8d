import type { ColumnType } from 'kysely';
import type { CreatedAt, OptionalText, OptionalTimestamp } from './column-types.ts';

// the table of migration 0032 (Vertretung für Angehörige); schema.ts lists it in Database

export type EpaRepresentationStatus = 'invited' | 'confirmed' | 'ended';
export type EpaRepresentationEndedBy = 'insured' | 'representative';

/** A representative an insured person named: invited until they confirm, then acting until it ends. */
export interface EpaRepresentationsTable {
  id: string;
  /** the represented person, whose record the representative reaches */
  insured_id: string;
  /** as the person typed them (normalised), whether or not they matched anyone */
  representative_kvnr: string;
  representative_email: string;
  /** the registered person with that KVNR and e-mail; null when none matched */
  representative_id: OptionalText;
  status: EpaRepresentationStatus;
  created_at: CreatedAt;
  confirmed_at: OptionalTimestamp;
  ended_at: OptionalTimestamp;
  ended_by: ColumnType<EpaRepresentationEndedBy | null, EpaRepresentationEndedBy | null | undefined, EpaRepresentationEndedBy | null>;
}
