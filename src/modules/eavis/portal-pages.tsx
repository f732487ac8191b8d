import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { NoticePage } from '../../core/ui/notice-page.tsx';
import { ErrorSummary, Field, Notice, Select, formatDateTime } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { formatEuro, germanDay, type StoredAdvice } from './model.ts';
import { AdviceItemsTable } from './advice-table.tsx';
import type { Eavis } from './service.ts';
import { Table } from '../../core/ui/table.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import type { ErrorCode } from '../../core/errors/app-error.ts';

type ListResult = Awaited<ReturnType<Eavis['list']>>;
type ProviderIk = Awaited<ReturnType<Eavis['iksOf']>>[number];

export const FILTER_LABELS: Record<string, string> = { ik: 'IK', von: 'Zeitraum von', bis: 'Zeitraum bis', betragVon: 'Betrag von (€)', betragBis: 'Betrag bis (€)' };

function query(values: Record<string, string>, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
  if (page && page > 1) params.set('seite', String(page));
  return params.toString();
}

/** "Zahlungsavise": tabs Neu / Archiv, the filter (IK, period, amount), the list. */
export function AdviceListPage(props: {
  chrome: PortalChrome;
  iks: ProviderIk[];
  values: Record<string, string>;
  errors: Record<string, string>;
  result: ListResult | null;
  page: number;
  notice?: string;
}) {
  const BASE = props.chrome.base;
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v)]));
  const v = props.values;
  const archive = v.box === 'archiv';
  const tab = (box: 'neu' | 'archiv', label: string) => (
    <a href={`${BASE}/zahlungsavise?${query({ ...v, box })}`} class={box === v.box ? 'button' : 'button button--secondary'} aria-current={box === v.box ? 'page' : undefined} safe>
      {label}
    </a>
  );
  const r = props.result;
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Zahlungsavise' : 'Zahlungsavise'} chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/startseite`, label: 'Startseite' }} title="Zahlungsavise" notice={props.notice} />
      <nav aria-label="Ansicht" class="actions actions--left">
        {tab('neu', 'Neu')}
        {tab('archiv', 'Archiv')}
      </nav>
      <ErrorSummary errors={e} labels={FILTER_LABELS} />
      <form method="get" action={`${BASE}/zahlungsavise`} class="filter" novalidate>
        <input type="hidden" name="box" value={v.box} />
        <div class="row">
          <Select
            name="ik"
            label={FILTER_LABELS.ik!}
            options={props.iks.map((ik) => ({ value: ik.ik, label: ik.institution ? `${ik.ik} – ${ik.institution}` : ik.ik }))}
            value={v.ik}
            error={e.ik}
            placeholder="Alle IK"
          />
          <Field name="von" label={FILTER_LABELS.von!} value={v.von} error={e.von} hint="TT.MM.JJJJ (Avisdatum)" maxlength={10} />
          <Field name="bis" label={FILTER_LABELS.bis!} value={v.bis} error={e.bis} hint="TT.MM.JJJJ (Avisdatum)" maxlength={10} />
        </div>
        <div class="row">
          <Field name="betragVon" label={FILTER_LABELS.betragVon!} value={v.betragVon} error={e.betragVon} hint="Gesamtbetrag, z. B. 1.000,00" maxlength={20} />
          <Field name="betragBis" label={FILTER_LABELS.betragBis!} value={v.betragBis} error={e.betragBis} hint="Gesamtbetrag, z. B. 5.000,00" maxlength={20} />
        </div>
        <button type="submit" class="button button--secondary">
          Filtern
        </button>
      </form>
      {r ? (
        <>
          <p role="status" safe>{`${r.total} Zahlungsavis${r.total === 1 ? '' : 'e'} ${archive ? 'im Archiv' : 'in „Neu“'}`}</p>
          {r.rows.length ? (
            <Table heads={['Avisdatum', 'Avisnummer', 'IK', 'Valutadatum', 'Gesamtbetrag', 'Status']} scroll>
              {r.rows.map((row) => (
                <tr class={row.unread ? 'unread' : ''}>
                  <td safe>{germanDay(row.advice_date)}</td>
                  <td>
                    <a href={`${BASE}/zahlungsavise/${row.id}`} safe>
                      {row.advice_number}
                    </a>
                  </td>
                  <td>
                    <span safe>{row.ik}</span>
                    {row.institution ? (
                      <>
                        <br />
                        <span class="small" safe>
                          {row.institution}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{germanDay(row.value_date)}</td>
                  <td safe>{formatEuro(row.total_cents)}</td>
                  <td>{row.unread ? <strong>neu</strong> : 'abgerufen'}</td>
                </tr>
              ))}
            </Table>
          ) : (
            <p>{archive ? 'Im Archiv liegen keine Zahlungsavise.' : 'Keine neuen Zahlungsavise.'}</p>
          )}
          {r.pages > 1 ? (
            <nav aria-label="Seiten" class="pager">
              {props.page > 1 ? <a href={`${BASE}/zahlungsavise?${query(v, props.page - 1)}`}>Vorherige Seite</a> : ''}
              <span safe>{`Seite ${props.page} von ${r.pages}`}</span>
              {props.page < r.pages ? <a href={`${BASE}/zahlungsavise?${query(v, props.page + 1)}`}>Nächste Seite</a> : ''}
            </nav>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** One advice: its data, the items with totals, downloads, archive and delete. */
export function AdviceDetailPage(props: { chrome: PortalChrome; csrf: string; advice: StoredAdvice; notice?: string }) {
  const BASE = props.chrome.base;
  const a = props.advice;
  const back = `${BASE}/zahlungsavise${a.archivedAt ? '?box=archiv' : ''}`;
  return (
    <Layout title={`Zahlungsavis ${a.adviceNumber}`} chrome={props.chrome}>
      <PageHead back={{ href: back, label: 'Zahlungsavise' }} title={`Zahlungsavis ${a.adviceNumber}`} notice={props.notice} />
      <dl class="meta">
        <dt>Zahlungsempfänger (IK)</dt>
        <dd safe>{a.institution ? `${a.ik} – ${a.institution}` : a.ik}</dd>
        <dt>Avisdatum</dt>
        <dd safe>{germanDay(a.adviceDate)}</dd>
        <dt>Valutadatum</dt>
        <dd safe>{germanDay(a.valueDate)}</dd>
        <dt>Zahler</dt>
        <dd safe>{a.payer}</dd>
        <dt>Bankverbindung (IBAN)</dt>
        <dd safe>{a.ibanMasked}</dd>
        <dt>Gesamtbetrag</dt>
        <dd>
          <strong safe>{formatEuro(a.totalCents)}</strong>
        </dd>
        <dt>Bereitgestellt</dt>
        <dd safe>{formatDateTime(a.publishedAt)}</dd>
      </dl>
      <p class="download-links">
        <a href={`${BASE}/zahlungsavise/${a.id}/pdf`}>Als PDF herunterladen</a> <a href={`${BASE}/zahlungsavise/${a.id}/csv`}>Als CSV herunterladen</a>
      </p>
      <h2>Positionen</h2>
      <AdviceItemsTable advice={a} />
      <div class="actions actions--left">
        <PostButton action={`${BASE}/zahlungsavise/${a.id}/${a.archivedAt ? 'zurueck' : 'archivieren'}`} csrf={props.csrf} button="button button--secondary" inline>
          {a.archivedAt ? 'Zurück nach „Neu“' : 'Archivieren'}
        </PostButton>
        <a class="button button--secondary" href={`${BASE}/zahlungsavise/${a.id}/loeschen`}>
          Löschen
        </a>
      </div>
    </Layout>
  );
}

/** "Zahlungsavis löschen?": deleted for the provider only; the insurer keeps its copy. */
export function DeleteConfirmPage(props: { chrome: PortalChrome; csrf: string; advice: StoredAdvice }) {
  const BASE = props.chrome.base;
  const a = props.advice;
  return (
    <Layout title="Zahlungsavis löschen?" chrome={props.chrome}>
      <h1>Zahlungsavis löschen?</h1>
      <Notice kind="warning">
        <p safe>{`Zahlungsavis ${a.adviceNumber} vom ${germanDay(a.adviceDate)} über ${formatEuro(a.totalCents)} (IK ${a.ik}).`}</p>
        <p>Das Zahlungsavis wird aus Ihrem Portal gelöscht und kann hier nicht wiederhergestellt werden. Laden Sie es vorher als PDF oder CSV herunter, wenn Sie es aufbewahren möchten.</p>
      </Notice>
      <div class="actions actions--left">
        <PostButton action={`${BASE}/zahlungsavise/${a.id}/loeschen`} csrf={props.csrf} inline>
          Löschen
        </PostButton>
        <a class="button button--secondary" href={`${BASE}/zahlungsavise/${a.id}`}>
          Abbrechen
        </a>
      </div>
    </Layout>
  );
}

/** An eAvis application that cannot be made now (already requested, not active …), with the way back. */
export function EavisRefusedPage(props: { chrome: PortalChrome; code: ErrorCode }) {
  const link = { href: `${props.chrome.base}/ik-verwaltung`, label: '← IK-Verwaltung' };
  return <NoticePage chrome={props.chrome} heading="Elektronisches Zahlungsavis" kind="error" message={t(props.code)} link={link} />;
}
