import Html from '@kitajs/html';
import type { JobmasterEmployerStatus } from '../../core/db/values.ts';
import { formatDateTime } from '../../core/ui/components.tsx';
import { Table } from '../../core/ui/table.tsx';

/** An employer's status as staff read it, in the release work list and in the employers' search. */
export const EMPLOYER_STATUS: Record<string, string> = { unconfirmed: 'E-Mail nicht bestätigt', waiting: 'wartet auf Freigabe', released: 'freigegeben', rejected: 'abgelehnt' };

interface EmployerRow {
  id: string;
  company_name: string;
  betriebsnummer: string;
  postal_code: string;
  city: string;
  insurer_id: string;
  created_at: Date;
}

/**
 * The back office's lists of Jobmaster employers: the company (a link to its page), Betriebsnummer and
 * place, the list's own columns, then the AOK and when the employer registered.
 */
export function EmployerTable<R extends EmployerRow>(props: {
  rows: readonly R[];
  href(row: R): string;
  insurerName(id: string): string;
  columns: readonly { head: string; cell(row: R): string }[];
}) {
  return (
    <Table heads={['Firmenname', 'Betriebsnummer', 'Ort', ...props.columns.map((c) => c.head), 'AOK', 'Registriert']}>
      {props.rows.map((r) => (
        <tr>
          <td>
            <a href={props.href(r)} safe>
              {r.company_name}
            </a>
          </td>
          <td safe>{r.betriebsnummer}</td>
          <td safe>{`${r.postal_code} ${r.city}`}</td>
          {props.columns.map((c) => (
            <td safe>{c.cell(r)}</td>
          ))}
          <td safe>{props.insurerName(r.insurer_id)}</td>
          <td>{formatDateTime(new Date(r.created_at))}</td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The company's entries in a staff detail page's facts (`dl.meta`): Betriebsnummer, address and AOK,
 * the page's own entries, then the status and why the insurer rejected it.
 */
export function EmployerFacts(props: {
  employer: { betriebsnummer: string; street: string; house_number: string; postal_code: string; city: string; insurer_id: string; status: JobmasterEmployerStatus; rejection_reason: string | null };
  insurerName(id: string): string;
  /** what the check of the Betriebsnummer found, where the page decides on the employer */
  numberNote?: string;
  children?: Html.Children;
}) {
  const e = props.employer;
  return (
    <>
      <dt>Betriebsnummer</dt>
      <dd safe>{props.numberNote ? `${e.betriebsnummer} (${props.numberNote})` : e.betriebsnummer}</dd>
      <dt>Anschrift</dt>
      <dd safe>{`${e.street} ${e.house_number}, ${e.postal_code} ${e.city}`}</dd>
      <dt>Zuständige AOK</dt>
      <dd safe>{props.insurerName(e.insurer_id)}</dd>
      {props.children ?? ''}
      <dt>Status</dt>
      <dd safe>{EMPLOYER_STATUS[e.status] ?? e.status}</dd>
      {e.rejection_reason ? (
        <>
          <dt>Grund der Ablehnung</dt>
          <dd class="pre" safe>
            {e.rejection_reason}
          </dd>
        </>
      ) : (
        ''
      )}
    </>
  );
}
