import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, NewPasswordFields, Notice, Select } from '../../core/ui/components.tsx';
import { SubmitActions } from '../../core/ui/post-button.tsx';
import { SECURITY_QUESTIONS } from '../../core/passwords/security-question.ts';
import { SalutationTitleSelects } from '../registration/pages/person-fields.tsx';
import { t } from '../../core/i18n/de.ts';
import { formatAccess } from '../jobmaster-login/pages.tsx';

type Errors = Record<string, string>;
const texts = (errors?: Errors) => Object.fromEntries(Object.entries(errors ?? {}).map(([k, code]) => [k, t(code)]));

const LABELS: Record<string, string> = {
  currentPassword: 'Aktuelles Passwort',
  password: 'Passwort',
  passwordRepeat: 'Neues Passwort wiederholen',
  email: 'E-Mail',
  answer: 'Antwort',
  contactId: 'Neuer Hauptansprechpartner',
  salutation: 'Anrede',
  title: 'Titel',
  firstName: 'Vorname',
  lastName: 'Nachname',
  phone: 'Telefon',
  question: 'Kennwortfrage',
  confirm: 'Bestätigung',
};

function Frame(props: { chrome: PortalChrome; title: string; errors?: Errors; children: Html.Children }) {
  return (
    <Layout title={props.errors && Object.keys(props.errors).length ? `Fehler: ${props.title}` : props.title} chrome={props.chrome}>
      <h1 safe>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

const back = (base: string) => (
  <p>
    <a href={`${base}/konto`}>Zurück zu Mein Konto</a>
  </p>
);

/** Manual 004 "Passwort ändern". */
export function PasswordPage(props: { chrome: PortalChrome; csrf: string; errors?: Errors; notice?: string }) {
  const e = texts(props.errors);
  return (
    <Frame chrome={props.chrome} title="Passwort ändern" errors={props.errors}>
      {props.notice ? <Notice kind="error"><p safe>{props.notice}</p></Notice> : ''}
      <ErrorSummary errors={e} labels={{ ...LABELS, password: 'Neues Passwort' }} />
      <form method="post" action={`${props.chrome.base}/konto/passwort`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="currentPassword" label="Aktuelles Passwort" type="password" error={e.currentPassword} autocomplete="current-password" required />
        <NewPasswordFields label="Neues Passwort" error={e.password} repeatError={e.passwordRepeat} />
        <SubmitActions label="Passwort ändern" />
      </form>
      {back(props.chrome.base)}
    </Frame>
  );
}

/** Manual 004 "E-Mail Adresse ändern". */
export function EmailPage(props: { chrome: PortalChrome; csrf: string; current: string; email?: string; errors?: Errors; notice?: string; sent?: string }) {
  const e = texts(props.errors);
  return (
    <Frame chrome={props.chrome} title="E-Mail Adresse ändern" errors={props.errors}>
      {props.sent ? (
        <Notice kind="success">
          <p safe>{`Wir haben einen Link an ${props.sent} gesendet. Erst wenn Sie ihn innerhalb von 24 Stunden öffnen und bestätigen, gilt die neue E-Mail-Adresse.`}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.notice ? <Notice kind="error"><p safe>{props.notice}</p></Notice> : ''}
      <p safe>{`Ihre E-Mail-Adresse: ${props.current}`}</p>
      <ErrorSummary errors={e} labels={{ ...LABELS, email: 'Neue E-Mail-Adresse' }} />
      <form method="post" action={`${props.chrome.base}/konto/email`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="email" label="Neue E-Mail-Adresse" type="email" value={props.email} error={e.email} autocomplete="email" maxlength={254} required />
        <Field name="currentPassword" label="Aktuelles Passwort" type="password" error={e.currentPassword} autocomplete="current-password" required />
        <SubmitActions label="E-Mail Adresse ändern" />
      </form>
      {back(props.chrome.base)}
    </Frame>
  );
}

/** The link from the new mailbox: one button confirms it (a mail scanner's GET changes nothing). */
export function EmailConfirmPage(props: { chrome: PortalChrome; csrf: string; token: string; email: string }) {
  return (
    <Frame chrome={props.chrome} title="Neue E-Mail-Adresse bestätigen">
      <p safe>{`Die E-Mail-Adresse Ihres Kontos im Jobmaster wird ${props.email}.`}</p>
      <form method="post" action={`${props.chrome.base}/konto/email/bestaetigen?token=${encodeURIComponent(props.token)}`} novalidate>
        <CsrfField token={props.csrf} />
        <SubmitActions label="E-Mail-Adresse bestätigen" />
      </form>
    </Frame>
  );
}

export interface ConsentView {
  title: string;
  version: string;
  href: string;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  acceptedVersion: string | null;
}

/** Manual 004 "Einwilligungen ändern": the required consents as accepted, the Einwilligungserklärung to give or revoke. */
export function ConsentsPage(props: { chrome: PortalChrome; csrf: string; required: ConsentView[]; marketing: ConsentView; saved?: boolean }) {
  const m = props.marketing;
  const given = !!m.acceptedAt && !m.revokedAt;
  return (
    <Frame chrome={props.chrome} title="Einwilligungen ändern">
      {props.saved ? <Notice kind="success"><p>Ihre Auswahl wurde gespeichert.</p></Notice> : ''}
      <h2>Zugestimmt bei der Registrierung</h2>
      <ul>
        {props.required.map((c) => (
          <li>
            <a href={c.href} safe>
              {c.title}
            </a>
            <span safe>{` (Version ${c.acceptedVersion ?? c.version}): ${c.acceptedAt ? `akzeptiert am ${formatAccess(c.acceptedAt)}` : 'nicht verzeichnet'}`}</span>
          </li>
        ))}
      </ul>
      <h2>Einwilligungserklärung (freiwillig)</h2>
      <p>
        <a href={m.href} safe>
          {`${m.title} (Version ${m.version})`}
        </a>
      </p>
      <p safe>
        {given
          ? `Erteilt am ${formatAccess(m.acceptedAt!)} (Version ${m.acceptedVersion ?? m.version}).`
          : m.revokedAt
            ? `Widerrufen am ${formatAccess(m.revokedAt)}.`
            : 'Nicht erteilt.'}
      </p>
      <form method="post" action={`${props.chrome.base}/konto/einwilligungen`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="marketing" value={given ? 'widerrufen' : 'erteilen'} />
        <SubmitActions label={given ? 'Einwilligung widerrufen' : 'Einwilligung erteilen'} />
      </form>
      {back(props.chrome.base)}
    </Frame>
  );
}

export interface ContactOption {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string;
  email: string;
}

const HANDOVER_WARNING =
  'Sollte sich der Hauptansprechpartner für Jobmaster in Ihrem Unternehmen ändern, ist es unbedingt erforderlich den Wechsel im Portal vorzunehmen. Der Login bezieht sich auf die Person, die sich registriert hat. Inklusive der Sicherheitsabfrage.';

/** Manual 004 "Hauptansprechpartner wechseln" (employers). */
export function HandoverPage(props: { chrome: PortalChrome; csrf: string; question: string; contacts: ContactOption[]; values?: Record<string, string>; errors?: Errors; notice?: string; sent?: string }) {
  const e = texts(props.errors);
  const v = props.values ?? {};
  return (
    <Frame chrome={props.chrome} title="Hauptansprechpartner wechseln" errors={props.errors}>
      <Notice kind="warning">
        <p>{HANDOVER_WARNING}</p>
      </Notice>
      {props.sent ? (
        <Notice kind="success">
          <p safe>{`Wir haben ${props.sent} einen Link gesendet (72 Stunden gültig). Erst wenn dort Passwort und Kennwortfrage vergeben sind, geht der Login über. Bis dahin bleibt alles unverändert.`}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.notice ? <Notice kind="error"><p safe>{props.notice}</p></Notice> : ''}
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={`${props.chrome.base}/konto/hauptansprechpartner`} novalidate>
        <CsrfField token={props.csrf} />
        <p>
          <strong>Kennwortfrage:</strong> <span safe>{props.question}</span>
        </p>
        <Field name="answer" label="Antwort" error={e.answer} autocomplete="off" maxlength={100} required />
        <Select
          name="contactId"
          label="Neuer Hauptansprechpartner"
          placeholder="Bitte wählen"
          options={[
            ...props.contacts.map((c) => ({ value: c.id, label: `${[c.title, c.first_name, c.last_name].filter(Boolean).join(' ')} (${c.email})` })),
            { value: 'neu', label: 'Neue Person eingeben' },
          ]}
          value={v.contactId}
          error={e.contactId}
          required
        />
        <fieldset>
          <legend>Neue Person</legend>
          <SalutationTitleSelects values={v} errors={e} titleLabel="Titel" required={false} />
          <Field name="firstName" label="Vorname" value={v.firstName} error={e.firstName} maxlength={100} autocomplete="off" />
          <Field name="lastName" label="Nachname" value={v.lastName} error={e.lastName} maxlength={100} autocomplete="off" />
          <Field name="phone" label="Telefon" type="tel" value={v.phone} error={e.phone} maxlength={40} autocomplete="off" />
          <Field name="email" label="E-Mail" type="email" value={v.email} error={e.email} maxlength={254} autocomplete="off" />
        </fieldset>
        <SubmitActions label="Hauptansprechpartner wechseln" />
      </form>
      {back(props.chrome.base)}
    </Frame>
  );
}

/** The new main contact's link: their password and their own Kennwortfrage. */
export function HandoverAcceptPage(props: { chrome: PortalChrome; csrf: string; token: string; name: string; email: string; values?: Record<string, string>; errors?: Errors }) {
  const e = texts(props.errors);
  return (
    <Frame chrome={props.chrome} title="Login übernehmen" errors={props.errors}>
      <p safe>{`${props.name}, Sie übernehmen den Login des Unternehmens im Jobmaster. Ihr Login ist künftig ${props.email}.`}</p>
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={`${props.chrome.base}/hauptansprechpartner?token=${encodeURIComponent(props.token)}`} novalidate>
        <CsrfField token={props.csrf} />
        <NewPasswordFields label="Passwort" error={e.password} repeatError={e.passwordRepeat} />
        <Select
          name="question"
          label="Kennwortfrage"
          placeholder="Bitte wählen"
          options={SECURITY_QUESTIONS.map((q) => ({ value: q.code, label: q.text }))}
          value={props.values?.question}
          error={e.question}
          required
        />
        <Field name="answer" label="Antwort" error={e.answer} autocomplete="off" maxlength={100} required />
        <SubmitActions label="Login übernehmen" />
      </form>
    </Frame>
  );
}

/** Manual 004 "Profil löschen". */
export function DeletePage(props: { chrome: PortalChrome; csrf: string; employer: boolean; errors?: Errors; notice?: string }) {
  const e = texts(props.errors);
  return (
    <Frame chrome={props.chrome} title="Profil löschen" errors={props.errors}>
      <p>
        {props.employer
          ? 'Wenn Sie Ihr Profil löschen, löschen wir Ihr Konto, die Unternehmensdaten, alle Ansprechpartner, das Firmenlogo und alle Stellenanzeigen. Das kann nicht rückgängig gemacht werden.'
          : 'Wenn Sie Ihr Profil löschen, löschen wir Ihr Konto und Ihre Merkliste. Das kann nicht rückgängig gemacht werden.'}
      </p>
      {props.notice ? <Notice kind="error"><p safe>{props.notice}</p></Notice> : ''}
      <ErrorSummary errors={e} labels={LABELS} />
      <form method="post" action={`${props.chrome.base}/konto/loeschen`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="password" label="Passwort" type="password" error={e.password} autocomplete="current-password" required />
        <Checkbox name="confirm" error={e.confirm}>
          Ich möchte mein Profil und alle Stellenanzeigen endgültig löschen.
        </Checkbox>
        <SubmitActions label="Profil löschen" />
      </form>
      {back(props.chrome.base)}
    </Frame>
  );
}
