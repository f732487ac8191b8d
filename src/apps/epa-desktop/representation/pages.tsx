import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field, Notice, PageMessages, formatDate } from '../../../core/ui/components.tsx';
import { PostButton } from '../../../core/ui/post-button.tsx';
import type { GrantedView, ReceivedView } from '../../../modules/epa-representation/service.ts';
import { Table } from '../../../core/ui/table.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { EpaSignedInBar } from '../epa-login/pages.tsx';
import { RecordNav } from '../record-nav.tsx';
import { OwnRecordOnly } from './own-record-only.tsx';

const TITLE = 'Vertretung für Angehörige';

const STATUS = { invited: 'eingeladen', confirmed: 'bestätigt' } as const;
const GRANTED_HEADS = ['Vertretung', 'Versichertennummer', 'E-Mail-Adresse', 'Status', { hidden: 'Aktion' }];

/** What a Vertretung is, in the words of the Übersicht's tile. */
function Explanation() {
  return (
    <ul>
      <li>Die Vertretung sieht und verwaltet Ihre ePA in Ihrem Namen, mit ihrem eigenen Desktop-Client und ihrer eigenen „AOK Ident“-App.</li>
      <li>Jede ihrer Handlungen wird protokolliert – als Handlung der Vertretung, für Sie – in Ihrem und in ihrem Protokoll.</li>
      <li>Eine Vertretung kann ihrerseits niemanden weiter benennen.</li>
      <li>Sie können eine Vertretung jederzeit beenden; die Vertretung ebenso.</li>
    </ul>
  );
}

/** Before the ePA login: what it is, and the login that the screen needs. */
export function RepresentationLoginPage(props: { signed: Signed }) {
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/uebersicht">
      <h1>{TITLE}</h1>
      <p>
        Sie können Angehörige oder andere Vertrauenspersonen als Vertretung für Ihre ePA benennen, zum Beispiel Ihre Eltern, Ihre Partnerin oder Ihren Partner.
        Umgekehrt können Sie die ePA einer Person verwalten, die Sie als Vertretung benannt hat.
      </p>
      <Explanation />
      <p>
        Um eine Vertretung zu benennen, zu bestätigen oder für eine andere Person zu handeln, melden Sie sich zuerst in Ihrer elektronischen Patientenakte (ePA) an.
        Sie brauchen dafür die Versichertennummer und die E-Mail-Adresse der Person, die Sie vertreten soll.
      </p>
      <div class="actions desktop-actions">
        <a class="button" href="/epa">
          Bei der ePA anmelden
        </a>
      </div>
    </DesktopLayout>
  );
}

export interface NameErrors {
  kvnr?: string;
  email?: string;
}

export interface RepresentationView {
  signed: Signed;
  kvnr: string;
  granted: GrantedView[];
  received: ReceivedView[];
  form?: { kvnr?: string; email?: string };
  errors?: NameErrors;
  notice?: string;
  error?: string;
}

function Since(props: { r: { status: 'invited' | 'confirmed'; since: string; confirmedAt: string | null } }) {
  const r = props.r;
  return <>{r.status === 'confirmed' && r.confirmedAt ? `bestätigt am ${formatDate(new Date(r.confirmedAt))}` : `eingeladen am ${formatDate(new Date(r.since))}`}</>;
}

