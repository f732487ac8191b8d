import Html from '@kitajs/html';
import { CsrfField, FileField, Notice } from './components.tsx';
import { t } from '../i18n/de.ts';

/**
 * The answer to an import file with errors (all or nothing): that nothing changed, every error by
 * its line, and whether the list is cut. `unchanged` names what stayed as it was ("das IK-Register").
 */
export function ImportRefused(props: { unchanged: string; errors: string[]; truncated?: boolean }) {
  if (!props.errors.length) return '';
  return (
    <Notice kind="error" title="Die Datei wurde nicht importiert">
      <p safe>{`Es wurde nichts importiert; ${props.unchanged}. Bitte korrigieren Sie die Datei und laden Sie sie erneut hoch.`}</p>
      <ul class="import-errors">
        {props.errors.map((e) => (
          <li safe>{e}</li>
        ))}
      </ul>
      {props.truncated ? <p safe>{`Es werden nur die ersten ${props.errors.length} Fehler angezeigt.`}</p> : ''}
    </Notice>
  );
}

/** The upload of one CSV file (multipart, the CSRF token first); `children` are fields before the file (the AOK). */
export function CsvUploadForm(props: { action: string; csrf: string; fileError?: string; children?: Html.Children }) {
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="card" novalidate>
      <CsrfField token={props.csrf} />
      {props.children ?? ''}
      <FileField name="datei" label="CSV-Datei" error={props.fileError ? t(props.fileError) : undefined} accept=".csv,text/csv,text/plain" />
      <button type="submit" class="button">
        Importieren
      </button>
    </form>
  );
}
