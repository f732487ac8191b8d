import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { Notice, Stepper } from '../../../core/ui/components.tsx';
import { wizard } from './wizard.tsx';
import { Blocks } from './blocks.tsx';
import { appInstallPath, PLATFORM_GUIDES } from '../../app-install/platforms.ts';
import { ButtonLink, NextLink, PostButton } from '../../../core/ui/post-button.tsx';

/** Manual 000 step 8: why two factors. */
export function DeviceIntroPage(props: { chrome: PortalChrome }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Geräteregistrierung" chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(2, props.chrome.registration?.steps)} />
      <Blocks blocks={props.chrome.registration?.device.intro} />
      <h2>Geräteregistrierung</h2>
      <p>
        Die Digitalisierung sowie neue regulatorische Anforderungen erfordern eine sichere App, Login, sichere Transaktionen,
        sichere Kommunikation und vertrauenswürdige Verarbeitung aller Daten in jedem Prozess, an jedem Ort und auf allen
        Endgeräten.
      </p>
      <p>
        Hierfür sind sichere, verbindliche und nachweisbare digitale Identitäten von Personen, Dingen und Maschinen fundamental.
        Wir nutzen modernste Technologien, um die Kommunikation durchgehend Ende-Zu-Ende und in Echtzeit verschlüsseln zu können.
      </p>
      <NextLink href={`${BASE}/registrierung/geraet/app`} />
    </Layout>
  );
}

/** Manual 000 step 9: the app for each platform; each button opens how to install the web app on that system. */
export function DeviceDownloadPage(props: { chrome: PortalChrome; brand: string }) {
  const BASE = props.chrome.base;
  const b = props.brand;
  const links = PLATFORM_GUIDES.map((g) => ({ label: `${b} 2-Faktor App für ${g.button} laden`, href: appInstallPath(BASE, g.platform) }));
  return (
    <Layout title="Geräteregistrierung – App laden" chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(2, props.chrome.registration?.steps)} />
      <h2>Geräteregistrierung</h2>
      <p>Bitte laden Sie die {b} 2-Faktor App herunter und installieren Sie diese anschließend.</p>
      <Notice kind="info">
        <p>
          Hinweis: Die aktuellsten Versionen der jeweiligen Betriebssysteme werden voll unterstützt. Die Kompatibilität mit älteren
          Betriebssystemen kann nicht garantiert werden. Für eine Nutzung über Citrix-Umgebungen wenden Sie sich an den technischen
          Support. Wir empfehlen jedoch die Verwendung eines Smartphones.
        </p>
      </Notice>
      <ul class="download-links">
        {links.map((l) => (
          <li>
            <a href={l.href} target="_blank" safe>
              {l.label}
            </a>
          </li>
        ))}
        <li>
          <a href="/app/cli" target="_blank">
            {b} 2-Faktor App für das Terminal (Kommandozeile)
          </a>
        </li>
      </ul>
      <Blocks blocks={props.chrome.registration?.device.download} />
      <p>
        Die App wird im Browser Ihres Geräts geöffnet und kann von dort installiert werden („Zum Startbildschirm hinzufügen“ bzw.
        „App installieren“).
      </p>
      <NextLink href={`${BASE}/registrierung/geraet/aktivierungscode`} />
    </Layout>
  );
}

/**
 * Manual 000 step 10: user name and activation code. A code is made only by the button (a POST
 * with the CSRF token), never by opening or reloading the page, and only while no device is in use.
 */
