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
import { z } from 'zod';
import { checkIban, checkIk, maskIban } from '../../core/identifiers/checks.ts';

export const MAX_ITEMS = 500;
/** 10 billion euros: far above any real transfer, far below 2^53 cents. */
export const MAX_CENTS = 1_000_000_000_000;

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
  code: string;
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

// ---------------------------------------------------------------- small named checks

const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u;

/**
 * A calendar day from "YYYY-MM-DD" or the German "DD.MM.YYYY" (also "D.M.YYYY"), as
 * YYYY-MM-DD; null when it is no real day (31.02., 2026-13-01) or not one of these forms.
 */
export function parseDay(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const v = input.trim();
  let y: number, m: number, d: number;
  const iso = v.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const german = v.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (german) [d, m, y] = [Number(german[1]), Number(german[2]), Number(german[3])];
  else return null;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 2026-11-23 → 23.11.2026 */
export function germanDay(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

export type MoneyResult = { ok: true; cents: number } | { ok: false; code: 'field.required' | 'eavis.amount_invalid' | 'eavis.amount_negative' | 'eavis.amount_too_large' };

/**
 * Money as people type it, into cents without floating point: German "1.234,56", "1234,5",
 * "1234"; or with a decimal point "1234.56". A dot followed by exactly three digits is a
 * thousands separator ("1.234" = 1234,00 €). An optional "€"/"EUR" is ignored. Negative
 * amounts are refused with their own code.
 */
export function parseMoney(input: unknown): MoneyResult {
  if (typeof input !== 'string') return { ok: false, code: 'eavis.amount_invalid' };
  let v = input.replace(/[\s\u00a0\u202f]/g, '').replace(/(€|EUR)$/i, '');
  if (v === '') return { ok: false, code: 'field.required' };
  if (/^[-−]/.test(v)) {
    const rest = parseMoney(v.slice(1));
    return rest.ok && rest.cents === 0 ? rest : { ok: false, code: rest.ok ? 'eavis.amount_negative' : rest.code };
  }
  if (v.startsWith('+')) v = v.slice(1);
  let euros: string;
  let fraction = '';
  let m: RegExpMatchArray | null;
  if ((m = v.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/))) {
    euros = m[1]!.replace(/\./g, '');
    fraction = m[2] ?? '';
  } else if ((m = v.match(/^(\d+)(?:,(\d{1,2}))?$/))) {
    euros = m[1]!;
    fraction = m[2] ?? '';
  } else if ((m = v.match(/^(\d+)\.(\d{1,2})$/))) {
    euros = m[1]!;
    fraction = m[2]!;
  } else if ((m = v.match(/^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/))) {
    euros = m[1]!.replace(/,/g, '');
    fraction = m[2]!;
  } else {
    return { ok: false, code: 'eavis.amount_invalid' };
  }
  euros = euros.replace(/^0+(?=\d)/, '');
  if (euros.length > 13) return { ok: false, code: 'eavis.amount_too_large' };
  const cents = Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
  if (cents > MAX_CENTS) return { ok: false, code: 'eavis.amount_too_large' };
  return { ok: true, cents };
}

/** 123456 → "1.234,56" (German grouping and decimal comma, no currency sign). */
export function formatCents(cents: number | string): string {
  const n = Number(cents);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "1.234,56 €" */
export function formatEuro(cents: number | string): string {
  return `${formatCents(cents)} €`;
}

// ---------------------------------------------------------------- the zod schema

/** Attaches a code to a transform: the value on success, the code as the issue on failure. */
function checked<T>(check: (v: string) => { ok: true; value: T } | { ok: false; code: string }) {
  return z.string({ error: 'field.required' }).transform((v, ctx) => {
    const r = check(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code });
      return z.NEVER;
    }
    return r.value;
  });
}

const text = (max: number, code: string, options: { required?: boolean; pattern?: RegExp } = {}) =>
  (v: string): { ok: true; value: string } | { ok: false; code: string } => {
    const s = v.normalize('NFC').trim();
    if (!s) return options.required === false ? { ok: true, value: '' } : { ok: false, code: 'field.required' };
    if ([...s].length > max || CONTROL.test(s) || (options.pattern && !options.pattern.test(s))) return { ok: false, code };
    return { ok: true, value: s };
  };

