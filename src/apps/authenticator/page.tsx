import Html from '@kitajs/html';
import { HtmlDocument } from '../../core/ui/document.tsx';
import { AppForm, Screen } from '../app-screens.tsx';

export const APP_NAME = 'Zweifaktor App';

const PIN_RULE =
  'Die PIN muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen, wobei mindestens drei verschiedene Zahlen zu verwenden sind und keine auf- oder absteigende Zahlenreihe gestattet ist.';

/**
 * The 2-factor app's one page. Every screen is in the markup with its labels and texts;
 * the script shows one at a time, keeps the device key in IndexedDB and talks to the JSON API.
 */
export function AppPage(props: { brand: string; cli?: { server: string } }) {
  const name = `${props.brand} ${APP_NAME}`;
  return (
    <HtmlDocument
      title={props.cli ? `${name} für das Terminal` : name}
      meta={<meta name="theme-color" content="#005e3f" />}
      head={
        <>
          <link rel="manifest" href="/app/manifest.webmanifest" />
          <link rel="icon" href="/assets/app-icon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/pforte.css" />
          <link rel="stylesheet" href="/assets/app.css" />
          {props.cli ? '' : <script src="/assets/build/authenticator.js" defer></script>}
        </>
      }
      bodyClass="app"
    >
      <header class="app-header">
        <span class="app-header__name" safe>
          {name}
        </span>
      </header>
      <main id="main" class="app-main">
        {props.cli ? (
          <CliInstructions name={name} server={props.cli.server} />
        ) : (
          <>
            <h1 class="visually-hidden" safe>
              {name}
            </h1>
            <noscript>
              <p class="notice notice--warning">
                Die {name} benötigt JavaScript: Sie erzeugt und verwahrt den Schlüssel Ihres Geräts. Bitte aktivieren Sie
                JavaScript oder nutzen Sie die <a href="/app/cli">{name} für das Terminal</a>.
              </p>
            </noscript>
            <p class="app-status" role="status" aria-live="polite" id="app-status"></p>

            {/* manual 002 §2.3 "Schritt 1": the terms, accepted before anything is activated */}
            <Screen id="screen-terms" title={`${name} – Nutzungsbedingungen`}>
              <p>
                Für einen erfolgreichen Login und um die "{props.brand} 2-Faktor App" nutzen zu können, stimmen Sie den
                Nutzungsbedingungen bitte zu. Diese sind ab sofort gültig.
              </p>
              <details class="app-terms">
                <summary>Nutzungsbedingungen der {name}</summary>
                <p>
                  Die App erzeugt beim Aktivieren einen Schlüssel, der dieses Gerät nie verlässt. Mit ihm und Ihrer PIN
                  bestätigen Sie Ihre Anmeldungen an den Online-Portalen Ihrer {props.brand}. Geben Sie Ihre PIN niemandem
                  weiter. Wer Zugriff auf dieses Gerät und Ihre PIN hat, kann Sicherheitscodes für Ihre Anmeldungen lesen.
                </p>
              </details>
              <AppForm name="terms" button="Akzeptieren">
                <div class="field field--check">
                  <input type="checkbox" id="terms" name="terms" aria-describedby="terms-error" required />
                  <label for="terms">Ich habe die Nutzungsbedingungen gelesen und akzeptiere diese.</label>
                </div>
              </AppForm>
            </Screen>

            {/* manual 002 §2.3 "Schritt 2"; manual 000 step 12 counts the app's own steps ("Schritt 2 von 2" is the PIN) */}
            <Screen id="screen-activate" title={`${name} Aktivierung`}>
              <p class="eyebrow">Schritt 1 von 2</p>
              <p>Zur Aktivierung geben Sie bitte Ihren Benutzernamen oder Ihre E-Mail-Adresse und den Aktivierungscode ein.</p>
              <AppForm name="activate" button="Weiter">
                <div class="field">
                  <label for="activate-email">Benutzername / E-Mail Adresse:</label>
                  <input id="activate-email" name="email" type="text" inputmode="email" autocomplete="username" autocapitalize="none" spellcheck="false" placeholder="Benutzername / E-Mail Adresse" aria-describedby="activate-error" required />
                </div>
                <div class="field">
                  <label for="activate-code">Aktivierungscode:</label>
                  <input id="activate-code" name="activationCode" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="9" placeholder="Aktivierungscode" aria-describedby="activate-error" required />
                </div>
              </AppForm>
            </Screen>

            <Screen id="screen-pin" title={`${name} Aktivierung`}>
              <p class="eyebrow">Schritt 2 von 2</p>
              <p>
                <strong>Wählen Sie bitte einen Code (PIN) für die {props.brand} Zweifaktor App</strong>
              </p>
              <AppForm name="pin" button="Aktivieren">
                <div class="field">
                  <label for="pin">PIN:</label>
                  <p class="hint" id="pin-hint">
                    Bitte wählen Sie einen 6 stelligen Code (PIN) für die künftige Nutzung der {props.brand} Zweifaktor App.
                  </p>
                  <input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="new-password" maxlength="6" aria-describedby="pin-hint pin-rule pin-error" required />
                </div>
                <div class="field">
                  <label for="pin-repeat">Bitte wiederholen Sie Ihren Code (PIN) und bestätigen ihn:</label>
                  <input id="pin-repeat" name="pinRepeat" type="password" inputmode="numeric" autocomplete="new-password" maxlength="6" aria-describedby="pin-error" required />
                </div>
                <p class="hint" id="pin-rule">
                  {PIN_RULE}
                </p>
              </AppForm>
            </Screen>

            {/* manual 000 step 12 and 002 §2.3: "Glückwunsch", then the way to the app's login */}
            <Screen id="screen-done" title="Glückwunsch">
              <p>Ihr Gerät ist aktiviert. Klicken Sie in der Geräteregistrierung im Portal jetzt auf „Weiter“.</p>
              <h3 safe>{`${name} Login`}</h3>
              <p>Künftig melden Sie sich hier mit Ihrer PIN an, um den Sicherheitscode für Ihre Anmeldung zu erhalten.</p>
              <button type="button" class="button" id="go-login">
                Jetzt einloggen
              </button>
            </Screen>

            <Screen id="screen-login" title={`${name} Login`}>
              <p class="app-email" id="login-email"></p>
              <AppForm name="login" button="Anmelden">
                <div class="field">
                  <label for="login-pin">PIN für {props.brand} Zweifaktor App</label>
                  <input id="login-pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" maxlength="6" aria-describedby="login-error" required />
                </div>
              </AppForm>
              <p>
                <button type="button" class="button button--link" id="forgot-pin">
                  Code (PIN) vergessen
                </button>
              </p>
            </Screen>

            <Screen id="screen-code" title="Sicherheitscode">
              {/* one live region around both states: a code that arrives by polling is announced */}
              <div id="code-live" aria-live="polite">
                <div id="code-pending" hidden>
                  <p>Geben Sie diesen Sicherheitscode auf der Anmeldeseite ein:</p>
                  <p class="app-code" id="code-value"></p>
                  <p class="small" id="code-expiry"></p>
                </div>
                <p id="code-none">Zurzeit wartet keine Anmeldung auf einen Sicherheitscode. Sobald Sie sich mit Ihrem Passwort anmelden, erscheint der Code hier.</p>
              </div>
              <p class="small">
                Die Schaltfläche „Akzeptieren“ brauchen Sie nur dann anklicken, wenn wegen Zeitüberschreitens die Login-Daten
                auf der Anmeldeseite neu eingegeben werden müssen. Sie erhalten dann sofort einen neuen Sicherheitscode.
              </p>
              <div class="actions actions--left">
                <button type="button" class="button" id="accept">
                  Akzeptieren
                </button>
                <button type="button" class="button button--secondary" id="app-logout">
                  Abmelden
                </button>
              </div>
            </Screen>

            <Screen id="screen-forgot" title="Code (PIN) vergessen">
              <p>
                Ihre PIN ist nur auf diesem Gerät bekannt und kann nicht wiederhergestellt werden. Nach fünf falschen
                Eingaben wird das Gerät gesperrt.
              </p>
              <p>
                Bitte setzen Sie Ihr Authentifikations-Gerät zurück: Melden Sie sich im Portal mit E-Mail-Adresse und
                Passwort an und wählen Sie auf der Seite „Eingabe Sicherheitscode“ den Link „Keinen Zugriff auf
                Authentifikations-Gerät?“. Nach der Prüfung durch Ihre {props.brand} registrieren Sie das Gerät neu.
              </p>
              <button type="button" class="button button--secondary" id="forgot-back">
                Zurück
              </button>
            </Screen>
          </>
        )}
      </main>
    </HtmlDocument>
  );
}

