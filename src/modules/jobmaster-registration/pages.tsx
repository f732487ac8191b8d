import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { ButtonLink, SubmitActions } from '../../core/ui/post-button.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, NewPasswordFields, Notice, Select, Stepper, type StepState } from '../../core/ui/components.tsx';
import type { ConsentDocument } from '../../core/consents/documents.ts';
import { SECURITY_QUESTIONS } from '../../core/passwords/security-question.ts';
import { t } from '../../core/i18n/de.ts';
import type { ErrorCode } from '../../core/errors/app-error.ts';
import { labels, type Values } from './form.ts';
import { SalutationTitleSelects } from '../registration/pages/person-fields.tsx';
import { LinkProblemLayout } from '../registration/pages/confirm-email.tsx';

export interface Consents {
  terms: ConsentDocument;
  privacy: ConsentDocument;
  marketing?: ConsentDocument;
}

const messages = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, code]) => [k, t(code)]));

/** "Registrierung": the manual's heading and paragraph, then the choice Bewerber | Arbeitgeber (plain links). */
export function ChoicePage(props: { chrome: PortalChrome }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Registrierung" chrome={props.chrome}>
      <h1>Registrierung</h1>
      <h2>Legen Sie ein Konto an.</h2>
      <p>
        Registrieren Sie sich, um mehr Funktionen nutzen zu können: Profitieren Sie als Berufsstarter von vielen weiteren Angeboten, wie Stellenanzeigen unserer Partnerfirmen. Als Arbeitgeber
        können Sie freie Stellen anbieten und so Ihren beruflichen Nachwuchs finden.
      </p>
      <div class="actions">
        <a class="button" href={`${BASE}/registrierung/bewerber`}>
          Bewerber
        </a>
        <a class="button" href={`${BASE}/registrierung/arbeitgeber`}>
          Arbeitgeber
        </a>
      </div>
      <h2>Als Arbeitgeber registrieren</h2>
      <p>
        Im ersten Teil der Registrierung geben Sie Ihre Firmeninformationen an: Firmenname, Betriebsnummer, Anschrift. Im zweiten Teil der Registrierung geben Sie die Daten Ihres
        Ansprechpartners ein. An dieser Stelle vergeben Sie auch das Passwort zum Anmelden im Portal und wählen eine Kennwortfrage und entsprechende Antwort aus. Die Kennwortfrage wird z. B.
        beim Wechsel des Hauptansprechpartners oder der „Passwort vergessen-Funktion“ benötigt. Bewahren Sie diese daher sorgfältig an einem sicheren Ort auf.
      </p>
      <p>
        Lesen Sie sich die Datenschutzhinweise und Nutzungsbedingungen sorgfältig und aufmerksam durch und bestätigen Sie diese vor dem Absenden Ihrer Daten. Sie können uns hier auch Ihre
        Einwilligungserklärung geben und erhalten so interessante Informationen für Sie als Arbeitgeber, Seminartermine, Neuerungen z. B. rund um den Jobmaster und vieles mehr.
      </p>
      <p>
        Wenn Sie Ihre Registrierung abgeschlossen haben, erhalten Sie innerhalb weniger Minuten eine E-Mail zur Bestätigung Ihrer Registrierung. Nachdem Sie die Bestätigung durchgeführt haben,
        überprüft ein AOK-Mitarbeiter zeitnah Ihre Eingaben und gibt die Registrierung frei. Danach erhalten Sie eine E-Mail mit dem Hinweis, dass Sie ab sofort Stellenanzeigen in Ihrem Profil
        hochladen können.
      </p>
    </Layout>
  );
}

function employerSteps(current: 0 | 1): { label: string; state: StepState }[] {
  return [
    { label: 'Firmeninformationen', state: current === 0 ? 'current' : 'done' },
    { label: 'Ansprechpartner', state: current === 1 ? 'current' : 'open' },
  ];
}

function ExpiredNotice(props: { expired?: boolean }) {
  return props.expired ? (
    <Notice kind="warning">
      <p>Das Formular war abgelaufen. Bitte geben Sie Ihre Daten erneut ein.</p>
    </Notice>
  ) : (
    ''
  );
}

