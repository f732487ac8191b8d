import Html from '@kitajs/html';
import { HtmlDocument } from '../../core/ui/document.tsx';
import { AppForm, Screen } from '../app-screens.tsx';
import { LoginScreens, LoginStart } from './login-screens.tsx';

export const IDENT_APP_PATH = '/ident/app/';

/** Manual 000 step 12's PIN rule, for the GesundheitsID-Code (checked by pin-rules.ts everywhere). */
const CODE_RULE =
  'Der GesundheitsID-Code muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen, wobei mindestens drei verschiedene Zahlen zu verwenden sind und keine auf- oder absteigende Zahlenreihe gestattet ist.';

/** A button of a screen; `home` ones lead back to the app's start (the script knows them by it). */
function Action(props: { id?: string; kind?: 'secondary' | 'link'; home?: boolean; children: string }) {
  const cls = props.kind ? `button button--${props.kind}` : 'button';
  return (
    <button type="button" class={cls} id={props.id} data-home={props.home ? '' : undefined} safe>
      {props.children}
    </button>
  );
}

const BackHome = () => (
  <Action kind="secondary" home>
    Zurück
  </Action>
);

function CodeField(props: { id: string; label: string; autocomplete: string; describedBy: string }) {
  return (
    <div class="field">
      <label for={props.id} safe>
        {props.label}
      </label>
      <input id={props.id} type="password" inputmode="numeric" autocomplete={props.autocomplete} maxlength="6" aria-describedby={props.describedBy} required />
    </div>
  );
}

/**
 * The AOK Ident app's one page (manual 003): activation with the letter, the GesundheitsID-Code, the
 * app's start screen, "Geräte" and "Code vergessen". Every screen and every word is in the markup; the
 * script shows one screen at a time, keeps the device key in IndexedDB and talks to /api/ident.
 */
