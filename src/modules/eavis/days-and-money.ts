/**
 * Calendar days and euro amounts of a payment advice, as people type them and as the pages,
 * the PDF and the CSV show them: dates as YYYY-MM-DD, amounts in cents without floating point.
 */

/** 10 billion euros: far above any real transfer, far below 2^53 cents. */
export const MAX_CENTS = 1_000_000_000_000;


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
