import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { NoticePage } from '../../core/ui/notice-page.tsx';
import { ForgotPasswordForm } from '../../core/ui/forgot-password-form.tsx';
import { CsrfField, ErrorSummary, Field, LoginFields, NewPasswordFields, Notice } from '../../core/ui/components.tsx';
import { PostButton, SubmitActions } from '../../core/ui/post-button.tsx';
import { Table } from '../../core/ui/table.tsx';
import { t } from '../../core/i18n/de.ts';

const BERLIN = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "07.02.2024 um 11:59 Uhr", in Berlin's time. */
export function formatAccess(date: Date): string {
  const part = (type: string) => BERLIN.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} um ${part('hour')}:${part('minute')} Uhr`;
}

/** The header of the signed-in pages: the portal's own with "Konto" in place of "Login", and "Stellenverwaltung" first for employers. */
export function signedInChrome(chrome: PortalChrome, role: string): PortalChrome {
  const base = chrome.base;
  const links = (chrome.headerLinks ?? []).map((link) => (link.href === `${base}/login` ? { href: `${base}/konto`, label: 'Konto' } : link));
  return { ...chrome, headerLinks: role === 'employer' ? [{ href: `${base}/stellenverwaltung`, label: 'Stellenverwaltung' }, ...links] : links };
}

/** Manual 004 "Login". */
export function JobmasterLoginPage(props: { chrome: PortalChrome; csrf: string; flowId: string; email?: string; error?: string; notice?: string; back?: string }) {
  const BASE = props.chrome.base;
  const fieldErrors: Record<string, string> = props.error === 'login.invalid' ? { email: t(props.error) } : {};
  const general = props.error && props.error !== 'login.invalid' ? props.error : undefined;
  return (
    <Layout title={props.error ? 'Fehler: Login' : 'Login'} chrome={props.chrome}>
      <h1>Login</h1>
      {props.notice ? (
        <Notice kind="warning">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {general ? (
        <Notice kind="error">
          <p safe>{t(general)}</p>
          {general === 'login.email_unconfirmed' ? (
            <p>
              <a href={`${BASE}/bestaetigungsmail`}>Bestätigungsmail nicht erhalten?</a>
            </p>
          ) : (
            ''
          )}
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={fieldErrors} labels={{ email: 'E-Mail' }} />
      <form method="post" action={`${BASE}/login?flow=${encodeURIComponent(props.flowId)}${props.back ? `&zurueck=${encodeURIComponent(props.back)}` : ''}`} novalidate>
        <CsrfField token={props.csrf} />
        <LoginFields label="E-Mail" email={props.email} error={fieldErrors.email} />
        <p>
          <a href={`${BASE}/passwort-vergessen`}>Passwort vergessen?</a>
        </p>
        <p>
          <a href={`${BASE}/bestaetigungsmail`}>Bestätigungsmail nicht erhalten?</a>
        </p>
        <SubmitActions label="Login" />
      </form>
      <p>Noch nicht registriert?</p>
      <p>
        <a href={`${BASE}/registrierung`}>Jetzt registrieren →</a>
      </p>
    </Layout>
  );
}

/** Manual 004 "Mein Konto". */
export function AccountPage(props: { chrome: PortalChrome; csrf: string; previousLogin: Date | null; links?: { href: string; label: string }[] }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Mein Konto" chrome={props.chrome}>
      <h1>Mein Konto</h1>
      <p safe>{props.previousLogin ? `Letzter Zugriff: ${formatAccess(props.previousLogin)}` : 'Dies ist Ihr erster Zugriff.'}</p>
      <ul class="link-list">
        <li>
          <PostButton action={`${BASE}/abmelden`} csrf={props.csrf} button="button button--link" inline>
            Ausloggen
          </PostButton>
        </li>
        <li>
          <a href={`${BASE}/konto/daten`}>Persönliche Daten</a>
        </li>
        <li>
          <a href={`${BASE}/konto/loginverlauf`}>Loginverlauf</a>
        </li>
        {(props.links ?? []).map(({ href, label }) => (
          <li>
            <a href={href} safe>{label}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface PersonalData {
  salutation: string;
  title: string | null;
  first_name: string;
  last_name: string;
  email: string;
  role: string;
  company_name: string | null;
  betriebsnummer: string | null;
}

/** "Persönliche Daten", read only for now. */
export function PersonalDataPage(props: { chrome: PortalChrome; data: PersonalData }) {
  const d = props.data;
  const rows: [string, string][] = [
    ['Anrede', d.salutation],
    ['Name', [d.title, d.first_name, d.last_name].filter(Boolean).join(' ')],
    ['E-Mail', d.email],
    ...(d.role === 'employer' ? ([['Firmenname', d.company_name ?? ''], ['Betriebsnummer', d.betriebsnummer ?? '']] as [string, string][]) : []),
  ];
  return (
    <Layout title="Persönliche Daten" chrome={props.chrome}>
      <h1>Persönliche Daten</h1>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <>
            <dt safe>{label}</dt>
            <dd safe>{value}</dd>
          </>
        ))}
      </dl>
      <ul class="link-list">
        <li>
          <a href={`${props.chrome.base}/konto/passwort`}>Passwort ändern</a>
        </li>
        <li>
          <a href={`${props.chrome.base}/konto/email`}>E-Mail Adresse ändern</a>
        </li>
        <li>
          <a href={`${props.chrome.base}/konto/einwilligungen`}>Einwilligungen ändern</a>
        </li>
        {d.role === 'employer' ? (
          <li>
            <a href={`${props.chrome.base}/konto/hauptansprechpartner`}>Hauptansprechpartner wechseln</a>
          </li>
        ) : (
          ''
        )}
        <li>
          <a href={`${props.chrome.base}/konto/loeschen`}>Profil löschen</a>
        </li>
      </ul>
      <p>
        <a href={`${props.chrome.base}/konto`}>Zurück zu Mein Konto</a>
      </p>
    </Layout>
  );
}

/** "Loginverlauf": the last attempts, and "Das war ich nicht". */
export function HistoryPage(props: { chrome: PortalChrome; csrf: string; rows: { at: Date; ip: string | null; user_agent: string | null; success: boolean }[] }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Loginverlauf" chrome={props.chrome}>
      <h1>Loginverlauf</h1>
      {props.rows.length ? (
        <Table heads={['Zeitpunkt', 'IP-Adresse', 'Browser', 'Ergebnis']} scroll>
          {props.rows.map((r) => (
            <tr>
              <td safe>{formatAccess(new Date(r.at))}</td>
              <td safe>{r.ip ?? '–'}</td>
              <td safe>{r.user_agent ?? '–'}</td>
              <td>{r.success ? 'Erfolgreich' : 'Fehlgeschlagen'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Es sind noch keine Anmeldungen verzeichnet.</p>
      )}
      <p>Sie erkennen eine Anmeldung nicht? Dann beenden wir alle Sitzungen Ihres Kontos auf allen Geräten und senden Ihnen eine E-Mail, mit der Sie ein neues Passwort vergeben.</p>
      <PostButton action={`${BASE}/konto/loginverlauf/nicht-ich`} csrf={props.csrf} actions>
        Das war ich nicht
      </PostButton>
      <p>
        <a href={`${BASE}/konto`}>Zurück zu Mein Konto</a>
      </p>
    </Layout>
  );
}

export function NotMeDonePage(props: { chrome: PortalChrome }) {
  return (
    <Layout title="Alle Sitzungen beendet" chrome={props.chrome}>
      <h1>Alle Sitzungen beendet</h1>
      <Notice kind="success">
        <p>Alle Sitzungen Ihres Kontos wurden beendet, auf allen Geräten. Wir haben Ihnen eine E-Mail gesendet, mit der Sie innerhalb einer Stunde ein neues Passwort vergeben.</p>
      </Notice>
      <p>
        <a href={`${props.chrome.base}/`}>Zur Startseite</a>
      </p>
    </Layout>
  );
}

/** "Passwort vergessen?": the address, and always the same answer. */
export function ForgotPage(props: { chrome: PortalChrome; csrf: string; email?: string; error?: string; sent?: boolean }) {
  const BASE = props.chrome.base;
  return (
    <Layout title={props.error ? 'Fehler: Passwort vergessen' : 'Passwort vergessen'} chrome={props.chrome}>
      <h1>Passwort vergessen</h1>
      {props.sent ? (
        <Notice kind="success">
          <p safe>{`Wenn zu ${props.email ?? ''} ein Konto besteht, erhalten Sie in wenigen Minuten eine E-Mail mit einem Link, der eine Stunde gültig ist.`}</p>
        </Notice>
      ) : (
        <>
          <p>Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten eine E-Mail mit einem Link; danach beantworten Sie Ihre Kennwortfrage und vergeben ein neues Passwort.</p>
          <ForgotPasswordForm base={BASE} csrf={props.csrf} label="E-Mail" submit="Absenden" email={props.email} error={props.error ? t(props.error) : undefined} />
        </>
      )}
      <p>
        <a href={`${BASE}/login`}>Zum Login</a>
      </p>
    </Layout>
  );
}

const RESET_LABELS = { answer: 'Antwort', password: 'Neues Passwort', passwordRepeat: 'Neues Passwort wiederholen' };

/** The reset link's page: the Kennwortfrage and the new password twice. */
export function ResetPage(props: { chrome: PortalChrome; csrf: string; token: string; question: string; errors?: Record<string, string> }) {
  const errors = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, code]) => [k, t(code)]));
  return (
    <Layout title={props.errors ? 'Fehler: Neues Passwort vergeben' : 'Neues Passwort vergeben'} chrome={props.chrome}>
      <h1>Neues Passwort vergeben</h1>
      <ErrorSummary errors={errors} labels={RESET_LABELS} />
      <form method="post" action={`${props.chrome.base}/passwort-zuruecksetzen?token=${encodeURIComponent(props.token)}`} novalidate>
        <CsrfField token={props.csrf} />
        <p>
          <strong>Kennwortfrage:</strong> <span safe>{props.question}</span>
        </p>
        <Field name="answer" label="Antwort" error={errors.answer} autocomplete="off" maxlength={100} required />
        <NewPasswordFields label="Neues Passwort" error={errors.password} repeatError={errors.passwordRepeat} />
        <SubmitActions label="Passwort ändern" />
      </form>
    </Layout>
  );
}

export function ResetDonePage(props: { chrome: PortalChrome }) {
  const link = { href: `${props.chrome.base}/login`, label: 'Zum Login' };
  return <NoticePage chrome={props.chrome} heading="Passwort geändert" kind="success" message="Ihr Passwort wurde geändert." link={link} />;
}

/** A reset that cannot go on: the link is used, expired or unknown, or the answers are used up. */
export function ResetProblemPage(props: { chrome: PortalChrome; code: string }) {
  const link = { href: `${props.chrome.base}/passwort-vergessen`, label: 'Neuen Link anfordern' };
  return <NoticePage chrome={props.chrome} heading="Passwort vergessen" kind="error" message={t(props.code)} link={link} />;
}
