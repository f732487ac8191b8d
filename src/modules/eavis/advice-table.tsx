import Html from '@kitajs/html';
import { formatEuro, germanDay, type StoredAdvice } from './model.ts';

/** The items of a payment advice with their totals, as staff and the provider see them. */
export function AdviceItemsTable(props: { advice: StoredAdvice }) {
  const items = props.advice.items;
  const sum = (k: 'invoicedCents' | 'deductionCents' | 'paidCents') => items.reduce((n, i) => n + i[k], 0);
  return (
    <div class="table-scroll">
    <table class="table">
      <caption class="visually-hidden">Positionen</caption>
      <thead>
        <tr>
          <th scope="col">Pos.</th>
          <th scope="col">Rechnungsnummer</th>
          <th scope="col">Rechnungsdatum</th>
          <th scope="col">Rechnungsbetrag</th>
          <th scope="col">Abzug</th>
          <th scope="col">Abzugsgrund</th>
          <th scope="col">Zahlbetrag</th>
          <th scope="col">Referenz</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr>
            <td safe>{String(i.position)}</td>
            <td safe>{i.invoiceNumber}</td>
            <td safe>{germanDay(i.invoiceDate)}</td>
            <td safe>{formatEuro(i.invoicedCents)}</td>
            <td>{i.deductionCents ? formatEuro(i.deductionCents) : '–'}</td>
            <td safe>{i.deductionReason ?? ''}</td>
            <td safe>{formatEuro(i.paidCents)}</td>
            <td safe>{i.reference ?? ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="3">
            Summe
          </th>
          <td safe>{formatEuro(sum('invoicedCents'))}</td>
          <td safe>{formatEuro(sum('deductionCents'))}</td>
          <td></td>
          <td safe>{formatEuro(sum('paidCents'))}</td>
          <td></td>
        </tr>
      </tfoot>
    </table>
    </div>
  );
}
