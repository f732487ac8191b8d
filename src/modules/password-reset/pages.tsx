import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, NewPasswordFields, Notice } from '../../core/ui/components.tsx';
import { ForgotPasswordForm } from '../../core/ui/forgot-password-form.tsx';
import { t } from '../../core/i18n/de.ts';
import { ButtonLink, SubmitActions } from '../../core/ui/post-button.tsx';

export function ForgotPasswordPage(props: { chrome: PortalChrome; csrf: string; email?: string; error?: string; sent?: boolean }) {
  const BASE = props.chrome.base;
  return (
    <Layout title={props.error ? 'Fehler: Passwort vergessen' : 'Passwort vergessen'} chrome={props.chrome}>
      <h1>Passwort vergessen?</h1>
      {props.sent ? (
        <Notice kind="success" title="E-Mail unterwegs">
          <p>
            Falls zu dieser E-Mail-Adresse ein Zugang besteht, haben wir Ihnen einen Link zum Zurücksetzen Ihres Passworts gesendet.
            Der Link ist eine Stunde gültig und kann einmal verwendet werden.
          </p>
        </Notice>
      ) : (
        <p>Geben Sie die E-Mail-Adresse Ihres Zugangs ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort vergeben können.</p>
      )}
      <ForgotPasswordForm base={BASE} csrf={props.csrf} label="E-Mail-Adresse" submit="Link anfordern" email={props.email} error={props.error ? t(props.error) : undefined} />
      <p>
        <a href={`${BASE}/login`}>Zurück zum Login</a>
      </p>
    </Layout>
  );
}

export function NewPasswordPage(props: { chrome: PortalChrome; csrf: string; flowId: string; errors?: Record<string, string> }) {
  const BASE = props.chrome.base;
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Neues Passwort' : 'Neues Passwort'} chrome={props.chrome}>
      <h1>Neues Passwort vergeben</h1>
      <ErrorSummary errors={e} labels={{ password: 'Neues Passwort', passwordRepeat: 'Neues Passwort wiederholen' }} />
      <form method="post" action={`${BASE}/passwort-zuruecksetzen?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <NewPasswordFields label="Neues Passwort" error={e.password} repeatError={e.passwordRepeat} />
        <SubmitActions label="Weiter" />
      </form>
    </Layout>
  );
}

export function PasswordChangedPage(props: { chrome: PortalChrome }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Passwort geändert" chrome={props.chrome}>
      <h1>Passwort geändert</h1>
      <Notice kind="success">
        <p>Ihr Passwort wurde geändert. Aus Sicherheitsgründen wurden alle bestehenden Anmeldungen beendet.</p>
      </Notice>
      <ButtonLink href={`${BASE}/login`} label="Zum Login" />
    </Layout>
  );
}
