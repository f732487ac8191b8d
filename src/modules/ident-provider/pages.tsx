import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Notice } from '../../core/ui/components.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import { identPath } from './paths.ts';

/** The AOK Ident's pages: the house layout, German (the manual's words), without portal navigation. */
export function identChrome(brand: string): PortalChrome {
  return { name: `${brand} Ident`, base: identPath(''), home: '/', germanOnly: true };
}

/** What the login page shows of a waiting login request. */
export interface LoginRequestView {
  uid: string;
  clientId: string;
  clientName: string;
  /** the client runs on the person's computer (a loopback redirect): it is "opened" again */
  nativeClient: boolean;
  /** approved: the link that hands the browser back to the client */
  returnTo: string | null;
  /** where the client gets its answer (a decline too) */
  redirectUri: string;
}

/** The label that hands back to the client; manual 003 §4.2: „Öffne AOK Mein Leben.app“. */
export function handBackLabel(view: Pick<LoginRequestView, 'clientName' | 'nativeClient'>): string {
  return view.nativeClient ? `Öffne ${view.clientName}.app` : `Weiter zu ${view.clientName}`;
}

/**
 * Manual 003 §4.1: the login with the „AOK Ident“-App; `qr` is the QR code's part (ident-login), which
 * the page's script replaces as the app answers. Everything that changes is inside #ident-login.
 */
export function LoginPage(props: { chrome: PortalChrome; brand: string; view: LoginRequestView; csrf: string; qr: string; scripts?: string[] }) {
  const { view } = props;
  const heading = `„${props.brand} Ident“-App Anmeldung`;
  return (
    <Layout title={heading} chrome={props.chrome} scripts={props.scripts}>
      <h1 safe>{heading}</h1>
      <p>
        Anmeldung bei <strong safe>{view.clientName}</strong>
      </p>
      <div id="ident-login">
        {view.returnTo ? (
          <>
            <Notice kind="success">
              <p>Sie haben die Anmeldung in Ihrer „{Html.escapeHtml(props.brand)} Ident“-App bestätigt.</p>
            </Notice>
            <p>
              <a class="button" href={view.returnTo} safe>
                {handBackLabel(view)}
              </a>
            </p>
          </>
        ) : (
          <>
            <p>
              Bitte scannen Sie den QR-Code ein, um in Ihre „{Html.escapeHtml(props.brand)} Ident“-App zu gelangen. Befolgen Sie die Anweisungen auf dem
              mobilen Gerät und geben Sie anschließend Ihren GesundheitsID-Code ein.
            </p>
            {props.qr}
            <PostButton action={identPath(`/interaction/${view.uid}/abbrechen`)} csrf={props.csrf} button="button button--secondary" actions>
              Abbrechen
            </PostButton>
          </>
        )}
      </div>
    </Layout>
  );
}

/** RP-initiated logout: oidc-provider's form (its CSRF token) with our words and buttons. */
export function LogoutPage(props: { chrome: PortalChrome; clientName: string | null; form: string }) {
  return (
    <Layout title="Abmelden" chrome={props.chrome}>
      <h1>Abmelden</h1>
      <p>
        {props.clientName ? (
          <>
            Möchten Sie sich von <strong safe>{props.clientName}</strong> abmelden?
          </>
        ) : (
          'Möchten Sie sich abmelden?'
        )}
      </p>
      {/* oidc-provider's markup: a form with its hidden token, nothing from the request */}
      {props.form}
      <div class="actions">
        <button type="submit" class="button button--secondary" form="op.logoutForm">
          Angemeldet bleiben
        </button>
        <button type="submit" class="button" form="op.logoutForm" name="logout" value="yes">
          Abmelden
        </button>
      </div>
    </Layout>
  );
}

export function LoggedOutPage(props: { chrome: PortalChrome; clientName: string | null }) {
  return (
    <Layout title="Abgemeldet" chrome={props.chrome}>
      <h1>Abgemeldet</h1>
      <Notice kind="success">
        <p>
          {props.clientName ? (
            <>
              Sie wurden von <strong safe>{props.clientName}</strong> abgemeldet.
            </>
          ) : (
            'Sie wurden abgemeldet.'
          )}
        </p>
      </Notice>
    </Layout>
  );
}

/**
 * Another person logs in where someone is still logged in at the provider: oidc-provider ends that
 * login first with a form of its own (its token in hidden fields); this page carries the same form.
 */
export function SwitchPersonPage(props: { chrome: PortalChrome; action: string; fields: [string, string][] }) {
  return (
    <Layout title="Anmeldung wechseln" chrome={props.chrome}>
      <h1>Anmeldung wechseln</h1>
      <p>In diesem Browser ist noch eine andere Person angemeldet. Mit „Weiter“ wird diese Anmeldung beendet und Ihre Anmeldung fortgesetzt.</p>
      <form method="post" action={props.action}>
        {props.fields.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <div class="actions">
          <button type="submit" class="button">
            Weiter
          </button>
        </div>
      </form>
    </Layout>
  );
}