function Granted(props: { granted: GrantedView[] }) {
  if (props.granted.length === 0) return <p>Sie haben noch niemanden als Vertretung benannt.</p>;
  return (
    <Table heads={GRANTED_HEADS} caption="Ihre Vertretungen" class="representation-table" scroll>
      {props.granted.map((r) => (
        <tr>
          <td safe>{r.name ?? '(noch nicht bestätigt)'}</td>
          <td safe>{r.kvnr}</td>
          <td safe>{r.email}</td>
          <td>
            <span class={`rep-status rep-status--${r.status}`}>{STATUS[r.status]}</span>
            <span class="small representation-since">
              <Since r={r} />
            </span>
          </td>
          <td>
            <a href={`/vertretung/${encodeURIComponent(r.id)}/beenden`}>
              Vertretung beenden<span class="visually-hidden" safe>{`: ${r.name ?? r.kvnr}`}</span>
            </a>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Received(props: { received: ReceivedView[]; csrf: string }) {
  if (props.received.length === 0) return <p>Niemand hat Sie als Vertretung benannt.</p>;
  return (
    <ul class="representation-cards">
      {props.received.map((r) => (
        <li class="representation-card">
          <p>
            <strong safe>{r.from.name}</strong> <span class={`rep-status rep-status--${r.status}`}>{STATUS[r.status]}</span>
            <br />
            <span class="small">
              <Since r={r} />
            </span>
          </p>
          <div class="actions">
            {r.status === 'invited' ? (
              <>
                <PostButton action={`/vertretung/${encodeURIComponent(r.id)}/bestaetigen`} csrf={props.csrf} inline>
                  Bestätigen
                </PostButton>
                <a class="button button--secondary" href={`/vertretung/${encodeURIComponent(r.id)}/beenden`}>
                  Ablehnen
                </a>
              </>
            ) : (
              <>
                <PostButton action={`/vertretung/${encodeURIComponent(r.id)}/handeln`} csrf={props.csrf} inline>
                  {Html.escapeHtml(`Für ${r.from.name} handeln`)}
                </PostButton>
                <a class="button button--secondary" href={`/vertretung/${encodeURIComponent(r.id)}/beenden`}>
                  Vertretung beenden
                </a>
              </>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Vertretung für Angehörige" (issue 15 §8) on one's own record: name a representative (Versichertennummer
 * and E-Mail-Adresse), the list of one's representatives with "Vertretung beenden", and the invitations
 * to represent others: "Bestätigen" or "Ablehnen", and for a confirmed one "Für <Name> handeln".
 */
export function RepresentationPage(props: RepresentationView) {
  const errors = props.errors ?? {};
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/uebersicht">
      <h1>{TITLE}</h1>
      <RecordNav current="Vertretung für Angehörige" actingFor={props.signed.actingFor} />
      <PageMessages notice={props.notice} errorText={props.error} />
      <section aria-labelledby="h-benennen">
        <h2 id="h-benennen">Vertretung benennen</h2>
        <p>Benennen Sie eine Person, die Ihre ePA für Sie verwalten darf. Sie muss selbst für die ePA registriert sein und die Vertretung in ihrem Desktop-Client bestätigen.</p>
        <Explanation />
        <ErrorSummary errors={errors as Record<string, string>} labels={{ kvnr: 'Versichertennummer', email: 'E-Mail-Adresse' }} />
        <form method="post" action="/vertretung/benennen" novalidate class="representation-form">
          <CsrfField token={props.signed.csrf} />
          <Field
            name="kvnr"
            label="Versichertennummer"
            value={props.form?.kvnr}
            error={errors.kvnr}
            hint="Die zehnstellige Nummer auf der Gesundheitskarte der Person: ein Buchstabe und neun Ziffern."
            maxlength={10}
            autocomplete="off"
            required
          />
          <Field name="email" label="E-Mail-Adresse" type="email" value={props.form?.email} error={errors.email} autocomplete="off" maxlength={254} required />
          <div class="actions">
            <button type="submit" class="button">
              Vertretung benennen
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="h-vertretungen">
        <h2 id="h-vertretungen">Ihre Vertretungen</h2>
        <Granted granted={props.granted} />
      </section>
      <section aria-labelledby="h-vertreten">
        <h2 id="h-vertreten">Personen, die Sie vertreten</h2>
        <Received received={props.received} csrf={props.signed.csrf} />
      </section>
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}

/** While acting for someone: managing representations is for one's own record only (no further delegation). */
export function ActingRepresentationPage(props: { signed: Signed; kvnr: string; error?: string }) {
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/epa/dokumente">
      <h1>{TITLE}</h1>
      <RecordNav current="Vertretung für Angehörige" actingFor={props.signed.actingFor} />
      <PageMessages errorText={props.error} />
      <OwnRecordOnly signed={props.signed} back="/vertretung">
        Als Vertretung können Sie für diese Person keine Vertretungen benennen, bestätigen oder beenden. Ihre eigenen Vertretungen verwalten Sie in Ihrer eigenen Akte.
      </OwnRecordOnly>
      <EpaSignedInBar signed={props.signed} kvnr={props.kvnr} />
    </DesktopLayout>
  );
}

/** What ending means, by who ends what. */
export type Ending =
  | { kind: 'granted'; id: string; who: string; confirmed: boolean }
  | { kind: 'received'; id: string; who: string; confirmed: boolean };

/** The confirmation before a representation ends (it cannot be taken back; a new one needs a new invitation). */
export function EndRepresentationPage(props: { signed: Signed; ending: Ending; error?: string }) {
  const { ending } = props;
  const decline = ending.kind === 'received' && !ending.confirmed;
  const heading = decline ? 'Einladung ablehnen' : 'Vertretung beenden';
  return (
    <DesktopLayout title={heading} signed={props.signed} back="/vertretung" narrow>
      <h1>{heading}</h1>
      <PageMessages errorText={props.error} />
      <Notice kind="warning">
        {ending.kind === 'granted' ? (
          <p>
            Möchten Sie die Vertretung durch <strong safe>{ending.who}</strong> beenden?{' '}
            {ending.confirmed ? 'Die Person kann danach nicht mehr auf Ihre ePA zugreifen und erhält eine E-Mail.' : 'Die Einladung wird zurückgezogen.'}
          </p>
        ) : decline ? (
          <p>
            Möchten Sie die Einladung von <strong safe>{ending.who}</strong> ablehnen? Die Person erhält eine E-Mail.
          </p>
        ) : (
          <p>
            Möchten Sie die Vertretung für <strong safe>{ending.who}</strong> beenden? Sie können danach nicht mehr für diese Person handeln; sie erhält eine E-Mail.
          </p>
        )}
        <p>Das kann nicht rückgängig gemacht werden. Für eine neue Vertretung ist eine neue Einladung nötig.</p>
      </Notice>
      <form method="post" action={`/vertretung/${encodeURIComponent(ending.id)}/beenden`} class="actions desktop-actions">
        <CsrfField token={props.signed.csrf} />
        <a class="button button--secondary" href="/vertretung">
          Abbrechen
        </a>
        <button type="submit" class="button rep-danger">
          {decline ? 'Ablehnen' : 'Vertretung beenden'}
        </button>
      </form>
    </DesktopLayout>
  );
}