export function ActivationCodePage(props: {
  chrome: PortalChrome;
  brand: string;
  csrf: string;
  /** where the button posts */
  action: string;
  email: string;
  code: string | null;
  registered: boolean;
  next?: string;
}) {
  const BASE = props.chrome.base;
  const grouped = props.code ? `${props.code.slice(0, 4)} ${props.code.slice(4)}` : '';
  return (
    <Layout title="Geräteregistrierung – Aktivierungscode" chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(2, props.chrome.registration?.steps)} />
      <h2>Geräteregistrierung</h2>
      {props.registered ? (
        <>
          <Notice kind="success" title="Geräteregistrierung – Erfolgreich abgeschlossen">
            <p>Ihr Authentifikations-Gerät ist registriert.</p>
          </Notice>
          <p>
            Ein anderes Gerät können Sie erst registrieren, nachdem Ihre {props.brand} das Zurücksetzen des bisherigen Geräts
            bestätigt hat.
          </p>
        </>
      ) : (
        <>
          <p>Geben Sie innerhalb der {props.brand} 2-Faktor App die folgenden Informationen ein, um die Geräteregistrierung durchzuführen:</p>
          <dl class="activation">
            <dt>Benutzername/E-Mail-Adresse</dt>
            <dd safe>{props.email}</dd>
            <dt>Aktivierungscode</dt>
            {props.code ? (
              <dd class="activation__code" data-code={props.code}>
                {/* read out digit by digit; aria-label on a plain span is ignored by many screen readers */}
                <span aria-hidden="true">{grouped}</span>
                <span class="visually-hidden">{props.code.split('').join(' ')}</span>
              </dd>
            ) : (
              <dd>Wird nach Klick auf „Aktivierungscode anzeigen“ angezeigt.</dd>
            )}
          </dl>
          <PostButton action={props.action} csrf={props.csrf} button={props.code ? 'button button--secondary' : 'button'}>
            {props.code ? 'Neuen Aktivierungscode anfordern' : 'Aktivierungscode anzeigen'}
          </PostButton>
          <p class="small">Der Aktivierungscode gilt 72 Stunden und nur einmal. Wenn Sie einen neuen Aktivierungscode anfordern, wird der bisherige ungültig.</p>
          <p>
            Die {props.brand} 2-Faktor App fordert Sie anschließend auf, einen PIN-Code festzulegen. Bitte merken Sie sich den PIN-Code
            gut. Diesen brauchen Sie zukünftig für jede Anmeldung in der {props.brand} 2-Faktor App.
          </p>
          <p>Sobald Sie die Aktivierung erfolgreich durchgeführt haben, klicken Sie auf den nachfolgenden Link:</p>
        </>
      )}
      <NextLink href={props.next ?? `${BASE}/registrierung/abschluss`} />
    </Layout>
  );
}

/**
 * The status link (or a step page) of a registration that staff have activated: it continues
 * nothing; the account is used through the login, a lost device through the reset there.
 */
export function RegistrationDonePage(props: { chrome: PortalChrome }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Registrierung abgeschlossen" chrome={props.chrome}>
      <h1>Ihre Registrierung ist abgeschlossen</h1>
      <Notice kind="info">
        <p>
          Ihr Zugang ist aktiviert. Bitte melden Sie sich mit Ihrer E-Mail-Adresse, Ihrem Passwort und Ihrer 2-Faktor App an. Wenn Sie
          keinen Zugriff mehr auf Ihr Authentifikations-Gerät haben, wählen Sie nach der Eingabe des Passworts „Keinen Zugriff auf
          Authentifikations-Gerät?“.
        </p>
      </Notice>
      <ButtonLink href={`${BASE}/login`} label="Zum Login" />
    </Layout>
  );
}

/**
 * "Weiter" after the activation code while a device reset waits for the new device: the app's
 * activation has not happened yet. (A registration's Abschluss is CompletionPage in pages.tsx.)
 */
export function DeviceNotYetActivatedPage(props: { chrome: PortalChrome; brand: string }) {
  const BASE = props.chrome.base;
  return (
    <Layout title="Geräteregistrierung noch nicht abgeschlossen" chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(2, props.chrome.registration?.steps)} />
      <h2>Geräteregistrierung noch nicht abgeschlossen</h2>
      <Notice kind="warning">
        <p>
          Die Aktivierung in der {props.brand} 2-Faktor App ist noch nicht erfolgt. Bitte geben Sie in der App Ihre E-Mail-Adresse
          und den Aktivierungscode ein und legen Sie Ihre PIN fest.
        </p>
      </Notice>
      <ButtonLink href={`${BASE}/registrierung/geraet/aktivierungscode`} label="Zurück zum Aktivierungscode" />
    </Layout>
  );
}
