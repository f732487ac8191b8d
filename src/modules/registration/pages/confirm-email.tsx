import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { NoticePage } from '../../../core/ui/notice-page.tsx';
import { ButtonLink } from '../../../core/ui/post-button.tsx';
import { CsrfField, Field, Notice, Stepper } from '../../../core/ui/components.tsx';
import { t } from '../../../core/i18n/de.ts';
import { wizard } from './progress.ts';
import type { ErrorCode } from '../../../core/errors/app-error.ts';

/** After "Weiter": the same page whether the address was new or already known. */
export function ConfirmEmailNoticePage(props: { chrome: PortalChrome; csrf: string; email: string; resent?: boolean; error?: string }) {
  return (
    <Layout title="E-Mail-Adresse bestätigen" chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(0, props.chrome.registration?.steps)} />
      <h2>Bitte bestätigen Sie Ihre E-Mail-Adresse</h2>
      <Notice kind="success" title="Vielen Dank für Ihre Registrierung.">
        <p>
          Wir haben Ihnen eine E-Mail an <strong safe>{props.email}</strong> gesendet. Bitte öffnen Sie die E-Mail in Ihrem
          E-Mail-Postfach und bestätigen Sie – durch Klick auf den Button – Ihre E-Mail-Adresse. Der Link ist 720 Stunden gültig.
        </p>
      </Notice>
      <p>
        Über den zweiten Link in der E-Mail („Zum Registrierungsstatus“) können Sie die Registrierung jederzeit fortsetzen. Bitte
        schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab.
      </p>
      <ResendForm base={props.chrome.base} csrf={props.csrf} email={props.email} resent={props.resent} error={props.error} />
    </Layout>
  );
}

export function ResendForm(props: { csrf: string; base: string; email?: string; resent?: boolean; error?: string }) {
  const BASE = props.base;
  return (
    <section class="card" aria-labelledby="resend-title">
      <h2 id="resend-title">Bestätigungsmail nicht erhalten?</h2>
      {props.resent ? (
        <Notice kind="success">
          <p>
            Falls zu dieser E-Mail-Adresse eine offene Registrierung besteht, haben wir die Bestätigungsmail erneut gesendet. Bitte
            prüfen Sie auch Ihren Spam-Ordner.
          </p>
        </Notice>
      ) : (
        <p>Bitte prüfen Sie auch Ihren Spam-Ordner. Wir senden Ihnen die E-Mail gern erneut.</p>
      )}
      <form method="post" action={`${BASE}/registrierung/bestaetigungsmail`} novalidate>
        <CsrfField token={props.csrf} />
        <Field name="email" label="E-Mail-Adresse" type="email" value={props.email} error={props.error} autocomplete="email" maxlength={254} required />
        <button type="submit" class="button button--secondary">
          Bestätigungsmail erneut senden
        </button>
      </form>
    </section>
  );
}

export function ResendPage(props: { chrome: PortalChrome; csrf: string; email: string; error: string }) {
  return (
    <Layout title="Fehler: Bestätigungsmail nicht erhalten?" chrome={props.chrome}>
      <h1>Bestätigungsmail erneut senden</h1>
      <ResendForm base={props.chrome.base} csrf={props.csrf} email={props.email} error={t(props.error)} />
    </Layout>
  );
}

export function EmailConfirmedPage(props: { chrome: PortalChrome }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="E-Mail-Adresse bestätigt" chrome={props.chrome}>
      <h1>Bestätigung E-Mail-Adresse</h1>
      <Notice kind="success" title="E-Mail-Adresse bestätigt">
        <p>Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.</p>
      </Notice>
      <p>
        Wenn Sie die Registrierung zu einem späteren Zeitpunkt fortsetzen möchten, können Sie über den zweiten Link in der E-Mail
        jederzeit „Zum Registrierungsstatus“ abspringen.
      </p>
      <ButtonLink href={`${BASE}/registrierung/bescheinigung`} label="Registrierung fortsetzen" />
    </Layout>
  );
}

/** A link that cannot be used (used, expired or unknown): its heading and why; how to go on follows. */
export function LinkProblemLayout(props: { chrome: PortalChrome; code: ErrorCode; children: Html.Children }) {
  const used = props.code === 'token.used';
  const expired = props.code === 'token.expired';
  return (
    <Layout title="Link nicht gültig" chrome={props.chrome}>
      <h1>{used ? 'Link bereits verwendet' : expired ? 'Link abgelaufen' : 'Link ungültig'}</h1>
      <Notice kind="warning">
        <p safe>{t(props.code)}</p>
      </Notice>
      {props.children}
    </Layout>
  );
}

/** A confirmation or status link that cannot be used: say why and how to go on. */
export function LinkProblemPage(props: { chrome: PortalChrome; csrf: string; code: ErrorCode }) {
  const BASE = props.chrome.base;
  const used = props.code === 'token.used';
  return (
    <LinkProblemLayout chrome={props.chrome} code={props.code}>
      {used ? (
        <p>
          Ihre E-Mail-Adresse ist bereits bestätigt. Um die Registrierung fortzusetzen, verwenden Sie bitte den Link „Zum
          Registrierungsstatus“ aus der E-Mail.
        </p>
      ) : (
        <p>
          Bitte verwenden Sie den Link aus der neuesten E-Mail oder fordern Sie unten eine neue Bestätigungsmail an. Ist Ihre
          Registrierung älter als 30 Tage, wurde sie gelöscht: Sie können sich jederzeit{' '}
          <a href={`${BASE}/registrierung`}>erneut registrieren</a>.
        </p>
      )}
      {used ? '' : <ResendForm base={props.chrome.base} csrf={props.csrf} />}
    </LinkProblemLayout>
  );
}

export function SessionNeededPage(props: { chrome: PortalChrome; csrf: string }) {
  return (
    <NoticePage chrome={props.chrome} title="Registrierungsstatus" heading="Registrierung fortsetzen" kind="info" message={t('session.required')}>
      <ResendForm base={props.chrome.base} csrf={props.csrf} />
    </NoticePage>
  );
}