/** Arbeitgeber, part 1: Firmeninformationen. */
export function CompanyPage(props: { chrome: PortalChrome; csrf: string; flowId: string; values?: Values; errors?: Record<string, string>; expired?: boolean }) {
  const BASE = props.chrome.base;
  const v = props.values ?? {};
  const e = messages(props.errors ?? {});
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Registrierung als Arbeitgeber' : 'Registrierung als Arbeitgeber'} chrome={props.chrome}>
      <h1>Registrierung als Arbeitgeber</h1>
      <Stepper steps={employerSteps(0)} />
      <ExpiredNotice expired={props.expired} />
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={`${BASE}/registrierung/arbeitgeber?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <h2>Firmeninformationen</h2>
        <Field name="companyName" label={labels.companyName!} value={v.companyName} error={e.companyName} autocomplete="organization" maxlength={150} required />
        <Field name="betriebsnummer" label={labels.betriebsnummer!} value={v.betriebsnummer} error={e.betriebsnummer} inputmode="numeric" maxlength={8} hint="8 Ziffern" required />
        <div class="row">
          <Field name="street" label={labels.street!} value={v.street} error={e.street} autocomplete="address-line1" maxlength={100} required />
          <Field name="houseNumber" label={labels.houseNumber!} value={v.houseNumber} error={e.houseNumber} maxlength={10} required />
        </div>
        <div class="row">
          <Field name="postalCode" label={labels.postalCode!} value={v.postalCode} error={e.postalCode} autocomplete="postal-code" inputmode="numeric" maxlength={5} required />
          <Field name="city" label={labels.city!} value={v.city} error={e.city} autocomplete="address-level2" maxlength={100} required />
        </div>
        <SubmitActions label="Weiter" />
      </form>
    </Layout>
  );
}

/** The person, the password, the Kennwortfrage and the consents: employers' part 2 and the applicant's page. */
function PersonFields(props: { base: string; consents: Consents; values: Values; errors: Record<string, string>; withContact: boolean }) {
  const { values: v, errors: e, base: BASE } = props;
  return (
    <>
      <fieldset>
        <legend>{props.withContact ? 'Ansprechpartner' : 'Persönliche Daten'}</legend>
        <div class="row">
          <SalutationTitleSelects values={v} errors={e} titleLabel={labels.title!} withTitle={props.withContact} />
        </div>
        <Field name="firstName" label={labels.firstName!} value={v.firstName} error={e.firstName} autocomplete="given-name" maxlength={100} required />
        <Field name="lastName" label={labels.lastName!} value={v.lastName} error={e.lastName} autocomplete="family-name" maxlength={100} required />
        {props.withContact ? <Field name="phone" label={labels.phone!} type="tel" value={v.phone} error={e.phone} autocomplete="tel" maxlength={40} required /> : ''}
        <Field name="email" label={labels.email!} type="email" value={v.email} error={e.email} autocomplete="email" maxlength={254} required />
      </fieldset>
      <fieldset>
        <legend>Zugangsdaten</legend>
        <NewPasswordFields label="Passwort" error={e.password} repeatError={e.passwordRepeat} />
        <Select
          name="question"
          label={labels.question!}
          placeholder="Bitte wählen"
          options={SECURITY_QUESTIONS.map((q) => ({ value: q.code, label: q.text }))}
          value={v.question}
          error={e.question}
          required
        />
        <Field name="answer" label={labels.answer!} error={e.answer} autocomplete="off" maxlength={100} hint="Bewahren Sie die Antwort sorgfältig an einem sicheren Ort auf." required />
      </fieldset>
      <fieldset>
        <legend>Einwilligungen</legend>
        <Checkbox name="privacyAccepted" checked={v.privacyAccepted === 'ja'} error={e.privacyAccepted}>
          <>
            Ich habe die <a href={`${BASE}/${props.consents.privacy.id}`} target="_blank">Datenschutzhinweise</a> zur Kenntnis genommen.
          </>
        </Checkbox>
        <Checkbox name="termsAccepted" checked={v.termsAccepted === 'ja'} error={e.termsAccepted}>
          <>
            Ich habe die <a href={`${BASE}/${props.consents.terms.id}`} target="_blank">Nutzungsbedingungen</a> gelesen und akzeptiere sie.
          </>
        </Checkbox>
        {props.consents.marketing ? (
          <Checkbox name="marketingAccepted" checked={v.marketingAccepted === 'ja'}>
            <>
              Ich gebe die <a href={`${BASE}/${props.consents.marketing.id}`} target="_blank">Einwilligungserklärung</a> (freiwillig).
            </>
          </Checkbox>
        ) : (
          ''
        )}
      </fieldset>
    </>
  );
}

/** Arbeitgeber, part 2: Ansprechpartner, Zugangsdaten, Einwilligungen; "Zurück" keeps what was typed. */
export function ContactPage(props: { chrome: PortalChrome; csrf: string; flowId: string; consents: Consents; values?: Values; errors?: Record<string, string> }) {
  const BASE = props.chrome.base;
  const e = messages(props.errors ?? {});
  const action = `${BASE}/registrierung/arbeitgeber/ansprechpartner?flow=${encodeURIComponent(props.flowId)}`;
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Registrierung als Arbeitgeber' : 'Registrierung als Arbeitgeber'} chrome={props.chrome}>
      <h1>Registrierung als Arbeitgeber</h1>
      <Stepper steps={employerSteps(1)} />
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField token={props.csrf} />
        <PersonFields base={BASE} consents={props.consents} values={props.values ?? {}} errors={e} withContact />
        <div class="actions">
          <button type="submit" class="button button--secondary" name="aktion" value="zurueck" formnovalidate>
            Zurück
          </button>
          <button type="submit" class="button" name="aktion" value="absenden">
            Registrieren
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Bewerber: one page. */
export function ApplicantPage(props: { chrome: PortalChrome; csrf: string; flowId: string; consents: Consents; values?: Values; errors?: Record<string, string>; expired?: boolean }) {
  const BASE = props.chrome.base;
  const e = messages(props.errors ?? {});
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Registrierung als Bewerber' : 'Registrierung als Bewerber'} chrome={props.chrome}>
      <h1>Registrierung als Bewerber</h1>
      <ExpiredNotice expired={props.expired} />
      <ErrorSummary errors={e} labels={labels} />
      <form method="post" action={`${BASE}/registrierung/bewerber?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <PersonFields base={BASE} consents={props.consents} values={props.values ?? {}} errors={e} withContact={false} />
        <SubmitActions label="Registrieren" />
      </form>
    </Layout>
  );
}

