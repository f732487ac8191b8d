import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { Notice } from '../../core/ui/components.tsx';
import { appInstallPath, PLATFORM_GUIDES, type PlatformGuide } from './platforms.ts';

export interface AppAddress {
  /** absolute, from the configured public address */
  url: string;
  /** inline SVG of the QR code of `url` */
  qr: string;
}

const OVERVIEW = 'Download Zwei-Faktor-Authentifizierung';

/** The app's address for a phone: the QR code, and the same address as text and link. */
function AddressBlock(props: { brand: string; address: AppAddress; phone: boolean }) {
  const b = props.brand;
  return (
    <section class="app-address" aria-labelledby="app-address-title">
      <h2 id="app-address-title">Adresse der {b} Zweifaktor App</h2>
      <figure class="app-address__figure">
        {/* markup drawn by qrSvg from the configured address, never user input: inserted as it is */}
        {props.address.qr}
        <figcaption>
          <p>
            {props.phone
              ? 'Scannen Sie den QR-Code mit der Kamera Ihres Smartphones oder Tablets, oder geben Sie die Adresse ein:'
              : 'Für Ihr Smartphone (empfohlen): Scannen Sie den QR-Code mit der Kamera, die App öffnet sich dann im Browser des Smartphones. Auf diesem Computer öffnen Sie die Adresse:'}
          </p>
          <p class="app-address__url">
            <a href={props.address.url} safe>
              {props.address.url}
            </a>
          </p>
        </figcaption>
      </figure>
    </section>
  );
}

function TerminalAlternative(props: { brand: string }) {
  return (
    <section aria-labelledby="app-terminal-title">
      <h2 id="app-terminal-title">Alternative: die {props.brand} 2-Faktor App für das Terminal</h2>
      <p>
        Wo sich keine App installieren lässt (z. B. in Citrix-Umgebungen) oder für Skripte gibt es die App als Programm für die
        Kommandozeile. Es nutzt dieselbe Anmeldung mit Aktivierungscode und PIN.
      </p>
      <p>
        <a href="/app/cli">{props.brand} 2-Faktor App für das Terminal (Kommandozeile)</a>
      </p>
    </section>
  );
}

function SupportNotice() {
  return (
    <Notice kind="info">
      <p>
        Hinweis: Die aktuellsten Versionen der jeweiligen Betriebssysteme werden voll unterstützt. Die Kompatibilität mit älteren
        Betriebssystemen kann nicht garantiert werden. Für eine Nutzung über Citrix-Umgebungen wenden Sie sich an den technischen Support.
        Wir empfehlen jedoch die Verwendung eines Smartphones.
      </p>
    </Notice>
  );
}

/** The provider footer's "Download Zwei-Faktor-Authentifizierung": every system, the address, the terminal. */
export function InstallOverviewPage(props: { chrome: PortalChrome; brand: string; address: AppAddress }) {
  const b = props.brand;
  return (
    <Layout title={OVERVIEW} chrome={props.chrome}>
      <h1>{OVERVIEW}</h1>
      <p>Die {b} 2-Faktor App steht für verschiedene Betriebssysteme zur Verfügung (Windows, MacOS, Android, iOS).</p>
      <p>
        Sie ist eine Web-App, die Ihre {b} selbst bereitstellt: Sie wird nicht aus einem App Store geladen, sondern im Browser Ihres
        Geräts geöffnet und von dort installiert. Danach starten Sie sie wie jede andere App über ihr Symbol.
      </p>
      <h2>Installation auf Ihrem Gerät</h2>
      <ul class="download-links">
        {PLATFORM_GUIDES.map((g) => (
          <li>
            <a href={appInstallPath(props.chrome.base, g.platform)} safe>
              {`${b} 2-Faktor App für ${g.name}`}
            </a>
          </li>
        ))}
      </ul>
      <AddressBlock brand={b} address={props.address} phone={false} />
      <TerminalAlternative brand={b} />
      <SupportNotice />
    </Layout>
  );
}

/** One system's page, opened by its button of manual 000 step 9. */
export function InstallPlatformPage(props: { chrome: PortalChrome; brand: string; guide: PlatformGuide; address: AppAddress }) {
  const b = props.brand;
  const g = props.guide;
  const title = `${b} 2-Faktor App für ${g.name}`;
  return (
    <Layout title={title} chrome={props.chrome}>
      <p class="eyebrow">
        <a href={appInstallPath(props.chrome.base)}>{OVERVIEW}</a>
      </p>
      <h1 safe>{title}</h1>
      <p safe>{g.intro(b)}</p>
      <h2>So installieren Sie die App</h2>
      <p class="small" safe>{`Geeignete Browser: ${g.browsers}`}</p>
      <ol class="install-steps">
        {g.steps(b).map((s) => (
          <li safe>{s}</li>
        ))}
      </ol>
      {g.notes(b).map((n) => (
        <p safe>{n}</p>
      ))}
      <AddressBlock brand={b} address={props.address} phone={g.phone} />
      <TerminalAlternative brand={b} />
      <SupportNotice />
      <p>
        <a href={appInstallPath(props.chrome.base)}>Andere Betriebssysteme</a>
      </p>
    </Layout>
  );
}
