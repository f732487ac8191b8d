import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
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
} from '../../../core/ui/components.tsx';
import { t } from '../../../core/i18n/de.ts';
import type { ConsentDocument } from '../../../core/consents/documents.ts';
import type { CompanyFields } from '../../../core/portal/definition.ts';
import type { RegistrationView } from '../service.ts';
import type { RegistrationStep, StepDates } from '../steps.ts';
import type { StoredFileInfo } from '../files.ts';
import { formLabels, personalLabels, salutations, titles, type FormValues } from '../form.ts';
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

/**
 * "Anhänge": the stored files, each with its delete button. The list sits inside the upload form
 * (forms cannot nest), so each button posts to its own address as a plain form; the upload script
 * replaces the list with the one the upload answers.
 */
export function FileList(props: { files: StoredFileInfo[]; base: string; deleteLabel?: string }) {
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
          </span>{' '}
          <button
            type="submit"
            class="button button--link"
            formaction={`${BASE}/registrierung/bescheinigung/dateien/${f.id}/loeschen`}
            formenctype="application/x-www-form-urlencoded"
            formnovalidate
            aria-label={`${f.name} löschen`}
          >
            {props.deleteLabel ?? 'Löschen'}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** What the upload says once the files are stored. */
export function uploadedMessage(count: number): string {
  return count === 1 ? 'Die Datei wurde hochgeladen und als Anhang gespeichert.' : 'Die Dateien wurden hochgeladen und als Anhang gespeichert.';
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
          <p>{uploadedMessage(props.uploaded)}</p>
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
      {/* One form: "Weiter" sends a chosen file with it, so none is lost; with JavaScript the choice
          uploads at once (upload.ts) and "Weiter" waits for it. */}
      <form method="post" action={`${BASE}/registrierung/bescheinigung/upload`} enctype="multipart/form-data" class="upload" novalidate>
        <CsrfField token={props.csrf} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for="f-files">Datei auswählen</label>
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
            aria-describedby={error ? 'f-files-hint f-files-wait f-files-error' : 'f-files-hint f-files-wait'}
          />
          {/* manual 000 step 7: first the hint to wait for the upload, then the portal's tip */}
          <p class="hint" id="f-files-wait">
            Sobald der Upload abgeschlossen ist, wird die hochgeladene Datei als Anhang angezeigt. Bitte warten Sie diese Meldung
            ab, bevor Sie auf „Weiter“ klicken. Andernfalls wird der Upload unterbrochen.
          </p>
          <p class="hint" id="f-files-hint" safe>
            {props.chrome.registration?.certificate.fileHint ?? 'Zusammen höchstens 10 MB; erlaubt sind docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx und pdf.'}
          </p>
        </div>
        <progress class="upload__progress" max="100" value="0" aria-label="Fortschritt des Uploads" hidden></progress>
        <p class="upload__status" role="status" aria-live="polite"></p>
        <button type="submit" name="aktion" value="hochladen" class="button button--secondary upload__send">
          Hochladen
        </button>
        <h3>Anhänge</h3>
        <FileList base={props.chrome.base} files={props.files} deleteLabel={props.chrome.registration?.certificate.deleteLabel} />
        <div class="actions">
          <button type="submit" name="aktion" value="weiter" class="button upload__next">
            Weiter
          </button>
        </div>
      </form>
      <Blocks blocks={props.chrome.registration?.certificate.closing} />
    </Layout>
  );
}

type StatusRow = {
  step: RegistrationStep;
  label: string;
  done: boolean;
  action?: { href: string; label: string };
  pendingText?: string;
};

/** The rows of "Status Ihrer Registrierung" (manual 000 steps 5 and 13), with the action that does each step. */
function statusRows(base: string, brand: string, s: StepDates): StatusRow[] {
  return [
    { step: 'email_confirmed', label: 'Bestätigung Ihrer E-Mail-Adresse', done: Boolean(s.email_confirmed), pendingText: 'Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link in der E-Mail.' },
    { step: 'certificate_downloaded', label: 'Download Arbeitgeberbescheinigung', done: Boolean(s.certificate_downloaded), action: { href: `${base}/registrierung/bescheinigung.pdf`, label: 'Dokument (erneut) herunterladen' } },
    { step: 'certificate_uploaded', label: 'Upload Arbeitgeberbescheinigung', done: Boolean(s.certificate_uploaded), action: { href: `${base}/registrierung/bescheinigung#f-files`, label: 'Dokument (erneut) hochladen' } },
    { step: 'device_registered', label: 'Geräteregistrierung', done: Boolean(s.device_registered), action: s.device_registered ? undefined : { href: `${base}/registrierung/geraet`, label: 'Authentifikations-Gerät hinzufügen' } },
    { step: 'activated', label: `Aktivierung durch ${brand}-Administrator`, done: Boolean(s.activated), pendingText: 'Steht noch aus' },
  ];
}