const day = (v: string): { ok: true; value: string } | { ok: false; code: string } => {
  if (!v.trim()) return { ok: false, code: 'field.required' };
  const d = parseDay(v);
  return d ? { ok: true, value: d } : { ok: false, code: 'eavis.date_invalid' };
};

const cents = () =>
  z
    .number({ error: (issue) => (issue.input === undefined ? 'field.required' : 'eavis.amount_invalid') })
    .int({ error: 'eavis.amount_invalid' })
    .min(0, { error: 'eavis.amount_negative' })
    .max(MAX_CENTS, { error: 'eavis.amount_too_large' });

const optionalText = (max: number, code: string, pattern?: RegExp) =>
  z
    .union([z.string(), z.null()], { error: code })
    .optional()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return null;
      const r = text(max, code, { required: false, pattern })(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.code });
        return z.NEVER;
      }
      return r.value || null;
    });

const NUMBER_CHARS = /^[A-Za-z0-9/-]+$/;
const INVOICE_CHARS = /^[A-Za-z0-9/._ -]+$/;

export const adviceItemSchema = z.object(
  {
    invoiceNumber: checked(text(35, 'eavis.invoice_number_invalid', { pattern: INVOICE_CHARS })),
    invoiceDate: checked(day),
    invoicedCents: cents(),
    paidCents: cents(),
    deductionCents: cents().optional().default(0),
    deductionReason: optionalText(200, 'eavis.reason_invalid'),
    reference: optionalText(35, 'eavis.reference_invalid', INVOICE_CHARS),
  },
  { error: 'eavis.not_an_advice' },
);

