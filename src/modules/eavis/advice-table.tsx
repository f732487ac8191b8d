import Html from '@kitajs/html';
import { formatEuro, germanDay, type StoredAdvice } from './model.ts';
import { Table } from '../../core/ui/table.tsx';

const HEADS = ['Pos.', 'Rechnungsnummer', 'Rechnungsdatum', 'Rechnungsbetrag', 'Abzug', 'Abzugsgrund', 'Zahlbetrag', 'Referenz'];

/** The items of a payment advice with their totals, as staff and the provider see them. */
export function AdviceItemsTable(props: { advice: StoredAdvice }) {
  const items = props.advice.items;
  const sum = (k: 'invoicedCents' | 'deductionCents' | 'paidCents') => items.reduce((n, i) => n + i[k], 0);
  const totals = (
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
  );
  return (
    <Table heads={HEADS} caption="Positionen" scroll foot={totals}>
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
    </Table>
  );
}