/** The status list of the status page and the Abschluss: ✔ or ○ per step, and its action while the e-mail is confirmed. */
function StatusList(props: { rows: StatusRow[]; confirmed: boolean }) {
  return (
    <ul class="status-list">
      {props.rows.map((r) => (
        <li class={r.done ? 'status-list__item status-list__item--done' : 'status-list__item'}>
          <span class="status-list__icon" aria-hidden="true">
            {r.done ? '✔' : '○'}
          </span>
          <span class="status-list__label" safe>
            {r.label}
          </span>
          <span class="status-list__state">
            {r.done && !r.action ? (
              <span>Erfolgreich abgeschlossen</span>
            ) : r.action && props.confirmed ? (
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
  );
}

export function StatusPage(props: { chrome: PortalChrome; brand: string; registration: RegistrationView }) {
  const s = props.registration.steps;
  return (
    <Layout title="Status Ihrer Registrierung" chrome={props.chrome}>
      <p class="eyebrow">{props.chrome.registration?.title}</p>
      <h1>Status Ihrer Registrierung</h1>
      {props.registration.rejectionReason ? (
        <Notice kind="warning" title={`Ihre ${props.brand} konnte die Registrierung nicht freischalten.`}>
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
      <StatusList rows={statusRows(props.chrome.base, props.brand, s)} confirmed={Boolean(s.email_confirmed)} />
      <p class="small">
        Registriert für <span safe>{props.registration.insurer.name}</span>, {props.chrome.registration?.identifierLabel}{' '}
        <span safe>{props.registration.identifier}</span>. Bitte schließen Sie die Registrierung bis zum{' '}
        {formatDate(props.registration.expiresAt)} ab, anderenfalls werden Ihre Registrierungsdaten gelöscht.
      </p>
    </Layout>
  );
}

/**
 * "Abschluss" (manual 000 step 13, 002 §2.4): the status list, and "vollständig" only when the
 * insurer has all it needs (see `missingSteps`); otherwise what is missing, each with its action.
 */
export function CompletionPage(props: { chrome: PortalChrome; brand: string; registration: RegistrationView }) {
  const BASE = props.chrome.base;
  const r = props.registration;
  const rows = statusRows(BASE, props.brand, r.steps);
  const missing = rows.filter((row) => (r.missing as readonly RegistrationStep[]).includes(row.step));
  const complete = missing.length === 0;
  const words = props.chrome.registration?.completion;
  const done = words?.done ?? [
    `Der Login ist erst nach Prüfung durch Ihre ${props.brand} möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde. Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen. Dies kann wenige Tage in Anspruch nehmen.`,
  ];
  // the stepper shows the certificate and device steps as they are, not as passed
  const open = (i: number) => (i === 1 && !r.steps.certificate_uploaded) || (i === 2 && !r.steps.device_registered);
  const steps = wizard(3, props.chrome.registration?.steps).map((step, i) => (open(i) ? { ...step, state: 'open' as StepState } : step));
  return (
    <Layout title={complete ? 'Abschluss' : 'Abschluss – Registrierung noch nicht vollständig'} chrome={props.chrome}>
      <h1>{props.chrome.registration?.title}</h1>
      <Stepper steps={steps} />
      <h2>Abschluss</h2>
      <h3>Status Ihrer Registrierung</h3>
      <StatusList rows={rows} confirmed={Boolean(r.steps.email_confirmed)} />
      {complete ? (
        <Notice kind="success" title="Ihre Registrierung ist vollständig.">
          <Blocks blocks={done} />
        </Notice>
      ) : (
        <>
          <Notice kind="warning" title="Ihre Registrierung ist noch nicht vollständig.">
            <p>Ihre {props.brand} kann Ihren Zugang erst prüfen und freischalten, wenn alle Schritte erledigt sind. Es fehlt noch:</p>
            <ul class="missing-steps">
              {missing.map((m) => (
                <li>
                  <span safe>{m.label}</span>:{' '}
                  {m.action ? (
                    <a href={m.action.href} safe>
                      {m.action.label}
                    </a>
                  ) : (
                    <span safe>{m.pendingText ?? 'Steht noch aus'}</span>
                  )}
                </li>
              ))}
            </ul>
          </Notice>
          <Blocks blocks={words?.pending} />
        </>
      )}
      <p>
        <a href={`${BASE}/registrierung/status`}>Zum Registrierungsstatus</a>
      </p>
    </Layout>
  );
}
