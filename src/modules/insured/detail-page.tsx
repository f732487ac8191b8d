import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, Select, TextArea, formatDateTime } from '../../core/ui/components.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { Table } from '../../core/ui/table.tsx';
import { StaffBar } from '../../core/staff/shell.tsx';
import { auditActionLabel } from '../../core/audit/actions.ts';
import { t } from '../../core/i18n/de.ts';
import { IDENTITY_CHECK_LABELS, MAX_REASON, addressOf, germanDate } from './fields.ts';
import { AddressFields, INSURED_PATH, STATUS_LABEL } from './pages.tsx';
import { DevicesSection, type StaffDevice } from './devices-section.tsx';
import type { Insured } from './service.ts';

export type Detail = Awaited<ReturnType<Insured['detail']>>;

/** What failed on the page's last POST: the form it came from, its error code, what was typed. */
export interface DetailFailure {
  form: 'letter' | 'lock' | 'address';
  code: string;
  reason?: string;
  identityCheck?: string;
  /** "Anschrift ändern": what was typed, and the code of each wrong field */
  address?: Record<string, string>;
  fields?: Record<string, string>;
}

const identityOptions = Object.entries(IDENTITY_CHECK_LABELS).map(([value, label]) => ({ value, label }));
const when = (d: Date | string) => formatDateTime(new Date(d));
/** the reason a lock or unlock was logged with */
const reasonOf = (data: unknown): string => {
  const reason = (data as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : '';
};

type LetterRow = Detail['letters'][number];
function letterState(letter: LetterRow, letters: LetterRow[], now: Date): string {
  if (letter.used_at) return `verwendet am ${when(letter.used_at)}`;
  // a new letter ends the previous code the moment it is made; a code ended otherwise met too many wrong codes
  const revoked = letter.revoked_at;
  if (revoked && letters.some((l) => l !== letter && new Date(l.created_at).getTime() === new Date(revoked).getTime())) return `ersetzt am ${when(revoked)}`;
  if (revoked) return `ungültig seit ${when(revoked)} (zu viele falsche Eingaben)`;
  return new Date(letter.expires_at) <= now ? 'abgelaufen' : 'gültig';
}

/** The form that makes a letter: how the identity was checked, and the warning that the code is in the PDF only. */
function LetterForm(props: { action: string; csrf: string; label: string; failure?: DetailFailure }) {
  const failed = props.failure?.form === 'letter' ? props.failure : undefined;
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrf} />
      <Select
        name="identityCheck"
        label="Identität geprüft"
        placeholder="Bitte wählen"
        options={identityOptions}
        value={failed?.identityCheck}
        error={failed?.code === 'insured.identity_check_required' ? t(failed.code) : undefined}
        required
      />
      <p class="hint">
        Der Aktivierungsbrief wird als PDF heruntergeladen. Der Aktivierungscode steht nur in diesem Brief und gilt 14 Tage: Bitte drucken Sie
        ihn gleich aus oder übergeben Sie ihn. Ein erneuter Ausdruck ist nur als neuer Brief mit neuem Code möglich.
      </p>
      <button type="submit" class="button" safe>
        {props.label}
      </button>
    </form>
  );
}

