import Html from '@kitajs/html';
import { Notice } from '../../core/ui/components.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import { qrSvg } from '../app-install/qr-svg.ts';
import { identPath } from '../ident-provider/paths.ts';
import { shortCodeShown } from './codes.ts';
import { loginLink } from './link.ts';
import type { PageState } from './requests.ts';

/** Where the page's script asks for its request's state, and where a new QR code is made. */
export const statusPath = (uid: string) => identPath(`/interaction/${uid}/status`);
export const renewPath = (uid: string) => identPath(`/interaction/${uid}/neu`);

/** Why the last request ended, in the page's words; each is followed by "Neuen QR-Code anzeigen". */
function endedText(state: Exclude<PageState, { state: 'waiting' }>, brand: string): string {
  const app = `„${brand} Ident“-App`;
  switch (state.state) {
    case 'declined':
      return state.wrongNumber
        ? `In der ${app} wurde eine andere Zahl gewählt als die hier angezeigte. Die Anmeldung mit diesem QR-Code wurde deshalb abgebrochen.`
        : `Die Anmeldung wurde in der ${app} abgelehnt.`;
    case 'expired':
      return 'Der QR-Code ist abgelaufen. Ein QR-Code gilt 90 Sekunden.';
    default:
      return `Die Anmeldung wurde in der ${app} bestätigt und wird abgeschlossen. Bitte klicken Sie auf „Weiter“.`;
  }
}

/**
 * The QR code of manual 003 §4.1 with what to type when no camera reads it and the number to pick in
 * the app; or why the last one ended and a new one. The page's script (ident-login.js) asks for the
 * state by `data-status` and replaces this part when it changed; without script, "Weiter" asks.
 */
export async function QrLogin(props: { uid: string; page: PageState; brand: string; publicUrl: string; csrf: string }): Promise<string> {
  const { uid, page } = props;
  const again = (
    <form method="get" action={identPath(`/interaction/${uid}`)} class="ident-qr__manual">
      <button type="submit" class="button button--secondary">
        Weiter
      </button>
    </form>
  );
  if (page.state !== 'waiting') {
    const ended = page.state === 'declined' || page.state === 'expired';
    return (
      <div id="ident-qr" class="ident-qr" data-state={page.state}>
        <Notice kind={ended ? 'warning' : 'success'}>
          <p safe>{endedText(page, props.brand)}</p>
        </Notice>
        {ended ? (
          <PostButton action={renewPath(uid)} csrf={props.csrf}>
            Neuen QR-Code anzeigen
          </PostButton>
        ) : (
          again
        )}
      </div>
    );
  }
  const { request } = page;
  const svg = await qrSvg(loginLink(props.publicUrl, request.id), `QR-Code für die „${props.brand} Ident“-App`);
  return (
    <div
      id="ident-qr"
      class="ident-qr"
      data-state="waiting"
      data-status={`${statusPath(uid)}?request=${request.id}`}
      data-renew={renewPath(uid)}
      data-csrf={props.csrf}
      data-expires={request.expiresAt.toISOString()}
    >
      <figure class="ident-qr__figure">
        {svg}
        <figcaption>
          Ohne Kamera geben Sie in der App diesen Code ein: <strong class="ident-qr__code" safe>{shortCodeShown(request.shortCode)}</strong>
        </figcaption>
      </figure>
      <p class="ident-qr__number">
        Wählen Sie in der App diese Zahl: <strong safe>{String(request.number)}</strong>
      </p>
      <p class="hint">Der QR-Code gilt 90 Sekunden, danach gibt es einen neuen.</p>
      <p class="hint ident-qr__manual">Wenn Sie die Anmeldung in der App bestätigt oder abgelehnt haben, geht es mit „Weiter“ weiter.</p>
      {again}
    </div>
  );
}
