import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../ui/layout.tsx';
import {
  Checkbox,
  CsrfField,
  ErrorSummary,
  Field,
  Notice,
  Select,
  Stepper,
  formatBytes,
  formatDate,
  type StepState,
} from '../../ui/components.tsx';
import { t } from '../../i18n/de.ts';
import type { ConsentDocument } from '../../consents/documents.ts';
import type { CompanyFields } from '../definition.ts';
import type { RegistrationView } from '../../registration/service.ts';
import type { StoredFileInfo } from '../../files/registration-files.ts';
import { formLabels, personalLabels, salutations, titles, type FormValues } from './form.ts';
import { Blocks } from './blocks.tsx';

/** the steps' names where a portal brings none (each portal's definition names them as its manual does) */
const WIZARD_STEPS = ['Persönliche Daten', 'Arbeitgeberbescheinigung', 'Geräteregistrierung', 'Abschluss'] as const;
const ACCEPT = '.docx,.xlsx,.pptx,.pdf,.jpg,.jpeg,.png,.gif,.tif,.tiff,.heic,.txt';

export function wizard(current: number, steps: readonly string[] = WIZARD_STEPS) {
  return steps.map((label, i) => ({
    label,
    state: (i < current ? 'done' : i === current ? 'current' : 'open') as StepState,
  }));
}

function messages(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, code]) => [k, t(code)]));
}

export function RegistrationFormPage(props: {
  chrome: PortalChrome;
  csrf: string;
  flowId: string;
  company: CompanyFields;
  consents: { terms: ConsentDocument; privacy: ConsentDocument };
  values?: FormValues;
  errors?: Record<string, string>;
  /** what the portal found for the typed company values */
  info?: Record<string, string>;
  expired?: boolean;
}) {
  const BASE = props.chrome.base;
  const v = props.values ?? {};
  const e = messages(props.errors ?? {});
  return (
    <Layout title={Object.keys(e).length ? `Fehler: Persönliche Daten` : 'Persönliche Daten'} chrome={props.chrome} scripts={props.company.script ? [props.company.script] : undefined}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(0, props.chrome.registration?.steps)} />
      {props.expired ? (
        <Notice kind="warning">
          <p>Das Formular war abgelaufen. Bitte geben Sie Ihre Daten erneut ein.</p>
        </Notice>
      ) : (
        ''
      )}
      <ErrorSummary errors={e} labels={formLabels(props.company, props.consents)} />
      <form method="post" action={`${BASE}/registrierung?flow=${encodeURIComponent(props.flowId)}`} novalidate>
        <CsrfField token={props.csrf} />
        <h2>Persönliche Daten</h2>
        <Blocks blocks={props.chrome.registration?.personal.intro} />
        {props.company.render({ values: v, errors: e, base: BASE, info: props.info ?? {} })}
        <fieldset>
          <legend>Persönliche Informationen</legend>
          <div class="row">
            <Select
              name="salutation"
              label={personalLabels.salutation!}
              placeholder="Bitte wählen"
              options={salutations.map((s) => ({ value: s, label: s }))}
              value={v.salutation}
              error={e.salutation}
              required
            />
            <Select
              name="title"
              label={personalLabels.title!}
              options={titles.map((s) => ({ value: s, label: s || 'kein Titel' }))}
              value={v.title}
              error={e.title}
            />
          </div>
          <Field name="firstName" label="Vorname" value={v.firstName} error={e.firstName} autocomplete="given-name" maxlength={100} required />
          <Field name="lastName" label="Nachname" value={v.lastName} error={e.lastName} autocomplete="family-name" maxlength={100} required />
          <Field name="email" label="E-Mail-Adresse" type="email" value={v.email} error={e.email} autocomplete="email" maxlength={254} required />
          <Field
            name="password"
            label="Passwort"
            type="password"
            error={e.password}
            autocomplete="new-password"
            hint="Mindestens 12 Zeichen. Häufig verwendete Passwörter und Ihre E-Mail-Adresse sind nicht erlaubt."
            required
          />
          <Field name="passwordRepeat" label="Passwort wiederholen" type="password" error={e.passwordRepeat} autocomplete="new-password" required />
        </fieldset>
        <fieldset>
          <legend>Einwilligungen</legend>
          <Blocks blocks={props.chrome.registration?.personal.consents} />
          <Checkbox name="termsAccepted" checked={v.termsAccepted === 'ja'} error={e.termsAccepted}>
            <>
              Ich habe die <a href={`${BASE}/${props.consents.terms.id}`} target="_blank">Nutzungsbedingungen</a> gelesen und akzeptiere sie.
            </>
          </Checkbox>
          <Checkbox name="privacyAccepted" checked={v.privacyAccepted === 'ja'} error={e.privacyAccepted}>
            <>
              Ich habe die{' '}
              <a href={`${BASE}/${props.consents.privacy.id}`} target="_blank" safe>
                {props.consents.privacy.title}
              </a>{' '}
              {props.consents.privacy.acceptance}
            </>
          </Checkbox>
        </fieldset>
        <div class="actions">
          <button type="submit" class="button">
            Weiter
          </button>
        </div>
      </form>
    </Layout>
  );
}

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
      <p>
        <a class="button" href={`${BASE}/registrierung/bescheinigung`}>
          Registrierung fortsetzen
        </a>
      </p>
    </Layout>
  );
}

