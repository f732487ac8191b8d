import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../core/ui/layout.tsx';
import { CsrfField, Notice, Stepper, UPLOAD_ACCEPT } from '../../../core/ui/components.tsx';
import { AttachmentList } from '../../../core/ui/attachments.tsx';
import { t } from '../../../core/i18n/de.ts';
import type { StoredFileInfo } from '../files.ts';
import { Blocks } from './blocks.tsx';
import { wizard } from './progress.ts';

/**
 * "Anhänge": the stored files, each with its delete button. The list sits inside the upload form
 * (forms cannot nest), so each button posts to its own address as a plain form; the upload script
 * replaces the list with the one the upload answers.
 */
export function FileList(props: { files: StoredFileInfo[]; base: string; deleteLabel?: string }) {
  if (props.files.length === 0) return <p id="attachments">Noch keine Datei hochgeladen.</p>;
  return (
    <AttachmentList
      files={props.files}
      id="attachments"
      label="Hochgeladene Dateien"
      action={(f) => (
        <button
          type="submit"
          class="button button--link"
          formaction={`${props.base}/registrierung/bescheinigung/dateien/${f.id}/loeschen`}
          formenctype="application/x-www-form-urlencoded"
          formnovalidate
          aria-label={`${f.name} löschen`}
        >
          {props.deleteLabel ?? 'Löschen'}
        </button>
      )}
    />
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
            accept={UPLOAD_ACCEPT}
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