/** The terminal program, with this server's own address in the examples. */
function CliInstructions(props: { name: string; server: string }) {
  return (
    <>
      <h1 safe>{`${props.name} für das Terminal`}</h1>
      <p>
        <code>pforte-authenticator</code> ist die Zweifaktor App als Programm für die Kommandozeile. Es nutzt dieselbe
        Schnittstelle wie die App im Browser; der Schlüssel des Geräts liegt in einer Datei, die nur Sie lesen dürfen.
      </p>
      <h2>Installation</h2>
      <p>Node.js 20 oder neuer wird benötigt. Das Programm ist Teil des Pforte-Pakets:</p>
      <pre class="mail-text">npm ci{'\n'}npx pforte-authenticator --help</pre>
      <h2>Aktivieren</h2>
      <pre class="mail-text" safe>{`npx pforte-authenticator activate --server ${props.server} --email name@firma.de --activation-code "1054 2963" --pin 470815`}</pre>
      <h2>Sicherheitscode abrufen</h2>
      <pre class="mail-text" safe>{`npx pforte-authenticator code --server ${props.server} --email name@firma.de --pin 470815 --wait 60`}</pre>
      <p>
        Ist der Sicherheitscode abgelaufen, geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein; danach gibt <code>code</code>{' '}
        sofort den neuen Sicherheitscode aus.
      </p>
      <p>{PIN_RULE}</p>
    </>
  );
}
