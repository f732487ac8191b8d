import Html from '@kitajs/html';
import { DOCUMENT_CLASSES } from '../../../modules/epa-records/classes.ts';

/* What the documents' screens share: the Typ options and their own style sheet and script. */

/** "Typ" in the list's filter and in "Dokument hinzufügen": the document classes, by their German names. */
export const TYPE_OPTIONS = DOCUMENT_CLASSES.map((c) => ({ value: c.code, label: c.label })).sort((a, b) => a.label.localeCompare(b.label, 'de'));

/** The screens' own style sheet and, where it adds something, the script (upload progress, "alle auswählen"). */
export function DocumentAssets() {
  return (
    <>
      <link rel="stylesheet" href="/assets/epa/epa-documents.css" />
      <script src="/assets/epa/epa-documents.js" defer></script>
    </>
  );
}
