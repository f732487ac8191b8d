import Html from '@kitajs/html';
import { CsrfField, Notice } from '../../../core/ui/components.tsx';
import type { Signed } from '../layout.tsx';

/**
 * A screen that is for one's own record only (Registrierte Geräte, Vertretung), reached while acting for
 * someone: whom one acts for, why the screen offers nothing here (`children`), and "Zurück zu meiner
 * Akte", which ends acting and comes back to `back`.
 */
export function OwnRecordOnly(props: { signed: Signed; back: string; children: Html.Children }) {
  return (
    <>
      <Notice kind="info">
        <p>
          Sie handeln gerade für <strong safe>{props.signed.actingFor ?? ''}</strong>. {props.children}
        </p>
      </Notice>
      <form method="post" action="/vertretung/zurueck" class="actions desktop-actions">
        <CsrfField token={props.signed.csrf} />
        <input type="hidden" name="weiter" value={props.back} />
        <button type="submit" class="button">
          Zurück zu meiner Akte
        </button>
      </form>
    </>
  );
}
