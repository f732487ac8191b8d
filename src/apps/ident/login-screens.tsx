import Html from '@kitajs/html';
import { AppForm, Screen } from '../app-screens.tsx';

/** On the app's start screen: the two ways to a login request (manual 003 §4.1). */
export function LoginStart() {
  return (
    <div class="actions actions--left">
      <button type="button" class="button" id="login-scan">
        QR-Code scannen
      </button>
      <button type="button" class="button button--secondary" id="login-type">
        Code eingeben
      </button>
    </div>
  );
}

const Back = () => (
  <button type="button" class="button button--secondary" data-home="">
    Zurück
  </button>
);

/**
 * The QR login in the app: the camera reads the login page's QR code (or the person types the code
 * under it); the app shows who asks, from which browser and when, offers three numbers of which the
 * page shows one, and approves with the GesundheitsID-Code, or declines. The script is ident-login-app.ts.
 */
export function LoginScreens(props: { name: string }) {
  return (
    <>
      <Screen id="screen-scan" title="QR-Code scannen">
        <p>Richten Sie die Kamera auf den QR-Code der Anmeldeseite.</p>
        <video id="scan-video" class="app-scan" muted aria-label="Bild der Kamera"></video>
        <p class="field-error" id="scan-error" role="alert" hidden></p>
        <div class="actions actions--left">
          <button type="button" class="button button--secondary" id="scan-to-code">
            Code eingeben
          </button>
          <Back />
        </div>
      </Screen>

      <Screen id="screen-code" title="Code eingeben">
        <p>Geben Sie den Code ein, der auf der Anmeldeseite unter dem QR-Code steht.</p>
        <AppForm name="code" button="Weiter">
          <div class="field">
            <label for="login-code">Code</label>
            <p class="hint" id="login-code-hint">
              Acht Zeichen, z. B. K7MP-Q2XD.
            </p>
            <input id="login-code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="12" aria-describedby="login-code-hint code-error" required />
          </div>
        </AppForm>
        <Back />
      </Screen>

      <Screen id="screen-request" title="Anmeldung bestätigen">
        <p>
          Anmeldung bei <strong id="request-client"></strong>
        </p>
        <dl class="app-facts">
          <dt>Angefragt von</dt>
          <dd id="request-browser"></dd>
          <dt>Zeitpunkt</dt>
          <dd id="request-time"></dd>
        </dl>
        <p>Haben Sie diese Anmeldung nicht gerade selbst begonnen, wählen Sie „Ablehnen“.</p>
        <form id="form-approve" novalidate>
          <fieldset class="app-numbers">
            <legend>Welche Zahl zeigt die Anmeldeseite?</legend>
            {[0, 1, 2].map((i) => (
              <label class="app-number">
                <input type="radio" name="number" id={`request-number-${i}`} value="" required />
                <span id={`request-number-${i}-label`}></span>
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="approve-pin">GesundheitsID-Code</label>
            <input id="approve-pin" type="password" inputmode="numeric" autocomplete="current-password" maxlength="6" aria-describedby="approve-error" required />
          </div>
          <p class="field-error" id="approve-error" role="alert" hidden></p>
          <div class="actions actions--left">
            <button type="submit" class="button">
              Anmelden
            </button>
            <button type="button" class="button button--secondary" id="request-decline">
              Ablehnen
            </button>
          </div>
        </form>
      </Screen>

      <Screen id="screen-approved" title="Anmeldung bestätigt">
        <p>
          Sie haben die Anmeldung bei <strong id="approved-client"></strong> bestätigt. Auf dem Gerät mit der Anmeldeseite geht es weiter.
        </p>
        <Back />
      </Screen>

      <Screen id="screen-declined" title="Anmeldung abgelehnt">
        <p>Sie haben die Anmeldung abgelehnt. Niemand wurde angemeldet.</p>
        <Back />
      </Screen>

      <Screen id="screen-ended" title="Anmeldung nicht möglich">
        <p id="ended-message"></p>
        <p safe>{`Für eine neue Anmeldung scannen Sie den QR-Code, den die Anmeldeseite dann zeigt, mit Ihrer ${props.name}-App.`}</p>
        <Back />
      </Screen>
    </>
  );
}
