import Html from '@kitajs/html';
import { Checkbox, CsrfField, ErrorSummary, Field, PageMessages } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { DesktopLayout, type Signed } from './layout.tsx';
import type { NewUserErrors } from './local-users.ts';
import { PRODUCT } from './product.ts';

const BSI = 'https://www.bsi.bund.de/DE/Themen/Verbraucherinnen-und-Verbraucher/verbraucherinnen-und-verbraucher_node.html';

/** Manual 003 §1's hint under the login, word for word; the BSI's pages as a link. */
function ScreenLockHint() {
  return (
    <div class="notice notice--info desktop-hint">
      <p>
        <strong>Hinweis:</strong> Bitte schützen Sie Ihren PC immer mit einer Bildschirmsperre und einem sicheren PIN/Code bzw. Passwort. Auf den{' '}
        <a href={BSI} rel="noopener noreferrer">
          Informationsseiten des BSI
        </a>{' '}
        erhalten Sie Informationen zu sicheren Passwörtern sowie konkrete Hilfestellungen für eine sichere Einrichtung Ihres privaten Computers unter Windows,
        Ubuntu sowie macOS.
      </p>
    </div>
  );
}

/** "Anmelden" (manual 003 §1 and §4.3): the local user's name and Kennwort for this device. */
export function LoginPage(props: { csrf: string; name?: string; notice?: string; error?: string; waitSeconds?: number }) {
  return (
    <DesktopLayout title="Anmelden" narrow>
      <h1>Anmelden</h1>
      <p class="lead">Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an.</p>
      <PageMessages notice={props.notice} />
      {props.error ? (
        <div class="notice notice--error" role="alert">
          <p safe>{t(props.error)}</p>
          {props.waitSeconds ? <p safe>{`Der nächste Versuch ist in ${props.waitSeconds} Sekunden möglich.`}</p> : ''}
        </div>
      ) : (
        ''
      )}
      <form method="post" action="/anmelden" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="benutzername" label="Benutzername" value={props.name} autocomplete="username" maxlength={64} required />
        <Field name="kennwort" label="Kennwort" type="password" autocomplete="current-password" required />
        <div class="actions desktop-actions">
          <a class="button button--secondary" href="/benutzer-anlegen">
            Neuen lokalen Benutzer anlegen
          </a>
          <button type="submit" class="button">
            Anmelden
          </button>
        </div>
      </form>
      <ScreenLockHint />
    </DesktopLayout>
  );
}

/** "/" while a local user is logged in: where "Zurück" on the Übersicht leads. */
export function SignedInPage(props: { signed: Signed }) {
  return (
    <DesktopLayout title="Angemeldet" signed={props.signed} narrow>
      <h1>Angemeldet</h1>
      <p>
        Sie sind an diesem Gerät als <strong safe>{props.signed.name}</strong> angemeldet.
      </p>
      <div class="actions desktop-actions">
        <form method="post" action="/abmelden" class="inline">
          <CsrfField token={props.signed.csrf} />
          <button type="submit" class="button button--secondary">
            Abmelden
          </button>
        </form>
        <a class="button" href="/uebersicht">
          Zur Übersicht
        </a>
      </div>
    </DesktopLayout>
  );
}

const LABELS = { name: 'Benutzername', kennwort: 'Kennwort', kennwortRepeat: 'Kennwort wiederholen', terms: 'Nutzungsbedingungen' };

