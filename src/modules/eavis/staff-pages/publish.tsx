import Html from '@kitajs/html';
import { BO, StaffBar } from '../../../core/staff/shell.tsx';
import { CsrfField, ErrorSummary, Field } from '../../../core/ui/components.tsx';
import { Layout } from '../../../core/ui/layout.tsx';
import { t } from '../../../core/i18n/de.ts';
import { MAX_ITEMS } from '../model.ts';
import type { StaffPageProps } from './advices.tsx';
import { Table } from '../../../core/ui/table.tsx';

export const ROWS_START = 5;
export const ROWS_MORE = 5;
/** the advice fields of the form and, per item row, its fields; amounts are typed in euros */
export const ADVICE_FIELDS = ['ik', 'adviceNumber', 'adviceDate', 'valueDate', 'payer', 'iban', 'total'] as const;
export const ITEM_FIELDS = ['invoiceNumber', 'invoiceDate', 'invoiced', 'deduction', 'paid', 'reason', 'reference'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

const ITEM_LABELS: Record<ItemField, string> = {
  invoiceNumber: 'Rechnungsnummer',
  invoiceDate: 'Rechnungsdatum',
  invoiced: 'Rechnungsbetrag (€)',
  deduction: 'Abzug (€)',
  paid: 'Zahlbetrag (€)',
  reason: 'Abzugsgrund',
  reference: 'Referenz',
};
const ADVICE_LABELS: Record<string, string> = {
  ik: 'IK des Zahlungsempfängers',
  adviceNumber: 'Avisnummer',
  adviceDate: 'Avisdatum',
  valueDate: 'Valutadatum',
  payer: 'Zahler',
  iban: 'IBAN des Zahlungsempfängers',
  total: 'Gesamtbetrag (€)',
  items: 'Positionen',
};
/** model field → form field (items.N.x is mapped per row separately) */
export const FORM_FIELD: Record<string, string> = { totalCents: 'total', invoicedCents: 'invoiced', paidCents: 'paid', deductionCents: 'deduction', deductionReason: 'reason' };

export const itemName = (row: number, field: ItemField) => `p${row}_${field}`;

/** "Zahlungsavis veröffentlichen": one advice by form, its items in rows that grow on demand. */
export function PublishPage(props: StaffPageProps & { rows: number; values: Record<string, string>; errors: Record<string, string> }) {
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v)]));
  const v = props.values;
  const labels: Record<string, string> = { ...ADVICE_LABELS };
  for (let i = 0; i < props.rows; i++) for (const f of ITEM_FIELDS) labels[itemName(i, f)] = `Position ${i + 1}: ${ITEM_LABELS[f]}`;
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Zahlungsavis veröffentlichen' : 'Zahlungsavis veröffentlichen'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <p>
        <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
      </p>
      <h1>Zahlungsavis veröffentlichen</h1>
      <p>
        Das Zahlungsavis wird dem Leistungserbringer mit diesem IK im Portal bereitgestellt; seine LE-Admins und die berechtigten Nutzer erhalten eine E-Mail ohne Inhalt. Das elektronische Zahlungsavis muss für das IK
        aktiv sein. Beträge in Euro (z. B. 1.234,56), Daten als TT.MM.JJJJ. Der Zahlbetrag jeder Position ist Rechnungsbetrag minus Abzug, der Gesamtbetrag die Summe der Zahlbeträge.
      </p>
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={`${BO}/zahlungsavise/veroeffentlichen`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="rows" value={String(props.rows)} />
        <div class="row">
          <Field name="ik" label={ADVICE_LABELS.ik!} value={v.ik} error={e.ik} maxlength={9} inputmode="numeric" required />
          <Field name="adviceNumber" label={ADVICE_LABELS.adviceNumber!} value={v.adviceNumber} error={e.adviceNumber} maxlength={35} required />
        </div>
        <div class="row">
          <Field name="adviceDate" label={ADVICE_LABELS.adviceDate!} value={v.adviceDate} error={e.adviceDate} hint="TT.MM.JJJJ" maxlength={10} required />
          <Field name="valueDate" label={ADVICE_LABELS.valueDate!} value={v.valueDate} error={e.valueDate} hint="TT.MM.JJJJ" maxlength={10} required />
        </div>
        <div class="row">
          <Field name="payer" label={ADVICE_LABELS.payer!} value={v.payer} error={e.payer} maxlength={120} required />
          <Field name="iban" label={ADVICE_LABELS.iban!} value={v.iban} error={e.iban} hint="Wird nur maskiert gespeichert und angezeigt." maxlength={34} required />
          <Field name="total" label={ADVICE_LABELS.total!} value={v.total} error={e.total} maxlength={20} required />
        </div>
        <h2>Positionen</h2>
        {e.items ? (
          <p class="field-error" id="f-items-error">
            <span class="visually-hidden">Fehler: </span>
            <span safe>{e.items}</span>
          </p>
        ) : (
          ''
        )}
        <Table scroll id="f-items" heads={['Pos.', ...ITEM_FIELDS.map((f) => ITEM_LABELS[f])]}>
          {Array.from({ length: props.rows }, (_, i) => (
            <tr>
              <td safe>{String(i + 1)}</td>
              {ITEM_FIELDS.map((f) => {
                const name = itemName(i, f);
                const error = e[name];
                return (
                  <td class={error ? 'field--error' : ''}>
                    <label class="visually-hidden" for={`f-${name}`} safe>
                      {labels[name]}
                    </label>
                    <input
                      id={`f-${name}`}
                      name={name}
                      type="text"
                      value={v[name]}
                      size={f === 'reason' ? '18' : f === 'invoiceNumber' || f === 'reference' ? '12' : '10'}
                      maxlength={f === 'reason' ? '200' : '35'}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `f-${name}-error` : undefined}
                    />
                    {error ? (
                      <p class="field-error" id={`f-${name}-error`}>
                        <span class="visually-hidden">Fehler: </span>
                        <span safe>{error}</span>
                      </p>
                    ) : (
                      ''
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </Table>
        <div class="actions actions--left">
          {props.rows < MAX_ITEMS ? (
            <button type="submit" name="aktion" value="mehr" class="button button--secondary">
              Weitere Positionen
            </button>
          ) : (
            ''
          )}
          <button type="submit" name="aktion" value="veroeffentlichen" class="button">
            Veröffentlichen
          </button>
        </div>
      </form>
    </Layout>
  );
}
