import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, Field, Notice, formatDateTime, PageMessages } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { StaffMember } from './staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { BO, StaffBar } from './pages.tsx';
import type { createAccountAdmin } from './accounts.ts';
import { OUTCOME, PROTOCOL_PAGE, protocolParams, type ProtocolFilter, type createProtocol } from './protocol.ts';
import { auditActionLabel, auditAreas } from '../../core/audit/actions.ts';
import type { Party } from '../../core/audit/people.ts';

type Accounts = ReturnType<typeof createAccountAdmin>;
const STATUS: Record<string, string> = { pending: 'Registrierung läuft', active: 'aktiv', locked: 'gesperrt' };
const insurerName = (insurers: Insurer[], id: string | null) => insurers.find((i) => i.id === id)?.name ?? id ?? '–';

export function AccountsPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; q: string; rows: Awaited<ReturnType<Accounts['search']>> }) {
  return (
    <Layout title="Zugänge" chrome={props.chrome}>
      <StaffBar staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Zugänge</h1>
      <form method="get" action={`${BO}/zugaenge`}>
        <Field name="q" label="Suche (E-Mail-Adresse, Name, Betriebsnummer)" value={props.q} maxlength={100} />
        <button type="submit" class="button button--secondary">
          Suchen
        </button>
      </form>
      {props.rows.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">E-Mail-Adresse</th>
              <th scope="col">Name</th>
              <th scope="col">Betriebsnummer</th>
              <th scope="col">Kasse</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`${BO}/zugaenge/${r.id}`} safe>
                    {r.email}
                  </a>
                </td>
                <td safe>{`${r.first_name} ${r.last_name}`}</td>
                <td safe>{r.identifier}</td>
                <td safe>{insurerName(props.insurers, r.insurer_id)}</td>
                <td>{STATUS[r.status] ?? r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Keine Zugänge gefunden.</p>
      )}
    </Layout>
  );
}

