import Html from '@kitajs/html';
import { CsrfField, Notice, PageMessages, formatDate } from '../../../core/ui/components.tsx';
import type { DocumentView } from '../../../modules/epa-records/api-schema.ts';
import { DesktopLayout, type Signed } from '../layout.tsx';
import { DocumentAssets } from './page-parts.tsx';

/** "Löschen": the warning that it cannot be undone, then "Endgültig löschen" or back to the list. */
export function DeleteDocumentPage(props: { signed: Signed; id: string; doc?: DocumentView; back: string; error?: string }) {
  const action = `/epa/dokumente/${encodeURIComponent(props.id)}/loeschen`;
  return (
    <DesktopLayout title="Dokument löschen" signed={props.signed} back={props.back} narrow meta={<DocumentAssets />}>
      <h1>Dokument löschen</h1>
      <PageMessages errorText={props.error} />
      {props.doc ? (
        <dl class="docs-facts">
          <dt>Titel</dt>
          <dd safe>{props.doc.title}</dd>
          <dt>Typ</dt>
          <dd safe>{props.doc.classLabel}</dd>
          <dt>Autor</dt>
          <dd safe>{props.doc.author}</dd>
          <dt>Erstelldatum</dt>
          <dd>{formatDate(new Date(props.doc.createdAt))}</dd>
        </dl>
      ) : (
        ''
      )}
      <Notice kind="warning" title="Achtung">
        <p>Das Löschen kann nicht rückgängig gemacht werden. Das Dokument ist danach nicht mehr in Ihrer ePA, auch nicht für Ihre Ärztinnen und Ärzte.</p>
      </Notice>
      <form method="post" action={action}>
        <CsrfField token={props.signed.csrf} />
        <input type="hidden" name="zurueck" value={props.back} />
        <div class="actions desktop-actions">
          <a class="button button--secondary" href={props.back}>
            Abbrechen
          </a>
          <button type="submit" class="button docs-danger">
            Endgültig löschen
          </button>
        </div>
      </form>
    </DesktopLayout>
  );
}
