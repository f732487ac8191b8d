import Html from '@kitajs/html';
import type { Insurer } from '../../../core/config/insurers.ts';
import type { StaffMember } from '../../../core/staff/service.ts';
import { BO, StaffBar } from '../../../core/staff/shell.tsx';
import { CsrfField, ErrorSummary, Field, PageMessages, formatDateTime } from '../../../core/ui/components.tsx';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { t } from '../../../core/i18n/de.ts';
import { AdviceItemsTable } from '../advice-table.tsx';
import { ADVICE_PAGE_SIZE, formatEuro, germanDay, type StoredAdvice } from '../model.ts';
import type { Eavis } from '../service.ts';
import { Table } from '../../../core/ui/table.tsx';

/** What every back-office page of the eAvis shows in its bar. */
export interface StaffPageProps {
  chrome: PortalChrome;
  insurers: Insurer[];
  staff: StaffMember;
  csrf: string;
}

const EAVIS_STATE: Record<string, string> = {
  requested: 'Teilnahme beantragt',
  end_requested: 'Beendigung beantragt',
};

const insurerName = (insurers: Insurer[], id: string) => insurers.find((i) => i.id === id)?.name ?? id;

/** "Zahlungsavise (eAvis)": the applications to decide and the published advices, filtered by IK. */
export function OverviewPage(
  props: StaffPageProps & {
    pending: Awaited<ReturnType<Eavis['pending']>>;
    published: Awaited<ReturnType<Eavis['listForStaff']>>;
    ikRaw: string;
    /** the IK filtered by, once its check passed */
    ik?: string;
    ikError?: string;
    page: number;
    notice?: string;
    error?: string;
  },
) {
  const { page } = props;
  const pages = Math.max(1, Math.ceil(props.published.total / ADVICE_PAGE_SIZE));
  const link = (p: number) => `${BO}/zahlungsavise?ik=${encodeURIComponent(props.ik ?? '')}&seite=${p}`;
  return (
    <Layout title={props.ikError ? 'Fehler: Zahlungsavise' : 'Zahlungsavise'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Zahlungsavise (eAvis)</h1>
      <PageMessages notice={props.notice} error={props.error} />
      <p class="actions actions--left">
        <a class="button" href={`${BO}/zahlungsavise/veroeffentlichen`}>
          Zahlungsavis veröffentlichen
        </a>
        <a class="button button--secondary" href={`${BO}/zahlungsavise/import`}>
          Zahlungsavise importieren
        </a>
      </p>

      <h2>eAvis-Anträge</h2>
      {props.pending.length ? (
        <Table scroll heads={['Eingang', 'IK', 'Einrichtung', 'Antrag', 'Kasse', 'Entscheidung']}>
          {props.pending.map((r) => (
            <tr>
              <td>{r.eavis_changed_at ? formatDateTime(new Date(r.eavis_changed_at)) : ''}</td>
              <td safe>{r.ik}</td>
              <td safe>{r.institution ?? '(nicht im IK-Register)'}</td>
              <td safe>{EAVIS_STATE[r.eavis] ?? r.eavis}</td>
              <td safe>{insurerName(props.insurers, r.insurer_id)}</td>
              <td>
                <form method="post" action={`${BO}/zahlungsavise/antraege/${r.id}/bestaetigen`} class="inline">
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="button">
                    Bestätigen
                  </button>
                </form>{' '}
                <form method="post" action={`${BO}/zahlungsavise/antraege/${r.id}/ablehnen`} class="inline">
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="button button--secondary">
                    Ablehnen
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Keine offenen eAvis-Anträge.</p>
      )}

      <h2>Veröffentlichte Zahlungsavise</h2>
      <ErrorSummary errors={props.ikError ? { ik: t(props.ikError) } : {}} labels={{ ik: 'IK' }} />
      <form method="get" action={`${BO}/zahlungsavise`} class="filter">
        <div class="row">
          <Field name="ik" label="IK" value={props.ikRaw} error={props.ikError ? t(props.ikError) : undefined} maxlength={9} inputmode="numeric" />
        </div>
        <button type="submit" class="button button--secondary">
          Filtern
        </button>
      </form>
      <p role="status" safe>{`${props.published.total} Zahlungsavis${props.published.total === 1 ? '' : 'e'}`}</p>
      {props.published.rows.length ? (
        <Table scroll heads={['Veröffentlicht', 'IK', 'Einrichtung', 'Avisnummer', 'Avisdatum', 'Gesamtbetrag', 'Status beim Leistungserbringer']}>
          {props.published.rows.map((r) => (
            <tr>
              <td safe>{formatDateTime(new Date(r.published_at))}</td>
              <td safe>{r.ik}</td>
              <td safe>{r.institution ?? ''}</td>
              <td>
                <a href={`${BO}/zahlungsavise/${r.id}`} safe>
                  {r.advice_number}
                </a>
              </td>
              <td safe>{germanDay(r.advice_date)}</td>
              <td safe>{formatEuro(r.total_cents)}</td>
              <td>{r.deleted ? <strong>vom Leistungserbringer gelöscht</strong> : r.archived_at ? 'archiviert' : r.opened_at ? 'abgerufen' : 'neu'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Keine Zahlungsavise.</p>
      )}
      {pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {page > 1 ? <a href={link(page - 1)}>Vorherige Seite</a> : ''}
          <span safe>{`Seite ${page} von ${pages}`}</span>
          {page < pages ? <a href={link(page + 1)}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** One published advice as staff see it, with its downloads. */
export function StaffAdvicePage(props: StaffPageProps & { advice: StoredAdvice }) {
  const { advice } = props;
  return (
    <Layout title={`Zahlungsavis ${advice.adviceNumber}`} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <p>
        <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
      </p>
      <h1 safe>{`Zahlungsavis ${advice.adviceNumber}`}</h1>
      {advice.deletedAt ? (
        <PageMessages notice={`Der Leistungserbringer hat dieses Zahlungsavis am ${formatDateTime(advice.deletedAt)} in seinem Portal gelöscht. Für die Kasse bleibt es erhalten.`} />
      ) : (
        ''
      )}
      <AdviceDetails advice={advice} insurers={props.insurers} />
      <p class="download-links">
        <a href={`${BO}/zahlungsavise/${advice.id}/pdf`}>Als PDF herunterladen</a> <a href={`${BO}/zahlungsavise/${advice.id}/csv`}>Als CSV herunterladen</a>
      </p>
    </Layout>
  );
}

/** The advice's data and its items, as the detail page shows them. */
function AdviceDetails(props: { advice: StoredAdvice; insurers: Insurer[] }) {
  const a = props.advice;
  return (
    <>
      <dl class="meta">
        <dt>IK</dt>
        <dd safe>{a.institution ? `${a.ik} – ${a.institution}` : a.ik}</dd>
        <dt>Kasse</dt>
        <dd safe>{insurerName(props.insurers, a.insurerId)}</dd>
        <dt>Avisdatum</dt>
        <dd safe>{germanDay(a.adviceDate)}</dd>
        <dt>Valutadatum</dt>
        <dd safe>{germanDay(a.valueDate)}</dd>
        <dt>Zahler</dt>
        <dd safe>{a.payer}</dd>
        <dt>IBAN</dt>
        <dd safe>{a.ibanMasked}</dd>
        <dt>Gesamtbetrag</dt>
        <dd safe>{formatEuro(a.totalCents)}</dd>
        <dt>Veröffentlicht</dt>
        <dd safe>{`${formatDateTime(a.publishedAt)} (${a.source === 'form' ? 'Formular' : a.source.toUpperCase()})`}</dd>
      </dl>
      <AdviceItemsTable advice={a} />
    </>
  );
}