export function AccountDetailPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; detail: Awaited<ReturnType<Accounts['detail']>>; notice?: string; error?: string }) {
  const { account: a, device, reset, history } = props.detail;
  const action = (path: string, label: string, secondary = true) => (
    <form method="post" action={`${BO}/zugaenge/${a.id}/${path}`} class="inline">
      <CsrfField token={props.csrf} />
      <button type="submit" class={secondary ? 'button button--secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
  return (
    <Layout title={`Zugang ${a.email}`} chrome={props.chrome}>
      <StaffBar staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <p>
        <a href={`${BO}/zugaenge`}>← Zugänge</a>
      </p>
      <h1 safe>{a.email}</h1>
      <PageMessages notice={props.notice} error={props.error} />
      <dl class="meta">
        <dt>Name</dt>
        <dd safe>{[a.title, a.first_name, a.last_name].filter(Boolean).join(' ')}</dd>
        <dt>Betriebsnummer</dt>
        <dd safe>{a.identifier ?? ''}</dd>
        <dt>Rolle</dt>
        <dd>{a.role === 'admin' ? 'Administrator des Unternehmens' : 'Nutzer (eingeladen)'}</dd>
        <dt>Kasse</dt>
        <dd safe>{insurerName(props.insurers, a.insurer_id)}</dd>
        <dt>Status</dt>
        <dd>{STATUS[a.status] ?? a.status}</dd>
        <dt>Authentifikations-Gerät</dt>
        <dd>{device ? `${device.kind === 'cli' ? 'Terminal-App' : '2-Faktor App'}, ${device.status === 'active' ? 'aktiv' : device.status === 'locked' ? 'gesperrt (PIN)' : 'abgemeldet'}` : 'keines'}</dd>
        <dt>Geräte-Rücksetzung</dt>
        <dd>{reset ? (reset.status === 'approved' ? 'bestätigt, neues Gerät steht aus' : 'beantragt') : '–'}</dd>
        <dt>Letzte Anmeldung</dt>
        <dd>{a.last_login_at ? formatDateTime(new Date(a.last_login_at)) : '–'}</dd>
      </dl>
      <div class="actions actions--left">
        {a.status === 'active' ? action('sperren', 'Sperren') : ''}
        {a.status === 'locked' ? action('entsperren', 'Entsperren') : ''}
        {a.status !== 'pending' && !reset && a.registration_id ? action('geraet-zuruecksetzen', 'Gerät zurücksetzen') : ''}
      </div>
      <h2>Anmeldeverlauf</h2>
      {props.staff.role === 'admin' ? (
        <p>
          <a href={`${BO}/protokoll?person=${encodeURIComponent(a.id)}`}>Alle Einträge zu diesem Zugang im Protokoll</a>
        </p>
      ) : (
        ''
      )}
      {history.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Zeit</th>
              <th scope="col">Ereignis</th>
              <th scope="col">IP</th>
              <th scope="col">Ergebnis</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr>
                <td>{formatDateTime(new Date(h.at))}</td>
                <td safe>{auditActionLabel(h.action)}</td>
                <td safe>{h.ip ?? ''}</td>
                <td safe>{OUTCOME[h.outcome] ?? h.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Noch keine Anmeldungen.</p>
      )}
    </Layout>
  );
}

export function ResetRequestsPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; rows: Awaited<ReturnType<Accounts['resetRequests']>>; notice?: string; error?: string }) {
  return (
    <Layout title="Geräte-Rücksetzungen" chrome={props.chrome}>
      <StaffBar staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Geräte-Rücksetzungen</h1>
      <PageMessages notice={props.notice} error={props.error} />
      <p>
        Ein Antrag wurde mit dem Passwort des Zugangs gestellt; das bisherige Gerät bleibt bis zu Ihrer Bestätigung nutzbar, und der
        Inhaber kann den Antrag über den Link in seiner E-Mail abbrechen. Mit „Bestätigen“ wird das bisherige Gerät gesperrt und der
        Inhaber erhält per E-Mail den Link zur Registrierung des neuen Geräts.
      </p>
      {props.rows.length === 0 ? <p>Keine offenen Anträge.</p> : ''}
      {props.rows.map((r) => (
        <section class="card" aria-label={`Antrag ${r.email}`}>
          <h2 safe>{r.email}</h2>
          <p>
            Betriebsnummer <span safe>{r.identifier}</span>, <span safe>{insurerName(props.insurers, r.insurer_id)}</span>, beantragt am{' '}
            {formatDateTime(new Date(r.requested_at))}. Neue Arbeitgeberbescheinigung: {r.newUpload ? 'hochgeladen' : 'fehlt noch'}.{' '}
            <a href={`${BO}/zugaenge/${r.account_id}`}>Zugang ansehen</a>
          </p>
          {r.rejection_reason ? <p class="small" safe>{`Zuletzt abgelehnt: ${r.rejection_reason}`}</p> : ''}
          <form method="post" action={`${BO}/geraete-ruecksetzungen/${r.account_id}/bestaetigen`} class="inline">
            <CsrfField token={props.csrf} />
            <button type="submit" class="button" disabled={!r.newUpload}>
              Bestätigen
            </button>
          </form>
          <form method="post" action={`${BO}/geraete-ruecksetzungen/${r.account_id}/ablehnen`} novalidate>
            <CsrfField token={props.csrf} />
            <div class="field">
              <label for={`reason-${r.account_id}`}>Grund der Ablehnung</label>
              <textarea id={`reason-${r.account_id}`} name="reason" rows="2" maxlength="1000"></textarea>
            </div>
            <button type="submit" class="button button--secondary">
              Ablehnen
            </button>
          </form>
        </section>
      ))}
    </Layout>
  );
}

/** A party of an entry by name, e-mail and what it is; the name filters the Protokoll for it. */
function PartyCell(props: { party: Party | null }) {
  const p = props.party;
  if (!p) return <td>–</td>;
  return (
    <td>
      {p.nobody ? (
        <span safe>{p.name}</span>
      ) : (
        <a href={`${BO}/protokoll?person=${encodeURIComponent(p.ref)}`} safe>
          {p.name}
        </a>
      )}
      {p.gone ? ' (gelöscht)' : ''}
      {p.email && p.email !== p.name ? (
        <>
          <br />
          <span class="address" safe>
            {p.email}
          </span>
        </>
      ) : (
        ''
      )}
      {p.detail ? (
        <>
          <br />
          <span class="small" safe>
            {p.detail}
          </span>
        </>
      ) : (
        ''
      )}
    </td>
  );
}

