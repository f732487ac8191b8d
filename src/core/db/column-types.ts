import type { ColumnType } from 'kysely';

/** A point in time: read as a Date, written as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** Set once when the row is inserted, never updated. */
export type CreatedAt = ColumnType<Date, Date | string, never>;
/** A point in time that may be unset, and may be left out on insert. */
export type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A text that may be unset, and may be left out on insert. */
export type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;
