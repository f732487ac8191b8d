/**
 * The rules of one advice input (see model.ts), as a zod schema whose issues carry our codes:
 * each field checked on its own, then the rules across fields with what is valid.
 */
import { z } from 'zod';
import { checkIban, checkIk, maskIban } from '../../core/identifiers/checks.ts';
import { isErrorCode, type Checked, type ErrorCode } from '../../core/errors/app-error.ts';
import { MAX_CENTS, parseDay } from './days-and-money.ts';
import type { Advice, AdviceProblem } from './model.ts';

export const MAX_ITEMS = 500;

const CONTROL = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u;

/** Attaches a code to a transform: the value on success, the code as the issue on failure. */
function checked<T>(check: (v: string) => Checked<T>) {
  return z.string({ error: 'field.required' }).transform((v, ctx) => {
    const r = check(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code });
      return z.NEVER;
    }
    return r.value;
  });
}

const text = (max: number, code: ErrorCode, options: { required?: boolean; pattern?: RegExp } = {}) =>
  (v: string): Checked<string> => {
    const s = v.normalize('NFC').trim();
    if (!s) return options.required === false ? { ok: true, value: '' } : { ok: false, code: 'field.required' };
    if ([...s].length > max || CONTROL.test(s) || (options.pattern && !options.pattern.test(s))) return { ok: false, code };
    return { ok: true, value: s };
  };

const day = (v: string): Checked<string> => {
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

const optionalText = (max: number, code: ErrorCode, pattern?: RegExp) =>
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

function checkIkResult(v: string): Checked<string> {
  return checkIk(v);
}

function checkIbanResult(v: string): Checked<string> {
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
    const code = isErrorCode(issue.message) ? issue.message : 'eavis.not_an_advice';
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
