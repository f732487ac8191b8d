import Html from '@kitajs/html';
import { BO, StaffBar } from '../../../core/staff/shell.tsx';
import { CsrfField, FileField } from '../../../core/ui/components.tsx';
import { Layout } from '../../../core/ui/layout.tsx';
import { t } from '../../../core/i18n/de.ts';
import { CSV_COLUMNS, problemWhere, type ImportProblem } from '../import.ts';
import type { StaffPageProps } from './advices.tsx';
import { Table } from '../../../core/ui/table.tsx';

/** "Zahlungsavise importieren": a CSV or JSON file, all or nothing, with both formats explained. */
export function ImportPage(props: StaffPageProps & { error?: string; problems?: ImportProblem[] }) {
  const problems = props.problems ?? [];
  const failed = Boolean(props.error || problems.length);
  return (
    <Layout title={failed ? 'Fehler: Zahlungsavise importieren' : 'Zahlungsavise importieren'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <p>
        <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
      </p>
      <h1>Zahlungsavise importieren</h1>
      {problems.length ? (
        <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="import-errors-title">
          <h2 id="import-errors-title" safe>{`Es wurde nichts veröffentlicht: ${problems.length} Fehler`}</h2>
          <Table scroll heads={['Stelle', 'Fehler']}>
            {problems.slice(0, 200).map((p) => (
              <tr>
                <td safe>{problemWhere(p)}</td>
                <td safe>{t(p.code)}</td>
              </tr>
            ))}
          </Table>
          {problems.length > 200 ? <p safe>{`… und ${problems.length - 200} weitere.`}</p> : ''}
        </div>
      ) : (
        ''
      )}
      <form method="post" action={`${BO}/zahlungsavise/import`} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrf} />
        <FileField name="files" label="Datei (CSV oder JSON)" error={props.error ? t(props.error) : undefined} accept=".csv,.json,text/csv,application/json" />
        <button type="submit" class="button">
          Importieren und veröffentlichen
        </button>
      </form>
      <h2>Alles oder nichts</h2>
      <p>
        Enthält die Datei einen Fehler, wird kein einziges Zahlungsavis veröffentlicht; die Fehler werden mit ihrer Zeile (CSV) bzw. der Nummer des Avis (JSON) angezeigt. Für jedes IK muss das elektronische
        Zahlungsavis aktiv sein; eine Avisnummer gibt es je IK nur einmal.
      </p>
      <h2>CSV-Format</h2>
      <p>
        Trennzeichen Semikolon, Zeichensatz UTF-8 oder Windows-1252. Die erste Zeile enthält die Spaltenüberschriften, danach folgt je Position eine Zeile; die Angaben zum Avis (IK bis Gesamtbetrag) werden in jeder
        Zeile desselben Avis wiederholt. Daten als TT.MM.JJJJ oder JJJJ-MM-TT, Beträge in Euro mit Komma (1.234,56). Abzug, Abzugsgrund und Referenz dürfen leer sein; bei einem Abzug ist der Abzugsgrund Pflicht.
      </p>
      <pre class="mail-text" safe>
        {`${CSV_COLUMNS.join(';')}\n260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1001;01.10.2026;1.000,00;900,00;100,00;Kürzung laut Prüfung;A-77\n260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1002;02.10.2026;600,00;600,00;;;`}
      </pre>
      <h2>JSON-Format</h2>
      <p>Eine Liste von Zahlungsavisen; Beträge in Cent (ganze Zahlen), Daten als JJJJ-MM-TT.</p>
      <pre class="mail-text" safe>
        {JSON.stringify(
          [
            {
              ik: '260326822',
              adviceNumber: 'ZA-2026/0001',
              adviceDate: '2026-11-20',
              valueDate: '2026-11-23',
              payer: 'AOK Bayern',
              iban: 'DE89370400440532013000',
              totalCents: 150000,
              items: [
                { invoiceNumber: 'R-1001', invoiceDate: '2026-10-01', invoicedCents: 100000, paidCents: 90000, deductionCents: 10000, deductionReason: 'Kürzung laut Prüfung', reference: 'A-77' },
                { invoiceNumber: 'R-1002', invoiceDate: '2026-10-02', invoicedCents: 60000, paidCents: 60000 },
              ],
            },
          ],
          null,
          2,
        )}
      </pre>
    </Layout>
  );
}