export function IdentAppPage(props: { brand: string }) {
  const name = `${props.brand} Ident`;
  return (
    <HtmlDocument
      title={name}
      meta={<meta name="theme-color" content="#005e3f" />}
      head={
        <>
          <link rel="manifest" href={`${IDENT_APP_PATH}manifest.webmanifest`} />
          <link rel="icon" href="/assets/ident-icon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/pforte.css" />
          <link rel="stylesheet" href="/assets/app.css" />
          <script src="/assets/build/ident.js" defer></script>
        </>
      }
      bodyClass="app"
    >
      <header class="app-header">
        <span class="app-header__name" safe>
          {`„${name}“-App`}
        </span>
      </header>
      <main id="main" class="app-main">
        <h1 class="visually-hidden" safe>
          {`„${name}“-App`}
        </h1>
        <noscript>
          <p class="notice notice--warning">
            Die „{name}“-App benötigt JavaScript: Sie erzeugt und verwahrt den Schlüssel Ihres Geräts. Bitte aktivieren Sie
            JavaScript oder nutzen Sie das Programm <code>pforte-ident</code> für das Terminal.
          </p>
        </noscript>
        <p class="app-status" role="status" aria-live="polite" id="app-status"></p>

        {/* the letter: "Geben Sie Ihre Versichertennummer und den Aktivierungscode ein." */}
        <Screen id="screen-activate" title={`${name} aktivieren`}>
          <p class="eyebrow">Schritt 1 von 2</p>
          <p>Geben Sie Ihre Versichertennummer und den Aktivierungscode aus Ihrem Brief „Ihre Aktivierung der {name}-App“ ein.</p>
          <AppForm name="activate" button="Weiter">
            <div class="field">
              <label for="activate-kvnr">Versichertennummer (KVNR)</label>
              <p class="hint" id="kvnr-hint">
                Ein Buchstabe und neun Ziffern, wie auf Ihrer Gesundheitskarte und im Brief.
              </p>
              <input id="activate-kvnr" name="kvnr" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="10" aria-describedby="kvnr-hint kvnr-error activate-error" required />
              <p class="field-error" id="kvnr-error" hidden></p>
            </div>
            <div class="field">
              <label for="activate-code">Aktivierungscode</label>
              <p class="hint" id="code-hint">
                Zwölf Zeichen, wie im Brief geschrieben.
              </p>
              <input id="activate-code" name="activationCode" type="text" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" maxlength="20" aria-describedby="code-hint activate-error" required />
            </div>
          </AppForm>
        </Screen>

        {/* the letter: "Legen Sie Ihren GesundheitsID-Code fest (sechs Ziffern)." */}
        <Screen id="screen-pin" title="GesundheitsID-Code festlegen">
          <p class="eyebrow">Schritt 2 von 2</p>
          <p>Legen Sie Ihren GesundheitsID-Code fest (sechs Ziffern). Mit ihm bestätigen Sie künftig jede Anmeldung in der App.</p>
          <AppForm name="pin" button="Aktivieren">
            <CodeField id="pin" label="GesundheitsID-Code" autocomplete="new-password" describedBy="pin-rule pin-error" />
            <CodeField id="pin-repeat" label="GesundheitsID-Code wiederholen" autocomplete="new-password" describedBy="pin-error" />
            <p class="hint" id="pin-rule">
              {CODE_RULE}
            </p>
          </AppForm>
        </Screen>

        <Screen id="screen-done" title={`Ihre ${name}-App ist aktiviert`}>
          <p id="done-person"></p>
          <p>Mit der App und Ihrem GesundheitsID-Code melden Sie sich künftig in Ihrer elektronischen Patientenakte (ePA) an.</p>
          <Action id="done-next">Weiter</Action>
        </Screen>

        {/* manual 003 §4.1: the QR code of the login page is scanned from here (login-screens.tsx) */}
        <Screen id="screen-home" title="Anmeldung in Ihrer ePA">
          <p id="home-person"></p>
          <p>
            Um sich in Ihrer elektronischen Patientenakte (ePA) anzumelden, scannen Sie mit dieser App den QR-Code auf der
            Anmeldeseite und geben anschließend Ihren GesundheitsID-Code ein.
          </p>
          <LoginStart />
          <Action id="open-devices" kind="secondary">
            Geräte
          </Action>
        </Screen>

        <Screen id="screen-unlock" title="Geräte">
          <p>Bitte geben Sie Ihren GesundheitsID-Code ein, um die Geräte Ihrer {name}-App zu sehen.</p>
          <AppForm name="unlock" button="Weiter">
            <CodeField id="unlock-pin" label="GesundheitsID-Code" autocomplete="current-password" describedBy="unlock-error" />
          </AppForm>
          <p>
            <Action id="forgot-code" kind="link">
              Code vergessen
            </Action>
          </p>
          <BackHome />
        </Screen>

        <Screen id="screen-devices" title="Geräte">
          <p>Ihre {name}-App ist auf diesen Geräten aktiviert. Sie können höchstens zwei Geräte gleichzeitig nutzen.</p>
          <ul class="app-devices" id="device-list"></ul>
          {/* the words the script puts into the list, translated with the page */}
          <p hidden>
            <span id="word-current">dieses Gerät</span>
            <span id="word-locked">gesperrt</span>
            <span id="word-since">aktiviert am</span>
            <span id="word-remove">Entfernen</span>
          </p>
          <BackHome />
        </Screen>

        <Screen id="screen-remove" title="Gerät entfernen">
          <p>
            Möchten Sie dieses Gerät entfernen? Es kann danach nicht mehr für Anmeldungen genutzt werden.
          </p>
          <p class="app-email" id="remove-name"></p>
          <p class="field-error" id="remove-error" role="alert" hidden></p>
          <div class="actions actions--left">
            <Action id="remove-confirm">Gerät entfernen</Action>
            <Action id="remove-cancel" kind="secondary">
              Zurück
            </Action>
          </div>
        </Screen>

        <Screen id="screen-forgot" title="Code vergessen">
          <p>
            Ihr GesundheitsID-Code ist nur Ihnen bekannt und kann nicht wiederhergestellt werden. Nach fünf falschen Eingaben
            wird das Gerät gesperrt.
          </p>
          <p>
            Ihre AOK sendet Ihnen einen neuen Aktivierungsbrief. Mit ihm aktivieren Sie die App neu und legen einen neuen
            GesundheitsID-Code fest. Für den neuen Brief prüft Ihre AOK Ihre Identität: vor Ort mit Ausweis, mit Ihrer
            elektronischen Gesundheitskarte und PIN oder mit der Online-Ausweisfunktion Ihres Personalausweises.
          </p>
          <p>So erreichen Sie Ihre AOK:</p>
          <address id="forgot-insurer">Ihre AOK-Geschäftsstelle vor Ort</address>
          <Action id="forgot-back" kind="secondary">
            Zurück
          </Action>
        </Screen>
        <LoginScreens name={name} />
      </main>
    </HtmlDocument>
  );
}