/** The address field of "Bestätigungsmail nicht erhalten?". */
export function ResendForm(props: { base: string; csrf: string; email?: string; error?: string }) {
  return (
    <form method="post" action={`${props.base}/bestaetigungsmail`} novalidate>
      <CsrfField token={props.csrf} />
      <Field name="email" label="E-Mail" type="email" value={props.email} error={props.error} autocomplete="email" maxlength={254} required />
      <div class="actions">
        <button type="submit" class="button">
          Bestätigungsmail senden
        </button>
      </div>
    </form>
  );
}

/** After the submit: "Fast geschafft". */
export function AlmostDonePage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Fast geschafft" chrome={props.chrome}>
      <h1>Fast geschafft</h1>
      <p>Sie erhalten innerhalb weniger Minuten eine E-Mail zur Bestätigung Ihrer Registrierung.</p>
      <p>
        <a href={`${props.chrome.base}/bestaetigungsmail`}>Bestätigungsmail nicht erhalten?</a>
      </p>
    </Layout>
  );
}

export function ResendPage(props: { chrome: PortalChrome; csrf: string; email?: string; error?: string; sent?: boolean }) {
  return (
    <Layout title={props.error ? 'Fehler: Bestätigungsmail nicht erhalten?' : 'Bestätigungsmail nicht erhalten?'} chrome={props.chrome}>
      <h1>Bestätigungsmail nicht erhalten?</h1>
      {props.sent ? (
        <Notice kind="success">
          <p>Wenn zu dieser Adresse eine Registrierung auf ihre Bestätigung wartet, erhalten Sie innerhalb weniger Minuten eine neue E-Mail. Ältere Bestätigungslinks gelten dann nicht mehr.</p>
        </Notice>
      ) : (
        <p>Geben Sie die E-Mail-Adresse Ihrer Registrierung ein. Wir senden Ihnen einen neuen Link zur Bestätigung.</p>
      )}
      <ResendForm base={props.chrome.base} csrf={props.csrf} email={props.email} error={props.error} />
    </Layout>
  );
}

/** The confirmation link's outcome: an applicant may sign in, an employer waits for the release. */
export function ConfirmedPage(props: { chrome: PortalChrome; role: 'employer' | 'applicant' }) {
  return (
    <Layout title="Registrierung bestätigt" chrome={props.chrome}>
      <h1>Registrierung bestätigt</h1>
      {props.role === 'employer' ? (
        <p>Vielen Dank. Ein AOK-Mitarbeiter überprüft zeitnah Ihre Eingaben und gibt die Registrierung frei. Danach erhalten Sie eine E-Mail.</p>
      ) : (
        <>
          <p>Ihre Registrierung ist abgeschlossen. Sie können sich jetzt anmelden.</p>
          <ButtonLink href={`${props.chrome.base}/login`} label="Zum Login" />
        </>
      )}
    </Layout>
  );
}

/** A used, expired or unknown confirmation link. */
export function LinkProblemPage(props: { chrome: PortalChrome; csrf: string; code: ErrorCode }) {
  const used = props.code === 'token.used';
  return (
    <LinkProblemLayout chrome={props.chrome} code={props.code}>
      {used ? (
        <p>
          Haben Sie Ihre Registrierung mit diesem Link bereits bestätigt, können Sie sich anmelden: <a href={`${props.chrome.base}/login`}>Zum Login</a>. Haben Sie inzwischen eine neue
          Bestätigungsmail angefordert, gilt nur der Link aus der neuesten E-Mail.
        </p>
      ) : (
        <>
          <p>Bitte verwenden Sie den Link aus der neuesten E-Mail oder fordern Sie hier eine neue Bestätigungsmail an.</p>
          <ResendForm base={props.chrome.base} csrf={props.csrf} />
        </>
      )}
    </LinkProblemLayout>
  );
}
