import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, Select, formatDate, formatDateTime } from '../../../core/ui/components.tsx';
import { t } from '../../../core/i18n/de.ts';
import type { StaffMember } from '../../../core/staff/service.ts';
import type { Insurer } from '../../../core/config/insurers.ts';
import { BO, StaffBar } from '../../../core/staff/shell.tsx';
import { Table } from '../../../core/ui/table.tsx';
import { PostButton } from '../../../core/ui/post-button.tsx';
import { PageHead } from '../../../core/ui/page-head.tsx';

export interface NewStaffValues {
  email?: string;
  name?: string;
  role?: string;
  insurerId?: string;
}

function StaffAction(props: { csrf: string; id: string; path: 'sperren' | 'entsperren'; label: string; name: string }) {
  return (
    <PostButton action={`${BO}/mitarbeitende/${props.id}/${props.path}`} csrf={props.csrf} button="button button--link" label={props.name} inline>
      {props.label}
    </PostButton>
  );
}

/** "Mitarbeitende": administrators add staff (with the TOTP QR code shown once), lock and unlock them. */
export function StaffAdminPage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  members: { id: string; email: string; name: string; role: string; insurer_id: string | null; status: string; created_at: Date | string; loginLockedUntil: Date | null }[];
  values?: NewStaffValues;
  errors?: Record<string, string>;
  created?: { email: string; secret: string; uri: string; qr: string };
  notice?: string;
}) {
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const v = props.values ?? {};
  return (
    <Layout title="Mitarbeitende" chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead title="Mitarbeitende" notice={props.notice} />
      {props.created ? (
        <Notice kind="success" title="Zugang angelegt">
          <p>
            Bitte richten Sie jetzt die Authenticator-App für <strong safe>{props.created.email}</strong> ein. Der QR-Code wird nur
            dieses eine Mal angezeigt.
          </p>
          <img src={props.created.qr} width="200" height="200" alt="QR-Code zum Einrichten der Authenticator-App" />
          <p>
            Geheimnis zum Abtippen: <code safe>{props.created.secret}</code>
          </p>
        </Notice>
      ) : (
        ''
      )}
      <Table heads={['E-Mail-Adresse', 'Name', 'Rolle', 'Status', 'Aktion']}>
        {props.members.map((m) => (
          <tr>
            <td safe>{m.email}</td>
            <td safe>{m.name}</td>
            <td safe>{m.role === 'admin' ? 'Administration' : `Sachbearbeitung, ${props.insurers.find((i) => i.id === m.insurer_id)?.name ?? ''}`}</td>
            <td>
              {m.status !== 'active'
                ? 'gesperrt'
                : m.loginLockedUntil
                  ? `nach Fehlversuchen gesperrt bis ${formatDateTime(m.loginLockedUntil)}`
                  : `aktiv seit ${formatDate(new Date(m.created_at))}`}
            </td>
            <td>
              {m.id === props.staff.id ? (
                'Ihr Zugang'
              ) : (
                <>
                  {m.status === 'active' ? <StaffAction csrf={props.csrf} id={m.id} path="sperren" label="Sperren" name={`${m.email} sperren`} /> : ''}
                  {/* one "Entsperren" for both locks: afterwards the person may log in again */}
                  {m.status !== 'active' || m.loginLockedUntil ? (
                    <StaffAction
                      csrf={props.csrf}
                      id={m.id}
                      path="entsperren"
                      label="Entsperren"
                      name={m.status === 'active' ? `${m.email} entsperren (Sperre nach Fehlversuchen aufheben)` : `${m.email} entsperren`}
                    />
                  ) : (
                    ''
                  )}
                </>
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h2>Neuen Zugang anlegen</h2>
      <ErrorSummary errors={e} labels={{ email: 'E-Mail-Adresse', name: 'Name', role: 'Rolle', insurerId: 'Kasse', password: 'Erstes Passwort' }} />
      <form method="post" action={`${BO}/mitarbeitende`} novalidate>
        <CsrfField token={props.csrf} />
        <div class="row">
          <Field name="email" label="E-Mail-Adresse" type="email" value={v.email} error={e.email} maxlength={254} required />
          <Field name="name" label="Name" value={v.name} error={e.name} maxlength={100} required />
        </div>
        <div class="row">
          <Select
            name="role"
            label="Rolle"
            options={[
              { value: 'clerk', label: 'Sachbearbeitung (eine Kasse)' },
              { value: 'admin', label: 'Administration (alle Kassen)' },
            ]}
            value={v.role ?? 'clerk'}
            error={e.role}
          />
          <Select name="insurerId" label="Kasse" placeholder="– für die Administration keine –" options={props.insurers.map((i) => ({ value: i.id, label: i.name }))} value={v.insurerId} error={e.insurerId} />
        </div>
        <Field name="password" label="Erstes Passwort" type="password" error={e.password} autocomplete="new-password" hint="Mindestens 12 Zeichen; bitte persönlich übergeben." required />
        <button type="submit" class="button">
          Zugang anlegen
        </button>
      </form>
    </Layout>
  );
}