/** "Anschrift ändern": the three fields, filled with the address or with what was typed, each wrong one with its message. */
function AddressForm(props: { action: string; csrf: string; current: Record<string, string | undefined>; failure?: DetailFailure }) {
  const failed = props.failure?.form === 'address' ? props.failure : undefined;
  const errors = Object.fromEntries(Object.entries(failed?.fields ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField token={props.csrf} />
      <AddressFields values={failed?.address ?? props.current} errors={errors} />
      <button type="submit" class="button button--secondary">
        Anschrift speichern
      </button>
    </form>
  );
}

/** One insured person: their data and address, the ePA registration with its letters, the Ident app's devices, lock and unlock, the history. */
export function InsuredDetailPage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: Insurer[];
  detail: Detail;
  devices: StaffDevice[];
  notice?: string;
  failure?: DetailFailure;
}) {
  const { person: p, record, letters, history, now } = props.detail;
  const base = `${INSURED_PATH}/${p.id}`;
  const name = `${p.first_name} ${p.last_name}`;
  const failure = props.failure;
  // the reason's own rules are told at its field, everything else above the page
  const reasonError = failure?.form === 'lock' && (failure.code === 'insured.reason_required' || failure.code.startsWith('field.')) ? failure.code : undefined;
  const pageError = failure && failure.code !== 'insured.identity_check_required' && !reasonError ? failure.code : undefined;
  const address = addressOf(p);
  const locked = p.status === 'locked';
  return (
    <Layout title={failure ? `Fehler: ${name}` : name} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <PageHead back={{ href: INSURED_PATH, label: 'Versicherte' }} eyebrow="Versicherte Person" title={name} notice={props.notice} error={pageError} />
      <h2>Persönliche Daten</h2>
      <dl class="meta">
        <dt>Krankenversichertennummer (KVNR)</dt>
        <dd safe>{p.kvnr}</dd>
        <dt>Name</dt>
        <dd safe>{p.last_name}</dd>
        <dt>Vorname</dt>
        <dd safe>{p.first_name}</dd>
        <dt>Geburtsdatum</dt>
        <dd safe>{germanDate(p.birth_date)}</dd>
        <dt>E-Mail-Adresse</dt>
        <dd safe>{p.email}</dd>
        <dt>Anschrift</dt>
        <dd safe>{address ? `${address.street}, ${address.postalCode} ${address.city}` : 'keine (der Aktivierungsbrief nennt nur den Namen)'}</dd>
        <dt>AOK</dt>
        <dd safe>{props.insurers.find((i) => i.id === p.insurer_id)?.name ?? p.insurer_id}</dd>
        <dt>Status</dt>
        <dd safe>{locked ? `gesperrt (Grund: ${p.lock_reason ?? ''})` : (STATUS_LABEL[p.status] ?? p.status)}</dd>
        <dt>Angelegt</dt>
        <dd safe>{when(p.created_at)}</dd>
      </dl>

      <h3>{address ? 'Anschrift ändern' : 'Anschrift eintragen'}</h3>
      <AddressForm
        action={`${base}/anschrift`}
        csrf={props.csrf}
        current={{ street: address?.street, postalCode: address?.postalCode, city: address?.city }}
        failure={failure}
      />

      <h2>Elektronische Patientenakte (ePA)</h2>
      {record ? (
        <>
          <p safe>{`Für die ePA registriert am ${when(record.created_at)} (Identität geprüft: ${IDENTITY_CHECK_LABELS[record.identity_check]}).`}</p>
          <p>
            <a href={`${base}/patientenakte`}>Patientenakte: Dokumente ansehen und hinzufügen</a>
          </p>
        </>
      ) : (
        <p>Noch nicht für die ePA registriert.</p>
      )}
      {!record && !locked ? <LetterForm action={`${base}/epa-registrieren`} csrf={props.csrf} label="Für die ePA registrieren" failure={failure} /> : ''}
      {record ? (
        <>
          <h3>Aktivierungsbriefe</h3>
          <Table heads={['Erstellt', 'Identität geprüft', 'Gültig bis', 'Status']}>
            {letters.map((l) => (
              <tr>
                <td safe>{when(l.created_at)}</td>
                <td safe>{IDENTITY_CHECK_LABELS[l.identity_check]}</td>
                <td safe>{when(l.expires_at)}</td>
                <td safe>{letterState(l, letters, now)}</td>
              </tr>
            ))}
          </Table>
          {locked ? (
            <p>Ein neuer Aktivierungsbrief ist erst nach dem Entsperren möglich.</p>
          ) : (
            <>
              <p>Ist der Code abgelaufen oder verloren gegangen, erstellen Sie einen neuen Brief; der bisherige Code wird damit ungültig.</p>
              <LetterForm action={`${base}/aktivierungsbrief`} csrf={props.csrf} label="Neuen Aktivierungsbrief erstellen" failure={failure} />
            </>
          )}
        </>
      ) : (
        ''
      )}

      <DevicesSection insuredId={p.id} devices={props.devices} />

      <h2>{locked ? 'Entsperren' : 'Sperren'}</h2>
      <p>{locked ? 'Nach dem Entsperren kann die Person ihre AOK Ident-App wieder aktivieren und verwenden.' : 'Eine gesperrte Person kann ihre AOK Ident-App weder aktivieren noch verwenden.'}</p>
      <form method="post" action={`${base}/${locked ? 'entsperren' : 'sperren'}`} novalidate>
        <CsrfField token={props.csrf} />
        <TextArea
          name="reason"
          label={locked ? 'Grund für das Entsperren' : 'Grund für die Sperre'}
          value={failure?.form === 'lock' ? failure.reason : undefined}
          error={reasonError && t(reasonError)}
          maxlength={MAX_REASON}
          rows={2}
          required
        />
        <button type="submit" class="button button--secondary">
          {locked ? 'Entsperren' : 'Sperren'}
        </button>
      </form>

      <h2>Verlauf</h2>
      {history.length ? (
        <Table heads={['Zeit', 'Ereignis', 'Grund']}>
          {history.map((h) => (
            <tr>
              <td safe>{when(h.at)}</td>
              <td safe>{auditActionLabel(h.action)}</td>
              <td safe>{reasonOf(h.data)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Keine Einträge.</p>
      )}
    </Layout>
  );
}
