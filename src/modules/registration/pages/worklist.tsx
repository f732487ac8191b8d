import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { CsrfField, Field, Select, TextArea, formatBytes, formatDate, formatDateTime } from '../../../core/ui/components.tsx';
import { t } from '../../../core/i18n/de.ts';
import type { StaffMember } from '../../../core/staff/service.ts';
import type { Insurer } from '../../../core/config/insurers.ts';
import { PAGE_SIZE, type WorklistFilter, type createWorklist } from '../worklist.ts';
import type { RegistrationStep } from '../steps.ts';
import { BO, StaffBar } from '../../../core/staff/shell.tsx';
import { Table } from '../../../core/ui/table.tsx';
import { PageHead } from '../../../core/ui/page-head.tsx';
import { StatusList } from '../../../core/ui/status-list.tsx';
import { MAX_SEARCH } from '../../../core/http/input.ts';

type Worklist = ReturnType<typeof createWorklist>;

export function WorklistPage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  filter: WorklistFilter;
  result: Awaited<ReturnType<Worklist['list']>>;
  notice?: string;
  searchError?: string;
}) {
  const { filter, result } = props;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const link = (page: number) => `${BO}/registrierungen?q=${encodeURIComponent(filter.q)}&sortierung=${filter.order === 'newest' ? 'neueste' : 'aelteste'}&seite=${page}`;
  return (
    <Layout title={props.searchError ? 'Fehler: Registrierungen zur Prüfung' : 'Registrierungen zur Prüfung'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead title="Registrierungen zur Prüfung" notice={props.notice} />
      <form method="get" action={`${BO}/registrierungen`} class="filter">
        <div class="row">
          <Field name="q" label="Suche (Betriebsnummer oder IK-Nummer, E-Mail-Adresse, Name)" value={filter.q} maxlength={MAX_SEARCH} error={props.searchError && t(props.searchError)} />
          <div class="field">
            <label for="f-sortierung">Sortierung</label>
            <select id="f-sortierung" name="sortierung">
              <option value="aelteste" selected={filter.order === 'oldest'}>
                Älteste zuerst
              </option>
              <option value="neueste" selected={filter.order === 'newest'}>
                Neueste zuerst
              </option>
            </select>
          </div>
        </div>
        <button type="submit" class="button button--secondary">
          Filtern
        </button>
      </form>
      <p role="status">{`${result.total} Registrierung${result.total === 1 ? '' : 'en'} zur Prüfung`}</p>
      {result.rows.length ? (
        <Table heads={['Eingang', 'Betriebsnummer / IK-Nummer', 'Administrator', 'Kasse', 'Gerät']}>
          {result.rows.map((r) => (
            <tr>
              <td>{formatDate(new Date(r.created_at))}</td>
              <td>
                <a href={`${BO}/registrierungen/${r.id}`} safe>
                  {r.identifier}
                </a>{' '}
                <span class="muted" safe>
                  {`(${r.identifierLabel})`}
                </span>
                {r.company_active ? (
                  <>
                    <br />
                    <strong class="small" safe>{`Für diese ${r.identifierLabel} besteht bereits ein aktiver Zugang`}</strong>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td>
                <span safe>{`${r.first_name} ${r.last_name}`}</span>
                <br />
                <span class="small" safe>
                  {r.email}
                </span>
              </td>
              <td safe>{props.insurers.find((i) => i.id === r.insurer_id)?.name ?? r.insurer_id}</td>
              <td>{r.device_registered ? 'registriert' : 'noch nicht registriert'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Keine Registrierungen gefunden.</p>
      )}
      {pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {filter.page > 1 ? <a href={link(filter.page - 1)}>Vorherige Seite</a> : ''}
          <span>{`Seite ${filter.page} von ${pages}`}</span>
          {filter.page < pages ? <a href={link(filter.page + 1)}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

const STEP_LABELS: Record<RegistrationStep, string> = {
  email_confirmed: 'Bestätigung der E-Mail-Adresse',
  certificate_downloaded: 'Download Arbeitgeberbescheinigung',
  certificate_uploaded: 'Upload Arbeitgeberbescheinigung',
  device_registered: 'Geräteregistrierung',
  activated: 'Aktivierung',
};

export function RegistrationDetailPage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  detail: Awaited<ReturnType<Worklist['detail']>>;
  notice?: string;
  error?: string;
  reason?: string;
}) {
  const d = props.detail;
  const complete = d.missing.length === 0;
  const insurer = props.insurers.find((i) => i.id === d.insurer_id)?.name ?? d.insurer_id;
  return (
    <Layout title={`Registrierung ${d.identifier}`} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: `${BO}/registrierungen`, label: 'Registrierungen zur Prüfung' }} title={`Registrierung ${d.identifier}`} notice={props.notice} error={props.error} />
      <h2>Angaben</h2>
      <dl class="meta">
        <dt>Kasse</dt>
        <dd safe>{insurer}</dd>
        <dt safe>{d.identifierLabel}</dt>
        <dd>
          <span safe>{d.identifier}</span> – {d.check.ok ? 'Prüfziffer korrekt' : <span safe>{t(d.check.code)}</span>}
        </dd>
        <dt>Administrator</dt>
        <dd safe>{[d.salutation, d.title, d.first_name, d.last_name].filter(Boolean).join(' ')}</dd>
        <dt>E-Mail-Adresse</dt>
        <dd safe>{d.email}</dd>
        <dt>Eingang</dt>
        <dd>{formatDateTime(new Date(d.created_at))}</dd>
        <dt>Löschung ohne Abschluss am</dt>
        <dd>{formatDate(new Date(d.expires_at))}</dd>
      </dl>
      <h2>Schritte</h2>
      <StatusList
        rows={(Object.entries(STEP_LABELS) as [RegistrationStep, string][]).map(([step, label]) => {
          const at = d.steps[step];
          return { label, done: Boolean(at), spokenDone: false, state: at ? formatDateTime(at) : 'offen' };
        })}
      />
      <h2>Hochgeladene Dateien</h2>
      <ul class="attachments">
        {d.files.map((f) => (
          <li>
            <span class="attachments__name" safe>
              {f.name}
            </span>
            <span class="attachments__meta">
              ({f.ext.toUpperCase()}, {formatBytes(f.size)}
              {f.owner_kind === 'registration' ? '' : ', archiviert'})
            </span>
            <a href={`${BO}/registrierungen/${d.id}/dateien/${f.id}`} target="_blank" aria-label={`${f.name} ansehen (neuer Tab)`}>
              Ansehen
            </a>
            <a href={`${BO}/registrierungen/${d.id}/dateien/${f.id}?download=1`} aria-label={`${f.name} herunterladen`}>
              Herunterladen
            </a>
          </li>
        ))}
      </ul>
      {d.activeAdmins.length ? (
        <section class="notice notice--warning" aria-labelledby="active-company">
          <h2 id="active-company" safe>{`Für diese ${d.identifierLabel} besteht bereits ein aktiver Zugang`}</h2>
          <p>Bitte prüfen Sie, ob der Antragsteller zu diesem Unternehmen gehört. Nach dem Aktivieren sieht er dessen Postfach und Nutzer; die bisherigen Administratoren erhalten eine E-Mail.</p>
          <ul>
            {d.activeAdmins.map((a) => (
              <li safe>{`${[a.title, a.first_name, a.last_name].filter(Boolean).join(' ')} (${a.email}), Administrator`}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <h2 safe>{`Weitere Zugänge mit dieser ${d.identifierLabel}`}</h2>
      {d.others.length ? (
        <ul>
          {d.others.map((o) => (
            <li safe>{`${o.email} (${o.status})`}</li>
          ))}
        </ul>
      ) : (
        <p>Keine.</p>
      )}
      {d.account_status === 'pending' ? (
        <form method="post" action={`${BO}/registrierungen/${d.id}/aktivieren`}>
          <CsrfField token={props.csrf} />
          {complete ? (
            ''
          ) : (
            <p class="small" id="activation-missing">
              Aktivieren ist möglich, sobald alle Schritte erledigt sind. <span safe>{`Es fehlt noch: ${d.missing.map((s) => STEP_LABELS[s]).join(', ')}.`}</span>
            </p>
          )}
          <button type="submit" class="button" disabled={!complete} aria-describedby={complete ? undefined : 'activation-missing'}>
            Aktivieren
          </button>
        </form>
      ) : (
        <p>Dieser Zugang ist aktiviert.</p>
      )}
      {d.account_status === 'pending' && d.status === 'open' ? (
        <form method="post" action={`${BO}/registrierungen/${d.id}/ablehnen`} class="card" novalidate>
          <CsrfField token={props.csrf} />
          <h2>Ablehnen</h2>
          <TextArea
            name="reason"
            label="Grund der Ablehnung (wird dem Administrator per E-Mail mitgeteilt)"
            value={props.reason}
            error={props.error === 'backoffice.reason_required' ? t(props.error) : undefined}
            rows={4}
            maxlength={1000}
            required
          />
          <button type="submit" class="button button--secondary">
            Ablehnen
          </button>
        </form>
      ) : d.status === 'rejected' ? (
        <p>Abgelehnt – wartet auf eine korrigierte Arbeitgeberbescheinigung.</p>
      ) : (
        ''
      )}
      {d.account_status === 'pending' ? (
        <form method="post" action={`${BO}/registrierungen/${d.id}/abgeben`} class="card" novalidate>
          <CsrfField token={props.csrf} />
          <h2>An eine andere AOK abgeben</h2>
          <p>
            Zum Beispiel in Nordrhein-Westfalen (IK-Region 05), wenn die Einrichtung im anderen Landesteil liegt. Die Registrierung
            erscheint dann in der Arbeitsliste der gewählten AOK.
          </p>
          <Select
            name="insurerId"
            label="Zuständige AOK"
            options={props.insurers.filter((i) => i.id !== d.insurer_id).map((i) => ({ value: i.id, label: i.name }))}
            placeholder="Bitte wählen"
            error={props.error === 'backoffice.insurer_invalid' ? t(props.error) : undefined}
            required
          />
          <button type="submit" class="button button--secondary">
            Abgeben
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