const isAmount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_CENTS;
const isDay = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The advice input: fields checked one by one, then the rules across fields (those run with what is valid). */
export const adviceInputSchema = z
  .object(
    {
      ik: checked(checkIkResult),
      adviceNumber: checked(text(35, 'eavis.advice_number_invalid', { pattern: NUMBER_CHARS })),
      adviceDate: checked(day),
      valueDate: checked(day),
      payer: checked(text(120, 'eavis.payer_invalid')),
      iban: checked(checkIbanResult),
      totalCents: cents(),
      items: z
        .array(adviceItemSchema, { error: 'eavis.items_missing' })
        .min(1, { error: 'eavis.items_missing' })
        .max(MAX_ITEMS, { error: 'eavis.too_many_items' }),
    },
    { error: 'eavis.not_an_advice' },
  )
  .superRefine(
    (a, ctx) => {
      // fields that failed their own check are skipped here: their message is already there
      const raw = a as unknown as Record<string, unknown>;
      if (isDay(raw.adviceDate) && isDay(raw.valueDate) && raw.valueDate < raw.adviceDate) {
        ctx.addIssue({ code: 'custom', message: 'eavis.value_before_advice', path: ['valueDate'] });
      }
      const items = Array.isArray(raw.items) ? (raw.items as Array<Record<string, unknown>>) : [];
      let allPaidValid = items.length > 0 && items.length <= MAX_ITEMS;
      let sum = 0;
      items.forEach((item, i) => {
        if (!item || typeof item !== 'object') {
          allPaidValid = false;
          return;
        }
        const deduction = item.deductionCents === undefined ? 0 : item.deductionCents;
        if (isAmount(item.invoicedCents) && isAmount(item.paidCents) && isAmount(deduction) && item.paidCents !== item.invoicedCents - deduction) {
          ctx.addIssue({ code: 'custom', message: 'eavis.item_sum_mismatch', path: ['items', i, 'paidCents'] });
        }
        if (isAmount(deduction) && deduction > 0 && (item.deductionReason === null || item.deductionReason === undefined || item.deductionReason === '')) {
          ctx.addIssue({ code: 'custom', message: 'eavis.reason_required', path: ['items', i, 'deductionReason'] });
        }
        if (isDay(item.invoiceDate) && isDay(raw.adviceDate) && item.invoiceDate > raw.adviceDate) {
          ctx.addIssue({ code: 'custom', message: 'eavis.invoice_after_advice', path: ['items', i, 'invoiceDate'] });
        }
        if (isAmount(item.paidCents)) sum += item.paidCents;
        else allPaidValid = false;
      });
      if (allPaidValid && isAmount(raw.totalCents) && sum !== raw.totalCents) {
        ctx.addIssue({ code: 'custom', message: 'eavis.sum_mismatch', path: ['totalCents'] });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

function checkIkResult(v: string): { ok: true; value: string } | { ok: false; code: string } {
  return checkIk(v);
}

function checkIbanResult(v: string): { ok: true; value: string } | { ok: false; code: string } {
  // an already masked IBAN ("DE89 **** …") is refused: only a full IBAN can be checked
  return checkIban(v);
}

/** The zod issues as problems: "items.2.paidCents" → code. The first problem per field wins. */
function problemsOf(issues: z.core.$ZodIssue[]): AdviceProblem[] {
  const seen = new Set<string>();
  const out: AdviceProblem[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'advice';
    if (seen.has(field)) continue;
    seen.add(field);
    // zod's own texts (unknown keys, wrong types deep inside) become our generic code
    const code = /^[a-z_]+\.[a-z_.]+$/.test(issue.message) ? issue.message : 'eavis.not_an_advice';
    out.push({ field, code });
  }
  return out;
}

/** Checks one advice input; the IBAN comes back only masked. */
export function checkAdvice(input: unknown): { ok: true; advice: Advice } | { ok: false; problems: AdviceProblem[] } {
  const r = adviceInputSchema.safeParse(input);
  if (!r.success) return { ok: false, problems: problemsOf(r.error.issues) };
  const a = r.data;
  return {
    ok: true,
    advice: {
      ik: a.ik,
      adviceNumber: a.adviceNumber,
      adviceDate: a.adviceDate,
      valueDate: a.valueDate,
      payer: a.payer,
      ibanMasked: maskIban(a.iban),
      totalCents: a.totalCents,
      items: a.items.map((item, i) => ({
        position: i + 1,
        invoiceNumber: item.invoiceNumber,
        invoiceDate: item.invoiceDate,
        invoicedCents: item.invoicedCents,
        paidCents: item.paidCents,
        deductionCents: item.deductionCents,
        deductionReason: item.deductionReason,
        reference: item.reference,
      })),
    },
  };
}

// ---------------------------------------------------------------- list filter

export const ADVICE_PAGE_SIZE = 20;

export interface AdviceFilter {
  box: 'neu' | 'archiv';
  ik?: string;
  from?: string;
  to?: string;
  minCents?: number;
  maxCents?: number;
  page: number;
}

/**
 * The list filter from a query string (Neu / Archiv, IK, Zeitraum von/bis, Betrag von/bis).
 * Returns the filter and the raw values to show again, plus field problems: an IK that is
 * not one of `allowedIks`, a day that is none, an amount that is none, from after to.
 */
export function parseAdviceFilter(query: Record<string, unknown>, allowedIks: string[] | null) {
  const s = (k: string, max = 40) => (typeof query[k] === 'string' ? (query[k] as string).trim().slice(0, max) : '');
  const values = { box: s('box') === 'archiv' ? 'archiv' : 'neu', ik: s('ik', 9), von: s('von', 10), bis: s('bis', 10), betragVon: s('betragVon', 20), betragBis: s('betragBis', 20) };
  const errors: Record<string, string> = {};
  const filter: AdviceFilter = { box: values.box as 'neu' | 'archiv', page: Math.min(10_000, Math.max(1, Number.parseInt(s('seite', 6) || '1', 10) || 1)) };
  if (values.ik) {
    const ik = checkIk(values.ik);
    if (!ik.ok) errors.ik = ik.code;
    else if (allowedIks && !allowedIks.includes(ik.value)) errors.ik = 'eavis.filter_ik';
    else filter.ik = ik.value;
  }
  for (const [key, target] of [['von', 'from'], ['bis', 'to']] as const) {
    if (!values[key]) continue;
    const d = parseDay(values[key]);
    if (d) filter[target] = d;
    else errors[key] = 'eavis.date_invalid';
  }
  if (filter.from && filter.to && filter.from > filter.to) errors.bis = 'eavis.filter_range';
  for (const [key, target] of [['betragVon', 'minCents'], ['betragBis', 'maxCents']] as const) {
    if (!values[key]) continue;
    const m = parseMoney(values[key]);
    if (m.ok) filter[target] = m.cents;
    else errors[key] = m.code;
  }
  if (filter.minCents !== undefined && filter.maxCents !== undefined && filter.minCents > filter.maxCents) errors.betragBis = 'eavis.filter_range';
  return { filter, values, errors };
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
  source: string;
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
