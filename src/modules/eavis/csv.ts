/**
 * The payment advice as CSV for the provider's accounting: ";" as separator, UTF-8 with BOM
 * (so spreadsheet programs read the umlauts), one line per item with the advice columns
 * repeated — the columns of the import (import.ts), the IBAN masked. Dates DD.MM.YYYY,
 * amounts in euros with a decimal comma and no thousands separator ("1234,56").
 */
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from './import.ts';
import { germanDay, type StoredAdvice } from './model.ts';

/** A cell a spreadsheet would run as a formula starts with a quote instead. */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 123456 → "1234,56" */
function amount(cents: number): string {
  return `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

export function adviceCsv(advice: StoredAdvice): string {
  const head = [advice.ik, advice.adviceNumber, germanDay(advice.adviceDate), germanDay(advice.valueDate), advice.payer, advice.ibanMasked, amount(advice.totalCents)];
  const rows = advice.items.map((item) =>
    [
      ...head,
      item.invoiceNumber,
      germanDay(item.invoiceDate),
      amount(item.invoicedCents),
      amount(item.paidCents),
      amount(item.deductionCents),
      item.deductionReason ?? '',
      item.reference ?? '',
    ].map(inert),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], delimiter: ';', bom: true, record_delimiter: 'windows' });
}
