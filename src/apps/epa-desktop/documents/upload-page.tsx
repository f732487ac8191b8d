import Html from '@kitajs/html';
import { CsrfField, ErrorSummary, Field, FileField, PageMessages, Select } from '../../../core/ui/components.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { DocumentAssets, TYPE_OPTIONS } from './page-parts.tsx';

/** What the file input offers; the record service decides by the bytes. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

export interface AddErrors {
  datei?: string;
  typ?: string;
  titel?: string;
}

/**
 * "Dokument hinzufügen": Typ, Titel and the file, in this order so that what was typed arrives before
 * the file and is shown again when the file is refused; with a script an upload progress bar, without
 * one a plain form.
 */
export function AddDocumentPage(props: { signed: Signed; typ?: string; titel?: string; errors?: AddErrors; error?: string }) {
  const errors = props.errors ?? {};
  return (
    <DesktopLayout title="Dokument hinzufügen" signed={props.signed} back="/epa/dokumente" narrow meta={<DocumentAssets />}>
      <h1>Dokument hinzufügen</h1>
      <PageMessages errorText={props.error} />
      <ErrorSummary errors={errors as Record<string, string>} labels={{ datei: 'Datei', typ: 'Typ', titel: 'Titel' }} />
      <form method="post" action="/epa/dokumente/hinzufuegen" enctype="multipart/form-data" class="docs-upload" novalidate>
        <CsrfField token={props.signed.csrf} />
        <Select name="typ" label="Typ" options={TYPE_OPTIONS} value={props.typ} placeholder="Bitte auswählen" error={errors.typ} required />
        <Field name="titel" label="Titel" value={props.titel} hint="Ohne Titel wird der Dateiname verwendet." error={errors.titel} maxlength={200} />
        <FileField name="datei" label="Datei" hint="PDF, JPEG, PNG oder TIFF, höchstens 25 MB." accept={ACCEPT} error={errors.datei} />
        <div class="docs-progress" hidden>
          <label for="docs-progress-bar">Fortschritt</label>
          <progress id="docs-progress-bar" max="100" value="0"></progress>
        </div>
        <p class="docs-progress-status" role="status" aria-live="polite"></p>
        <div class="actions desktop-actions">
          <a class="button button--secondary" href="/epa/dokumente">
            Abbrechen
          </a>
          <button type="submit" class="button">
            Hinzufügen
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}
