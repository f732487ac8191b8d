import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, formatDateTime } from '../../../platform/ui/components.tsx';
import { t } from '../../../platform/i18n/de.ts';
import { BASE } from '../chrome.ts';

/** Manual 001 step 2: "Login — Bitte melden Sie sich an." */
export function LoginPage(props: { chrome: PortalChrome; csrf: string; flowId: string; email?: string; error?: string; notice?: string }) {
  const fieldErrors: Record<string, string> = props.error === 'login.invalid' ? { email: t(props.error) } : {};
  return (
    <Layout title={props.error ? 'Fehler: Login' : 'Login'} chrome={props.chrome}>
      <h1>Login</h1>
      <p>Bitte melden Sie sich an.</p>
      {props.notice ? (
        <Notice kind="warning">
          <p safe>{t(props.notice)}</p>
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
        <Field name="email" label="Benutzername/E-Mail-Adresse" type="email" value={props.email} error={fieldErrors.email} autocomplete="username" maxlength={254} required />
        <Field name="password" label="Passwort" type="password" autocomplete="current-password" required />
        <p>
          <a href={`${BASE}/passwort-vergessen`}>Passwort vergessen?</a>
        </p>
        <div class="actions">
          <button type="submit" class="button">
            Login
          </button>
        </div>
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
        <div class="actions">
          <button type="submit" class="button">
            Weiter
          </button>
        </div>
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

/** Manual 001 step 6: the dashboard. */
export function DashboardPage(props: {
  chrome: PortalChrome;
  csrf: string;
  name: string;
  email: string;
  insurer: string;
  betriebsnummer: string;
  lastLogin: Date | null;
  unread: number;
  isAdmin: boolean;
}) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <div class="dashboard-head">
        <h1 safe>{`Startseite von ${props.chrome.name}`}</h1>
        <form method="post" action={`${BASE}/abmelden`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="button button--secondary">
            Abmelden
          </button>
        </form>
      </div>
      <p>
        Willkommen, <strong safe>{props.name}</strong>.
      </p>
      <section class="card" aria-labelledby="postbox-title">
        <h2 id="postbox-title">Nachrichten und Briefe im Postfach</h2>
        <p>{props.unread === 0 ? 'Keine ungelesenen Nachrichten.' : props.unread === 1 ? '1 ungelesene Nachricht.' : `${props.unread} ungelesene Nachrichten.`}</p>
        <a class="button" href={`${BASE}/postfach`}>
          Zum Postfach
        </a>
      </section>
      {props.isAdmin ? (
        <section class="card" aria-labelledby="users-title">
          <h2 id="users-title">Nutzerverwaltung</h2>
          <p>Laden Sie weitere Mitarbeiterinnen und Mitarbeiter Ihres Unternehmens ein und verwalten Sie deren Zugänge.</p>
          <a class="button button--secondary" href={`${BASE}/nutzer`}>
            Nutzer verwalten
          </a>
        </section>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="account-title">
        <h2 id="account-title">Ihr Zugang</h2>
        <dl class="meta">
          <dt>E-Mail-Adresse</dt>
          <dd safe>{props.email}</dd>
          <dt>Betriebsnummer</dt>
          <dd safe>{props.betriebsnummer}</dd>
          <dt>Ihre AOK</dt>
          <dd safe>{props.insurer}</dd>
          <dt>Letzte Anmeldung</dt>
          <dd>{props.lastLogin ? formatDateTime(props.lastLogin) : 'Dies ist Ihre erste Anmeldung.'}</dd>
        </dl>
      </section>
    </Layout>
  );
}