/** "Neuen lokalen Benutzer anlegen" (manual 003 §2): Benutzername, the Kennwort twice, the Nutzungsbedingungen. */
export function NewUserPage(props: { csrf: string; name?: string; terms?: boolean; errors?: NewUserErrors }) {
  const errors = props.errors ?? {};
  const text = (field: keyof NewUserErrors) => (errors[field] ? t(errors[field]) : undefined);
  const shown = Object.fromEntries(Object.entries(errors).map(([field, code]) => [field === 'name' ? 'benutzername' : field, t(code)]));
  return (
    <DesktopLayout title="Neuen lokalen Benutzer anlegen" back="/" narrow>
      <h1>Neuen lokalen Benutzer anlegen</h1>
      <p>
        Legen Sie einen Benutzernamen und ein Kennwort fest. Damit melden Sie sich künftig an diesem Gerät im {PRODUCT} Desktop Client an. Alles, was das
        Programm für Sie speichert, wird mit Ihrem Kennwort verschlüsselt; andere Benutzer dieses Computers können es nicht lesen.
      </p>
      <ErrorSummary errors={shown} labels={{ benutzername: LABELS.name, kennwort: LABELS.kennwort, kennwortRepeat: LABELS.kennwortRepeat, terms: LABELS.terms }} />
      <form method="post" action="/benutzer-anlegen" novalidate>
        <CsrfField token={props.csrf} />
        <Field name="benutzername" label="Benutzername" value={props.name} error={text('name')} autocomplete="username" maxlength={64} required />
        <Field
          name="kennwort"
          label="Kennwort"
          type="password"
          error={text('kennwort')}
          autocomplete="new-password"
          hint="Mindestens 12 Zeichen. Häufig verwendete Kennwörter und Ihr Benutzername sind nicht erlaubt."
          required
        />
        <Field name="kennwortRepeat" label="Kennwort wiederholen" type="password" error={text('kennwortRepeat')} autocomplete="new-password" required />
        <Checkbox name="terms" checked={props.terms} error={text('terms')}>
          <a href="/nutzungsbedingungen" target="_blank" rel="noopener">
            Nutzungsbedingungen
          </a>{' '}
          zur Kenntnis genommen
        </Checkbox>
        <div class="notice notice--warning">
          <p>
            Bitte merken Sie sich Ihr Kennwort gut. Vergessen Sie es, kann niemand die lokal gespeicherten Daten wiederherstellen, auch Ihre {PRODUCT.split(' ')[0]}{' '}
            nicht. Ihre elektronische Patientenakte selbst bleibt erhalten: Sie legen dann einen neuen lokalen Benutzer an und melden sich erneut an.
          </p>
        </div>
        <div class="actions desktop-actions">
          <a class="button button--secondary" href="/">
            Abbrechen
          </a>
          <button type="submit" class="button">
            Benutzer anlegen
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}

/**
 * What a browser the program did not open sees on every screen (launch-gate.ts): another account of
 * this computer, or one's own browser after it was closed, or an address used already or too old.
 */
export function LaunchRequiredPage() {
  return (
    <DesktopLayout title="Über das Programm öffnen" links={[]} narrow>
      <h1>Über das Programm öffnen</h1>
      <p safe>{t('epa_desktop.launch_required')}</p>
      <p>
        Der {PRODUCT} Desktop Client zeigt seine Seiten nur dem Browser, den das Programm geöffnet hat. Eine Adresse, die das Programm ausgegeben hat, gilt
        einmal und 2 Minuten lang.
      </p>
      <p>
        Starten Sie das Programm „pforte-epa“. Läuft es bereits, drücken Sie in seinem Fenster die Eingabetaste: Es öffnet den ePA-Client dann erneut in Ihrem
        Browser oder zeigt eine neue Adresse dafür an.
      </p>
    </DesktopLayout>
  );
}

/**
 * The launch page's answer when the browser came from the program's launch page on disk: a
 * navigation started by a file page is cross-site, and a redirect in that chain would not carry
 * the SameSite=Strict cookie just set. This page's own forward starts at the program's origin, so it does.
 */
export function LaunchForwardPage() {
  return (
    <DesktopLayout title="ePA Desktop Client" links={[]} narrow meta={<meta http-equiv="refresh" content="0;url=/" />}>
      <h1>ePA Desktop Client</h1>
      <p>
        <a href="/">Weiter zum {PRODUCT} Desktop Client</a>
      </p>
    </DesktopLayout>
  );
}
