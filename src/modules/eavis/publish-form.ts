import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { MAX_ITEMS, checkAdvice, parseMoney, type AdviceInput, type AdviceItemInput } from './model.ts';
import { ADVICE_FIELDS, FORM_FIELD, ITEM_FIELDS, ROWS_START, itemName, type ItemField } from './staff-pages/publish.tsx';

/**
 * The publish form as sent: plain strings, each cut to 300 characters, at most as many fields as the
 * largest form has (a body of anything else is a malformed request). `values` holds the advice's
 * fields and those of the rows shown, so the form comes back as it was typed.
 */
export function readPublishForm(body: unknown): { aktion: string | undefined; shownRows: number; values: Record<string, string> } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('request.malformed', 400);
  const entries = Object.entries(body);
  if (entries.length > ADVICE_FIELDS.length + 4 + ITEM_FIELDS.length * MAX_ITEMS) throw new AppError('request.malformed', 400);
  const raw: Record<string, string> = {};
  for (const [k, value] of entries) {
    if (typeof value !== 'string') throw new AppError('request.malformed', 400);
    raw[k] = value.slice(0, 300);
  }
  const shownRows = Math.min(MAX_ITEMS, Math.max(ROWS_START, Number.parseInt(raw.rows ?? '', 10) || ROWS_START));
  const values: Record<string, string> = {};
  for (const f of ADVICE_FIELDS) values[f] = raw[f] ?? '';
  for (let i = 0; i < shownRows; i++) for (const f of ITEM_FIELDS) values[itemName(i, f)] = raw[itemName(i, f)] ?? '';
  return { aktion: raw.aktion, shownRows, values };
}

/**
 * The advice the form describes (amounts typed in euros become cents; rows left empty are no items),
 * the problems found, each at the form field it concerns, and the way from a model field to its form field.
 */
export function adviceFromForm(values: Record<string, string>, shownRows: number): { input: AdviceInput; errors: FieldErrors; toFormField(field: string): string } {
  const errors: FieldErrors = {};
  const money = (field: string, optional = false): number => {
    if (optional && !values[field]!.trim()) return 0;
    const m = parseMoney(values[field]);
    if (m.ok) return m.cents;
    errors[field] = m.code;
    return 0;
  };
  // rows left empty are not part of the advice; the model's item index maps back to its row
  const rowOf: number[] = [];
  const items: AdviceItemInput[] = [];
  for (let i = 0; i < shownRows; i++) {
    if (ITEM_FIELDS.every((f) => !values[itemName(i, f)]!.trim())) continue;
    rowOf.push(i);
    items.push({
      invoiceNumber: values[itemName(i, 'invoiceNumber')]!,
      invoiceDate: values[itemName(i, 'invoiceDate')]!,
      invoicedCents: money(itemName(i, 'invoiced')),
      deductionCents: money(itemName(i, 'deduction'), true),
      paidCents: money(itemName(i, 'paid')),
      deductionReason: values[itemName(i, 'reason')] || null,
      reference: values[itemName(i, 'reference')] || null,
    });
  }
  const input = { ik: values.ik!, adviceNumber: values.adviceNumber!, adviceDate: values.adviceDate!, valueDate: values.valueDate!, payer: values.payer!, iban: values.iban!, totalCents: money('total'), items };
  const toFormField = (field: string) => {
    const m = field.match(/^items\.(\d+)\.(\w+)$/);
    if (m) return itemName(rowOf[Number(m[1])] ?? 0, (FORM_FIELD[m[2]!] ?? m[2]) as ItemField);
    return FORM_FIELD[field] ?? field;
  };
  const moneyBroken = Object.keys(errors).length > 0;
  const checked = checkAdvice(input);
  if (!checked.ok) {
    for (const p of checked.problems) {
      // sums over an amount that could not be read say nothing new
      if (moneyBroken && (p.code === 'eavis.sum_mismatch' || p.code === 'eavis.item_sum_mismatch')) continue;
      const field = toFormField(p.field);
      errors[field] ??= p.code;
    }
  }
  return { input, errors, toFormField };
}