/** The actions by area; a value the list does not know (an older link) stays selected as it was given. */
function ActionSelect(props: { value: string }) {
  const areas = auditAreas();
  const known = props.value === '' || areas.some((a) => `${a.area}.` === props.value || a.actions.some((x) => x.action === props.value));
  return (
    <div class="field">
      <label for="f-art">Aktion</label>
      <select id="f-art" name="art">
        <option value="">Alle Aktionen</option>
        {known ? (
          ''
        ) : (
          <option value={props.value} selected safe>
            {`${props.value} …`}
          </option>
        )}
        {areas.map((a) => (
          <optgroup label={a.label}>
            <option value={`${a.area}.`} selected={props.value === `${a.area}.`} safe>
              {`${a.label}: alle`}
            </option>
            {a.actions.map((x) => (
              <option value={x.action} selected={props.value === x.action} safe>
                {x.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function ProtocolPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; filter: ProtocolFilter; result: Awaited<ReturnType<ReturnType<typeof createProtocol>['page']>> }) {
  const f = props.filter;
  const params = protocolParams(f);
  const pages = Math.max(1, Math.ceil(props.result.total / PROTOCOL_PAGE));
  return (
    <Layout title="Protokoll" chrome={props.chrome}>
      <StaffBar staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Protokoll</h1>
      <form method="get" action={`${BO}/protokoll`}>
        <div class="row">
          <Field
            name="person"
            label="Person (Name, E-Mail oder Kennung)"
            hint="Einträge, in denen die Person gehandelt hat oder betroffen war, auch nach dem Löschen ihres Zugangs. Kennung: Betriebsnummer, IK-Nummer oder ID."
            value={f.person}
            maxlength={100}
          />
          <ActionSelect value={f.action} />
        </div>
        <div class="row">
          <Field name="akteur" label="Akteur (ID, z. B. staff:…, account:…)" value={f.actor} maxlength={100} />
          <Field name="betroffen" label="Betroffen (ID)" value={f.subject} maxlength={100} />
        </div>
        <div class="row">
          <div class="field">
            <label for="f-von">Von</label>
            <input type="date" id="f-von" name="von" value={f.from} />
          </div>
          <div class="field">
            <label for="f-bis">Bis</label>
            <input type="date" id="f-bis" name="bis" value={f.to} />
          </div>
        </div>
        <div class="actions actions--left">
          <button type="submit" class="button button--secondary">
            Filtern
          </button>
          <a class="button button--secondary" href={`${BO}/protokoll.csv?${params}`}>
            Als CSV exportieren
          </a>
        </div>
      </form>
      <p role="status">{`${props.result.total} Einträge`}</p>
      <div class="table-scroll">
        <table class="table protocol">
          <thead>
            <tr>
              <th scope="col">Zeit und IP</th>
              <th scope="col">Akteur</th>
              <th scope="col">Aktion</th>
              <th scope="col">Betroffen</th>
              <th scope="col">Ergebnis</th>
            </tr>
          </thead>
          <tbody>
            {props.result.rows.map((r) => (
              <tr>
                <td>
                  {formatDateTime(new Date(r.at))}
                  {r.ip ? (
                    <>
                      <br />
                      <span class="small" safe>
                        {r.ip}
                      </span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <PartyCell party={r.who} />
                <td safe>{r.label}</td>
                <PartyCell party={r.whom} />
                <td safe>{OUTCOME[r.outcome] ?? r.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {f.page > 1 ? <a href={`${BO}/protokoll?${params}&seite=${f.page - 1}`}>Vorherige Seite</a> : ''}
          <span>{`Seite ${f.page} von ${pages}`}</span>
          {f.page < pages ? <a href={`${BO}/protokoll?${params}&seite=${f.page + 1}`}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}
