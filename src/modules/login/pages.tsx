import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, LoginFields, Notice, formatDateTime } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { PostButton, SubmitActions } from '../../core/ui/post-button.tsx';

/** Manual 001 step 2: "Login — Bitte melden Sie sich an." */
export function LoginPage(props: { chrome: PortalChrome; csrf: string; flowId: string; email?: string; error?: string; notice?: string }) {
  const BASE = props.chrome.base;
  const fieldErrors: Record<string, string> = props.error === 'login.invalid' ? { email: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: Login' : 'Login'} chrome={props.chrome}>
      <h1>Login</h1>
      <p>Bitte melden Sie sich an.</p>
      {props.notice ? (
        <Notice kind="warning">
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.error && props.error !== 'login.invalid' ? (
        <Notice kind="error">
          <p safe>{t(props.error)}</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={fieldErrors} labels={{ email: 'Benutzername/E-Mail-Adresse' }} />
      <form method="post" action={`${BASE}/login?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <LoginFields label="Benutzername/E-Mail-Adresse" email={props.email} error={fieldErrors.email} />
        <p>
          <a href={`${BASE}/passwort-vergessen`}>Passwort vergessen?</a>
        </p>
        <SubmitActions label="Login" />
      </form>
      <p>
        Noch nicht registriert? <a href={`${BASE}/registrierung`}>Registrieren</a>
      </p>
    </Layout>
  );
}

/** Manual 001 step 3: "Eingabe Sicherheitscode". */
export function SecurityCodePage(props: {
  chrome: PortalChrome;
  brand: string;
  csrf: string;
  flowId: string;
  error?: string;
  attemptsLeft?: string;
  /** where the code is posted; the login's own step by default */
  action?: string;
}) {
  const BASE = props.chrome.base;
  const message = props.error ? `${t(props.error)}${props.attemptsLeft ? ` Verbleibende Versuche: ${props.attemptsLeft}.` : ''}` : undefined;
  return (
    <Layout title={message ? 'Fehler: Eingabe Sicherheitscode' : 'Eingabe Sicherheitscode'} chrome={props.chrome}>
      <h1>Eingabe Sicherheitscode</h1>
      <p>
        Wir haben Ihnen den zur Fortsetzung des Prozesses benötigten Sicherheitscode in Ihre {props.brand} 2-Faktor App gesendet.
        Geben Sie diesen hier ein und klicken Sie anschließend auf "Weiter".
      </p>
      <ErrorSummary errors={message ? { code: message } : {}} labels={{ code: 'Sicherheitscode' }} />
      <form method="post" action={`${props.action ?? `${BASE}/login/sicherheitscode`}?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="code" label="Sicherheitscode" error={message} inputmode="numeric" autocomplete="one-time-code" maxlength={7} required />
        <SubmitActions label="Weiter" />
      </form>
      <p>
        <a href={`${BASE}/geraet-zuruecksetzen?flow=${encodeURIComponent(props.flowId)}`}>
          Keinen Zugriff auf Authentifikations-Gerät ({props.brand} 2-Faktor App)?
        </a>{' '}
        →
      </p>
    </Layout>
  );
}

/** Manual 001 step 6: "Startseite von Mein … – Dashboard" with "Abmelden", the same in every portal. */
export function DashboardHead(props: { chrome: PortalChrome; csrf: string }) {
  const BASE = props.chrome.base;
  return (
    <div class="dashboard-head">
      <h1 safe>{`Startseite von ${props.chrome.name}`}</h1>
      <PostButton action={`${BASE}/abmelden`} csrf={props.csrf} button="button button--secondary">
        Abmelden
      </PostButton>
    </div>
  );
}

/** "Ihr Zugang" on the dashboard: the address, the company's number(s), the insurer and the last login. */
export function AccountCard(props: { email: string; identifier: { label: string; value: string }; brand: string; insurer: string; lastLogin: Date | null }) {
  return (
    <section class="card" aria-labelledby="account-title">
      <h2 id="account-title">Ihr Zugang</h2>
      <dl class="meta">
        <dt>E-Mail-Adresse</dt>
        <dd safe>{props.email}</dd>
        <dt safe>{props.identifier.label}</dt>
        <dd safe>{props.identifier.value}</dd>
        <dt>Ihre {props.brand}</dt>
        <dd safe>{props.insurer}</dd>
        <dt>Letzte Anmeldung</dt>
        <dd>{props.lastLogin ? formatDateTime(props.lastLogin) : 'Dies ist Ihre erste Anmeldung.'}</dd>
      </dl>
    </section>
  );
}
