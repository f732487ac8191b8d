/**
 * The payment advice (Zahlungsavis, eAvis) as staff publish it (shared/IDENTIFIERS.md
 * "Payment advice"): an insurer pays a provider's due invoices of a day as one transfer;
 * the advice lists what the total is made of. It holds no insured person's name.
 *
 * One input shape for the back-office form, the CSV import and the JSON import:
 * amounts in cents (non-negative integers), dates as YYYY-MM-DD (DD.MM.YYYY accepted too).
 * Rules, each a typed code at the field it concerns:
 *   - the IK passes its check digit, the IBAN is a valid German IBAN (kept only masked)
 *   - advice and value date are real calendar days, the value date not before the advice date,
 *     no invoice dated after the advice
 *   - 1–500 items; per item paid = invoiced − deduction; a deduction needs its reason
 *   - total = Σ paid
 */
import type { ErrorCode } from '../../core/errors/app-error.ts';
import type { AdviceSource } from '../../core/db/values.ts';

// the model's parts, one file each, read through this one
export * from './days-and-money.ts';
export * from './advice-check.ts';
export * from './advice-filter.ts';

/** Every code the eAvis model, import and service use (texts in messages.ts). */
export const EAVIS_CODES = [
  'eavis.advice_number_invalid',
  'eavis.payer_invalid',
  'eavis.date_invalid',
  'eavis.value_before_advice',
  'eavis.invoice_after_advice',
  'eavis.amount_invalid',
  'eavis.amount_negative',
  'eavis.amount_too_large',
  'eavis.item_sum_mismatch',
  'eavis.sum_mismatch',
  'eavis.reason_required',
  'eavis.reason_invalid',
  'eavis.items_missing',
  'eavis.too_many_items',
  'eavis.invoice_number_invalid',
  'eavis.reference_invalid',
  'eavis.not_an_advice',
  'eavis.csv_header',
  'eavis.csv_columns',
  'eavis.csv_malformed',
  'eavis.csv_inconsistent',
  'eavis.json_malformed',
  'eavis.json_not_array',
  'eavis.file_empty',
  'eavis.encoding',
  'eavis.file_type',
  'eavis.too_many_rows',
  'eavis.batch_invalid',
  'eavis.not_active',
  'eavis.duplicate',
  'eavis.other_insurer',
  'eavis.already_requested',
  'eavis.already_active',
  'eavis.not_endable',
  'eavis.nothing_pending',
  'eavis.ik_not_active',
  'eavis.admin_only',
  'eavis.no_right',
  'eavis.filter_ik',
  'eavis.filter_range',
] as const;

export type EavisCode = (typeof EAVIS_CODES)[number];

/** One problem of an advice: the field it concerns (items.N.field for an item) and its code. */
export interface AdviceProblem {
  field: string;
  code: ErrorCode;
}

/** What the form and the imports hand in (amounts in cents). */
export interface AdviceItemInput {
  invoiceNumber: string;
  invoiceDate: string;
  invoicedCents: number;
  paidCents: number;
  deductionCents?: number;
  deductionReason?: string | null;
  reference?: string | null;
}

export interface AdviceInput {
  ik: string;
  adviceNumber: string;
  adviceDate: string;
  valueDate: string;
  payer: string;
  /** the full IBAN; only its masked form is stored */
  iban: string;
  totalCents: number;
  items: AdviceItemInput[];
}

/** A checked advice, ready to store: the IBAN only masked. */
export interface AdviceItem {
  position: number;
  invoiceNumber: string;
  invoiceDate: string;
  invoicedCents: number;
  paidCents: number;
  deductionCents: number;
  deductionReason: string | null;
  reference: string | null;
}

export interface Advice {
  ik: string;
  adviceNumber: string;
  adviceDate: string;
  valueDate: string;
  payer: string;
  ibanMasked: string;
  totalCents: number;
  items: AdviceItem[];
}

/** German labels of the fields; the CSV columns carry the same names. */
export const FIELD_LABELS: Record<string, string> = {
  ik: 'IK',
  adviceNumber: 'Avisnummer',
  adviceDate: 'Avisdatum',
  valueDate: 'Valutadatum',
  payer: 'Zahler',
  iban: 'IBAN',
  totalCents: 'Gesamtbetrag',
  items: 'Positionen',
  invoiceNumber: 'Rechnungsnummer',
  invoiceDate: 'Rechnungsdatum',
  invoicedCents: 'Rechnungsbetrag',
  paidCents: 'Zahlbetrag',
  deductionCents: 'Abzug',
  deductionReason: 'Abzugsgrund',
  reference: 'Referenz',
};

/** "Position 3: Zahlbetrag" for items.2.paidCents, "Avisnummer" for adviceNumber. */
export function fieldLabel(field: string): string {
  const m = field.match(/^items\.(\d+)\.(\w+)$/);
  if (m) return `Position ${Number(m[1]) + 1}: ${FIELD_LABELS[m[2]!] ?? m[2]}`;
  return FIELD_LABELS[field] ?? field;
}



/** A published advice as the provider and staff see it (amounts as numbers). */
export interface StoredAdvice {
  id: string;
  ik: string;
  insurerId: string;
  adviceNumber: string;
  adviceDate: string;
  valueDate: string;
  payer: string;
  ibanMasked: string;
  totalCents: number;
  source: AdviceSource;
  publishedAt: Date;
  openedAt: Date | null;
  archivedAt: Date | null;
  deletedAt: Date | null;
  /** the institution's name from the IK register, when it is known */
  institution: string | null;
  items: AdviceItem[];
}

/** Zahlungsavis_260326822_ZA-2026-0001.pdf: only characters every file system takes. */
export function adviceFileName(advice: Pick<StoredAdvice, 'ik' | 'adviceNumber'>, ext: 'pdf' | 'csv'): string {
  return `Zahlungsavis_${advice.ik}_${advice.adviceNumber.replace(/[^A-Za-z0-9-]/g, '-')}.${ext}`;
}
