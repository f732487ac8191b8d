import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field, Notice, PageMessages, Select } from '../../../core/ui/components.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { BRAND } from '../product.ts';

const TITLE = 'Elektronische Patientenakte (ePA)';

/** Manual 003 §4's prerequisite, word for word. */
export const PREREQUISITE = `Bevor Sie sich mit Ihrer „${BRAND} Ident“-App beim Desktop-Client anmelden können, müssen Sie bereits für die ePA registriert sein.`;

export interface SetupErrors {
  kasse?: string;
  kvnr?: string;
}

/**
 * The first ePA login of a local user (manual 003 §4): "AOK-Kasse" and "Versichertennummer", with the
 * Voraussetzung. Shown again, filled in, when the person corrects a Versichertennummer.
 */
export function SetupPage(props: { signed: Signed; insurers: { id: string; name: string }[]; kasse?: string; kvnr?: string; errors?: SetupErrors; change?: boolean }) {
  const errors = props.errors ?? {};
  return (
    <DesktopLayout title={TITLE} signed={props.signed} back="/uebersicht" narrow>
      <h1>{TITLE}</h1>
      <p class="lead">
        Bitte geben Sie Ihre <strong>{BRAND}-Kasse</strong> und Ihre <strong>Versichertennummer</strong> ein. Dieser Schritt erfolgt nur bei der ersten Anmeldung mit
        Ihrem lokalen Benutzer; danach melden Sie sich direkt mit Ihrer „{BRAND} Ident“-App an.
      </p>
      <Notice kind="info" title="Voraussetzung">
        <p>
          {PREREQUISITE} <a href="/noch-keine-epa">Noch keine ePA vorhanden?</a>
        </p>
      </Notice>
      <ErrorSummary errors={errors as Record<string, string>} labels={{ kasse: `${BRAND}-Kasse`, kvnr: 'Versichertennummer' }} />
      <form method="post" action="/epa" novalidate>
        <CsrfField token={props.signed.csrf} />
        <Select
          name="kasse"
          label={`${BRAND}-Kasse`}
          options={props.insurers.map((i) => ({ value: i.id, label: i.name }))}
          value={props.kasse}
          placeholder="Bitte auswählen"
          error={errors.kasse}
          required
        />
        <Field
          name="kvnr"
          label="Versichertennummer"
          value={props.kvnr}
          error={errors.kvnr}
          hint="Die zehnstellige Nummer auf Ihrer Gesundheitskarte: ein Buchstabe und neun Ziffern, zum Beispiel A123456780."
          maxlength={10}
          autocomplete="off"
          required
        />
        <p class="small">Beides wird nur auf diesem Gerät gespeichert, verschlüsselt mit Ihrem Kennwort.</p>
        <div class="actions desktop-actions">
          <a class="button button--secondary" href="/uebersicht">
            Abbrechen
          </a>
          <button type="submit" class="button">
            {props.change ? 'Speichern und anmelden' : `Weiter zur „${BRAND} Ident“-App`}
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}

/** A login that did not lead into the ePA: the reason, and the ways on. */
export function LoginProblemPage(props: { signed?: Signed; message: string; changeKvnr?: boolean }) {
  return (
    <DesktopLayout title="Anmeldung mit der „AOK Ident“-App" signed={props.signed} back={props.signed ? '/uebersicht' : undefined} narrow>
      <h1>Anmeldung mit der „{BRAND} Ident“-App</h1>
      <Notice kind="error">
        <p safe>{props.message}</p>
      </Notice>
      <div class="actions desktop-actions">
        {props.changeKvnr ? (
          <a class="button button--secondary" href="/epa/angaben">
            Versichertennummer ändern
          </a>
        ) : (
          <a class="button button--secondary" href={props.signed ? '/uebersicht' : '/'}>
            {props.signed ? 'Zur Übersicht' : 'Zur Anmeldung'}
          </a>
        )}
        <a class="button" href="/epa/anmelden">
          Erneut mit der „{BRAND} Ident“-App anmelden
        </a>
      </div>
    </DesktopLayout>
  );
}

/**
 * Where "Öffne AOK Mein Leben.app" lands once the code was exchanged: the browser comes from the
 * provider's site, which sends no same-site cookie; this page goes on to the ePA from our own page.
 */
export function CallbackDonePage() {
  return (
    <DesktopLayout title="Anmeldung abgeschlossen" meta={<meta http-equiv="refresh" content="0;url=/epa" />} narrow>
      <h1>Anmeldung abgeschlossen</h1>
      <p>Ihre Anmeldung mit der „{BRAND} Ident“-App war erfolgreich.</p>
      <div class="actions desktop-actions">
        <a class="button" href="/epa">
          Weiter
        </a>
      </div>
    </DesktopLayout>
  );
}

export interface UnlockView {
  deviceName: string;
  /** when the mailed code runs out; unknown when the registration is gone */
  expiresAt?: string;
  /** the code's field may be used (a registration waits for it) */
  pending: boolean;
}

/**
 * "Endgerät freischalten" (manual 003 §4.2): the Bestätigungscode from the e-mail, "Bestätigen"; every
 * refusal at the field. When the registration is gone (five wrong codes, expired) or none was made,
 * "Gerät erneut freischalten" asks for a new code; a wait after three failures names its end.
 */
export function UnlockPage(props: { signed: Signed; view: UnlockView; error?: string; blocked?: string; code?: string; notice?: string }) {
  const { view } = props;
  return (
    <DesktopLayout title="Endgerät freischalten" signed={props.signed} back="/uebersicht" narrow>
      <h1>Endgerät freischalten</h1>
      {view.pending ? <p class="lead">Bitte geben Sie den Bestätigungscode aus Ihrer E-Mail an.</p> : ''}
      <p>
        Sie nutzen Ihre ePA zum ersten Mal auf diesem Gerät („<span safe>{view.deviceName}</span>“). Damit niemand sonst es freischalten kann, hat Ihre {BRAND} einen
        sechsstelligen Bestätigungscode an Ihre bei der {BRAND} hinterlegte E-Mail-Adresse gesendet.
        {view.expiresAt ? <span safe>{` Er gilt bis ${view.expiresAt}.`}</span> : ''}
      </p>
      <PageMessages notice={props.notice} />
      {props.blocked ? (
        <Notice kind="error">
          <p safe>{props.blocked}</p>
        </Notice>
      ) : (
        ''
      )}
      {view.pending ? (
        <>
          <ErrorSummary errors={props.error ? { code: props.error } : {}} labels={{ code: 'Bestätigungscode' }} />
          <form method="post" action="/epa/freischalten" novalidate>
            <CsrfField token={props.signed.csrf} />
            <Field
              name="code"
              label="Bestätigungscode"
              value={props.code}
              error={props.error}
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength={6}
              hint="Sechs Ziffern"
              required
            />
            <div class="actions desktop-actions">
              <button type="submit" class="button">
                Bestätigen
              </button>
            </div>
          </form>
        </>
      ) : props.error ? (
        <Notice kind="error">
          <p safe>{props.error}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.blocked ? (
        ''
      ) : (
        <form method="post" action="/epa/freischalten/neu" class="desktop-secondary-form">
          <CsrfField token={props.signed.csrf} />
          <p class="small">{view.pending ? 'Keine E-Mail erhalten oder Code abgelaufen?' : 'Schalten Sie dieses Gerät erneut frei; Sie erhalten einen neuen Bestätigungscode.'}</p>
          <button type="submit" class={view.pending ? 'button button--secondary' : 'button'}>
            {view.pending ? 'Neuen Bestätigungscode anfordern' : 'Gerät erneut freischalten'}
          </button>
        </form>
      )}
    </DesktopLayout>
  );
}

/** Who is signed in to the ePA, and its "Abmelden" (ends the ePA login at the AOK and the local session). */
export function EpaSignedInBar(props: { signed: Signed; kvnr: string }) {
  return (
    <div class="epa-signed-in">
      <p>
        Angemeldet in der ePA mit der Versichertennummer <strong safe>{props.kvnr}</strong>
      </p>
      <form method="post" action="/epa/abmelden" class="inline">
        <CsrfField token={props.signed.csrf} />
        <button type="submit" class="button button--secondary">
          Abmelden
        </button>
      </form>
    </div>
  );
}
