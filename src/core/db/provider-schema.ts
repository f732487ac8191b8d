import type { ColumnType } from 'kysely';
import type { AdviceSource, EavisState, ProviderIkStatus, RegionPart } from './values.ts';
import type { Timestamp } from './column-types.ts';

// the tables of the health-care providers' side (IK register, IK management, payment advices); schema.ts lists them in Database

export interface IkRegisterTable {
  ik: string;
  name: string;
  street: string;
  postal_code: string;
  city: string;
  classification: string;
  region_part: RegionPart | null;
  imported_at: Timestamp;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ProviderIksTable {
  id: string;
  /** the provider's key: the IK of its first registration */
  company: string;
  ik: string;
  insurer_id: string;
  status: ProviderIkStatus;
  requested_by: Nullable<string>;
  requested_at: Timestamp;
  decided_at: Nullable<Date>;
  decided_by: Nullable<string>;
  rejection_reason: Nullable<string>;
  removed_at: Nullable<Date>;
  eavis: ColumnType<EavisState, EavisState | undefined, EavisState>;
  eavis_changed_at: Nullable<Date>;
}

export interface PaymentAdvicesTable {
  id: string;
  ik: string;
  insurer_id: string;
  advice_number: string;
  /** dates as YYYY-MM-DD: a calendar day, not an instant */
  advice_date: string;
  value_date: string;
  payer: string;
  iban_masked: string;
  /** int8 comes back as a string: convert with Number() (cents stay far below 2^53) */
  total_cents: ColumnType<string, number | string, number | string>;
  source: AdviceSource;
  published_at: Timestamp;
  published_by: Nullable<string>;
  opened_at: Nullable<Date>;
  archived_at: Nullable<Date>;
  /** deleted by the provider: hidden there, kept for the insurer */
  deleted_at: Nullable<Date>;
}

export interface PaymentAdviceItemsTable {
  advice_id: string;
  position: number;
  invoice_number: string;
  invoice_date: string;
  invoiced_cents: ColumnType<string, number | string, number | string>;
  paid_cents: ColumnType<string, number | string, number | string>;
  deduction_cents: ColumnType<string, number | string | undefined, number | string>;
  deduction_reason: Nullable<string>;
  reference: Nullable<string>;
}
