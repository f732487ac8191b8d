import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, NewPasswordFields, Select, formatDate } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { CompanyUsers } from './service.ts';
import { salutations, titles } from '../registration/form.ts';
import { Table } from '../../core/ui/table.tsx';
import { PostButton, SubmitActions } from '../../core/ui/post-button.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';

type Row = Awaited<ReturnType<CompanyUsers['list']>>[number];

function status(r: Row): string {
  if (r.status === 'invited') return r.expired ? 'Einladung abgelaufen' : `eingeladen am ${formatDate(new Date(r.created_at))}`;
  if (r.status === 'locked') return 'gesperrt';
  return r.device_id ? 'aktiv' : 'aktiv, Gerät noch nicht registriert';
}

export function UsersPage(props: {
  chrome: PortalChrome;
  csrf: string;
  users: Row[];
  features: { adminRights: boolean; adviceRight: boolean };
  email?: string;
  error?: string;
  notice?: string;
  actionError?: string;
}) {
  const f = props.features;
  // every administrator of the company is listed: a second one cannot hide from the first
  const users = props.users;
  const BASE = props.chrome.base;
  const errors: Record<string, string> = props.error ? { email: t(props.error) } : {};
  const action = (r: Row, path: string, label: string) => (
    <PostButton action={`${BASE}/nutzer/${r.id}/${path}`} csrf={props.csrf} button="button button--link" label={`${r.email}: ${label}`} inline>
      {label}
    </PostButton>
  );
  return (
    <Layout title="Nutzerverwaltung" chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/startseite`, label: 'Startseite' }} title="Nutzerverwaltung" notice={props.notice} error={props.actionError} />
      {users.length ? (
        <Table heads={['E-Mail-Adresse', 'Name', 'Rolle', 'Status', 'Aktionen']}>
          {users.map((r) => (
            <tr>
              <td safe>{r.email}</td>
              <td safe>{`${r.first_name} ${r.last_name}`.trim() || '–'}</td>
              <td>
                {r.role === 'admin' ? 'Administrator' : 'Nutzer'}
                {f.adviceRight && r.role !== 'admin' && r.advice_access ? ', Zahlungsavise' : ''}
                {r.self ? ' (Sie)' : ''}
              </td>
              <td>{status(r)}</td>
              <td>
                {/* another administrator is locked or removed only by the insurer's staff */}
                {!r.self && r.status === 'active' && r.role === 'user' ? action(r, 'sperren', 'Sperren') : ''}
                {r.status === 'locked' && r.locked_by !== 'staff' && (r.role === 'user' || f.adminRights) ? action(r, 'entsperren', 'Entsperren') : ''}
                {f.adminRights && r.status === 'active' && r.role === 'user' ? action(r, 'admin-geben', 'Administrationsrechte geben') : ''}
                {f.adminRights && r.status === 'active' && r.role === 'admin' ? action(r, 'admin-entziehen', 'Administrationsrechte entziehen') : ''}
                {f.adviceRight && r.role === 'user' && r.status !== 'invited' ? action(r, r.advice_access ? 'zahlungsavise-entziehen' : 'zahlungsavise-geben', r.advice_access ? 'Zahlungsavise entziehen' : 'Zahlungsavise erlauben') : ''}
                {r.role === 'user' || (r.self && f.adminRights) ? action(r, 'entfernen', 'Entfernen') : ''}
              </td>
            </tr>
          ))}
        </Table>
      ) : (
        ''
      )}
      {users.some((r) => !r.self) ? '' : <p>Noch keine weiteren Nutzer.</p>}
      <h2>Nutzer einladen</h2>
      <ErrorSummary errors={errors} labels={{ email: 'E-Mail-Adresse' }} />
      <form method="post" action={`${BASE}/nutzer`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="email" label="E-Mail-Adresse" type="email" value={props.email} error={errors.email} maxlength={254} required />
        <button type="submit" class="button">
          Einladen
        </button>
      </form>
    </Layout>
  );
}

export function AcceptInvitationPage(props: { chrome: PortalChrome; csrf: string; flowId: string; email: string; values?: Record<string, string>; errors?: Record<string, string> }) {
  const BASE = props.chrome.base;
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const v = props.values ?? {};
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Einladung annehmen' : 'Einladung annehmen'} chrome={props.chrome}>
      <h1>Einladung annehmen</h1>
      <p>
        Benutzername/E-Mail-Adresse: <strong safe>{props.email}</strong>
      </p>
      <ErrorSummary
        errors={e}
        labels={{ salutation: 'Anrede', title: 'Akademischer Titel', firstName: 'Vorname', lastName: 'Nachname', password: 'Passwort', passwordRepeat: 'Passwort wiederholen' }}
      />
      <form method="post" action={`${BASE}/einladung?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <div class="row">
          <Select name="salutation" label="Anrede" placeholder="Bitte wählen" options={salutations.map((s) => ({ value: s, label: s }))} value={v.salutation} error={e.salutation} />
          <Select name="title" label="Akademischer Titel" options={titles.map((s) => ({ value: s, label: s || 'kein Titel' }))} value={v.title} error={e.title} />
        </div>
        <Field name="firstName" label="Vorname" value={v.firstName} error={e.firstName} autocomplete="given-name" maxlength={100} required />
        <Field name="lastName" label="Nachname" value={v.lastName} error={e.lastName} autocomplete="family-name" maxlength={100} required />
        <NewPasswordFields label="Passwort" error={e.password} repeatError={e.passwordRepeat} hint="Mindestens 12 Zeichen." />
        <SubmitActions label="Weiter" />
      </form>
    </Layout>
  );
}