/** A confirmation or status link that cannot be used: say why and how to go on. */
export function LinkProblemPage(props: { chrome: PortalChrome; csrf: string; code: string }) {
  const BASE = props.chrome.base;
  const used = props.code === 'token.used';
  const expired = props.code === 'token.expired';
  return (
    <Layout title="Link nicht gültig" chrome={props.chrome}>
      <h1>{used ? 'Link bereits verwendet' : expired ? 'Link abgelaufen' : 'Link ungültig'}</h1>
      <Notice kind="warning">
        <p safe>{t(props.code)}</p>
      </Notice>
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
    </Layout>
  );
}

export function SessionNeededPage(props: { chrome: PortalChrome; csrf: string }) {
  return (
    <Layout title="Registrierungsstatus" chrome={props.chrome}>
      <h1>Registrierung fortsetzen</h1>
      <Notice kind="info">
        <p safe>{t('session.required')}</p>
      </Notice>
      <ResendForm base={props.chrome.base} csrf={props.csrf} />
    </Layout>
  );
}

function FileList(props: { files: StoredFileInfo[]; csrf: string; base: string; deleteLabel?: string }) {
  const BASE = props.base;
  if (props.files.length === 0) return <p id="attachments">Noch keine Datei hochgeladen.</p>;
  return (
    <ul class="attachments" id="attachments" aria-label="Hochgeladene Dateien">
      {props.files.map((f) => (
        <li>
          <span class="attachments__name" safe>
            {f.name}
          </span>{' '}
          <span class="attachments__meta">
            ({f.ext.toUpperCase()}, {formatBytes(f.size)})
          </span>
          <form method="post" action={`${BASE}/registrierung/bescheinigung/dateien/${f.id}/loeschen`} class="inline">
            <CsrfField token={props.csrf} />
            <button type="submit" class="button button--link" aria-label={`${f.name} löschen`}>
              {props.deleteLabel ?? 'Löschen'}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

export function CertificatePage(props: {
  chrome: PortalChrome;
  csrf: string;
  files: StoredFileInfo[];
  uploaded?: number;
  deleted?: boolean;
  error?: string;
}) {
  const BASE = props.chrome.base;
  const error = props.error ? t(props.error) : undefined;
  return (
    <Layout title={error ? 'Fehler: Arbeitgeberbescheinigung' : 'Arbeitgeberbescheinigung'} chrome={props.chrome} scripts={['/assets/build/upload.js']}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={wizard(1, props.chrome.registration?.steps)} />
      <Blocks blocks={props.chrome.registration?.certificate.beforeDownload} />
      <h2>Arbeitgeberbescheinigung</h2>
      <p>
        Im Rahmen der Erstregistrierung bzw. bei Rücksetzung des Authentifikations-Gerätes ist eine aktuelle
        Arbeitgeberbescheinigung erforderlich. Durch diese werden Sie als Administrator bevollmächtigt. Nutzen Sie hierzu folgenden
        Link:
      </p>
      <p>
        <a class="button button--secondary" href={`${BASE}/registrierung/bescheinigung.pdf`} download="">
          PDF herunterladen
        </a>
      </p>
      <Blocks blocks={props.chrome.registration?.certificate.afterDownload} />
      <h2 safe>{props.chrome.registration?.certificate.uploadHeading ?? 'Upload Arbeitgeberbescheinigung'}</h2>
      <Blocks blocks={props.chrome.registration?.certificate.uploadIntro} />
      {props.uploaded ? (
        <Notice kind="success">
          <p>{props.uploaded === 1 ? 'Die Datei wurde hochgeladen und als Anhang gespeichert.' : 'Die Dateien wurden hochgeladen und als Anhang gespeichert.'}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.deleted ? (
        <Notice kind="info">
          <p>Die Datei wurde gelöscht.</p>
        </Notice>
      ) : (
        ''
      )}
      <h3>Anhänge</h3>
      <FileList base={props.chrome.base} files={props.files} csrf={props.csrf} deleteLabel={props.chrome.registration?.certificate.deleteLabel} />
      <form method="post" action={`${BASE}/registrierung/bescheinigung/upload`} enctype="multipart/form-data" class="upload" novalidate>
        <CsrfField token={props.csrf} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for="f-files">Datei auswählen</label>
          <p class="hint" id="f-files-hint" safe>
            {props.chrome.registration?.certificate.fileHint ?? 'Zusammen höchstens 10 MB; erlaubt sind docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx und pdf.'}
          </p>
          {error ? (
            <p class="field-error" id="f-files-error" role="alert">
              <span class="visually-hidden">Fehler: </span>
              <span safe>{error}</span>
            </p>
          ) : (
            ''
          )}
          <input
            type="file"
            id="f-files"
            name="files"
            multiple
            accept={ACCEPT}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-files-hint f-files-error' : 'f-files-hint'}
          />
        </div>
        <progress class="upload__progress" max="100" value="0" hidden></progress>
        <p class="upload__status" role="status" aria-live="polite"></p>
        <button type="submit" class="button button--secondary">
          Hochladen
        </button>
      </form>
      <div class="actions">
        <a class="button" href={`${BASE}/registrierung/geraet`}>
          Weiter
        </a>
      </div>
      <Blocks blocks={props.chrome.registration?.certificate.closing} />
    </Layout>
  );
}

type Row = { label: string; done: boolean; doneText: string; action?: { href: string; label: string } ; pendingText?: string };

export function StatusPage(props: { chrome: PortalChrome; registration: RegistrationView }) {
  const BASE = props.chrome.base;
  const s = props.registration.steps;
  const rows: Row[] = [
    { label: 'Bestätigung Ihrer E-Mail-Adresse', done: Boolean(s.email_confirmed), doneText: 'Erfolgreich abgeschlossen', pendingText: 'Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link in der E-Mail.' },
    { label: 'Download Arbeitgeberbescheinigung', done: Boolean(s.certificate_downloaded), doneText: 'Erfolgreich abgeschlossen', action: { href: `${BASE}/registrierung/bescheinigung.pdf`, label: 'Dokument (erneut) herunterladen' } },
    { label: 'Upload Arbeitgeberbescheinigung', done: Boolean(s.certificate_uploaded), doneText: 'Erfolgreich abgeschlossen', action: { href: `${BASE}/registrierung/bescheinigung#f-files`, label: 'Dokument (erneut) hochladen' } },
    { label: 'Geräteregistrierung', done: Boolean(s.device_registered), doneText: 'Erfolgreich abgeschlossen', action: s.device_registered ? undefined : { href: `${BASE}/registrierung/geraet`, label: 'Authentifikations-Gerät hinzufügen' } },
    { label: 'Aktivierung durch AOK-Administrator', done: Boolean(s.activated), doneText: 'Erfolgreich abgeschlossen', pendingText: 'Steht noch aus' },
  ];
  const confirmed = Boolean(s.email_confirmed);
  return (
    <Layout title="Status Ihrer Registrierung" chrome={props.chrome}>
      <p class="eyebrow">{props.chrome.registration?.title}</p>
      <h1>Status Ihrer Registrierung</h1>
      {props.registration.rejectionReason ? (
        <Notice kind="warning" title="Ihre AOK konnte die Registrierung nicht freischalten.">
          <p>
            Grund: <span safe>{props.registration.rejectionReason}</span>
          </p>
          <p>Bitte laden Sie eine korrigierte Arbeitgeberbescheinigung hoch; danach wird Ihre Registrierung erneut geprüft.</p>
        </Notice>
      ) : (
        ''
      )}
      <p>
        <strong>Nächster Schritt:</strong> Bitte führen Sie alle Registrierungsschritte durch. Ob ein Registrierungsschritt
        erfolgreich abgeschlossen wurde, erkennen Sie an dem grünen Haken.
      </p>
      <ul class="status-list">
        {rows.map((r) => (
          <li class={r.done ? 'status-list__item status-list__item--done' : 'status-list__item'}>
            <span class="status-list__icon" aria-hidden="true">
              {r.done ? '✔' : '○'}
            </span>
            <span class="status-list__label" safe>
              {r.label}
            </span>
            <span class="status-list__state">
              {r.done && !r.action ? (
                <span>{r.doneText}</span>
              ) : r.action && confirmed ? (
                <>
                  {r.done ? <span class="visually-hidden">Erledigt. </span> : ''}
                  <a href={r.action.href} safe>
                    {r.action.label}
                  </a>
                </>
              ) : (
                <span safe>{r.pendingText ?? 'Steht noch aus'}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p class="small">
        Registriert für <span safe>{props.registration.insurer.name}</span>, {props.chrome.registration?.identifierLabel}{' '}
        <span safe>{props.registration.identifier}</span>. Bitte schließen Sie die Registrierung bis zum{' '}
        {formatDate(props.registration.expiresAt)} ab, anderenfalls werden Ihre Registrierungsdaten gelöscht.
      </p>
    </Layout>
  );
}
