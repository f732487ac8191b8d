import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, Field, formatDateTime } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import type { createAccountAdmin } from './service.ts';
import { auditActionLabel } from '../../core/audit/actions.ts';
import { OUTCOME } from '../audit-log/protocol.ts';
import { Table } from '../../core/ui/table.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import { isId } from '../../core/ids/secrets.ts';
import { MAX_SEARCH } from '../../core/http/input.ts';

type Accounts = ReturnType<typeof createAccountAdmin>;
const STATUS: Record<string, string> = { pending: 'Registrierung läuft', active: 'aktiv', locked: 'gesperrt' };
const insurerName = (insurers: Insurer[], id: string | null) => insurers.find((i) => i.id === id)?.name ?? id ?? '–';
const ROLE: Record<string, string> = { admin: 'Administrator des Unternehmens', user: 'Nutzer (eingeladen)', employer: 'Arbeitgeber (Hauptansprechpartner)', applicant: 'Bewerber' };
/** The company's number; where the account points at a stored company record by its id, that id means nothing to staff. */
const shownIdentifier = (identifier: string | null) => (identifier && !isId(identifier) ? identifier : '');

export function AccountsPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; q: string; rows: Awaited<ReturnType<Accounts['search']>>; searchError?: string }) {
  return (
    <Layout title={props.searchError ? 'Fehler: Zugänge' : 'Zugänge'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>Zugänge</h1>
      <form method="get" action={`${BO}/zugaenge`}>
        <Field name="q" label="Suche (E-Mail-Adresse, Name, Betriebsnummer)" value={props.q} maxlength={MAX_SEARCH} error={props.searchError && t(props.searchError)} />
        <button type="submit" class="button button--secondary">
          Suchen
        </button>
      </form>
      {props.rows.length ? (
        <Table heads={['E-Mail-Adresse', 'Name', 'Betriebsnummer', 'Kasse', 'Portal', 'Status']}>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`${BO}/zugaenge/${r.id}`} safe>
                  {r.email}
                </a>
              </td>
              <td safe>{`${r.first_name} ${r.last_name}`}</td>
              <td safe>{shownIdentifier(r.identifier)}</td>
              <td safe>{insurerName(props.insurers, r.insurer_id)}</td>
              <td safe>{r.portal_name}</td>
              <td>{STATUS[r.status] ?? r.status}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Keine Zugänge gefunden.</p>
      )}
    </Layout>
  );
}

export function AccountDetailPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; detail: Awaited<ReturnType<Accounts['detail']>>; notice?: string; error?: string }) {
  const { account: a, device, reset, history } = props.detail;
  const action = (path: string, label: string, secondary = true) => (
    <PostButton action={`${BO}/zugaenge/${a.id}/${path}`} csrf={props.csrf} button={secondary ? 'button button--secondary' : 'button'} inline>
      {label}
    </PostButton>
  );
  return (
    <Layout title={`Zugang ${a.email}`} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: `${BO}/zugaenge`, label: 'Zugänge' }} title={a.email} notice={props.notice} error={props.error} />
      <dl class="meta">
        <dt>Name</dt>
        <dd safe>{[a.title, a.first_name, a.last_name].filter(Boolean).join(' ')}</dd>
        <dt>Betriebsnummer</dt>
        <dd safe>{shownIdentifier(a.identifier)}</dd>
        <dt>Portal</dt>
        <dd safe>{a.portal_name}</dd>
        <dt>Rolle</dt>
        <dd safe>{ROLE[a.role] ?? a.role}</dd>
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
        <Table heads={['Zeit', 'Ereignis', 'IP', 'Ergebnis']}>
          {history.map((h) => (
            <tr>
              <td>{formatDateTime(new Date(h.at))}</td>
              <td safe>{auditActionLabel(h.action)}</td>
              <td safe>{h.ip ?? ''}</td>
              <td safe>{OUTCOME[h.outcome] ?? h.outcome}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Noch keine Anmeldungen.</p>
      )}
    </Layout>
  );
}

export function ResetRequestsPage(props: { chrome: PortalChrome; csrf: string; staff: StaffMember; insurers: Insurer[]; rows: Awaited<ReturnType<Accounts['resetRequests']>>; notice?: string; error?: string }) {
  return (
    <Layout title="Geräte-Rücksetzungen" chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead title="Geräte-Rücksetzungen" notice={props.notice} error={props.error} />
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
          <PostButton action={`${BO}/geraete-ruecksetzungen/${r.account_id}/bestaetigen`} csrf={props.csrf} disabled={!r.newUpload} inline>
            Bestätigen
          </PostButton>
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
