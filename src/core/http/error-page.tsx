import Html from '@kitajs/html';
import { HtmlDocument } from '../ui/document.tsx';
import { t } from '../i18n/de.ts';
import type { ErrorCode } from '../errors/app-error.ts';

/** A calm page for any refused or failed request: the message, a way back, never a stack trace. */
export function ErrorPage(props: { code: ErrorCode; requestId: string }) {
  const internal = props.code === 'request.internal';
  return (
    <HtmlDocument title={internal ? 'Technischer Fehler' : 'Hinweis'} head={<link rel="stylesheet" href="/assets/pforte.css" />}>
      <main id="main" class="wrap">
        <h1>{internal ? 'Technischer Fehler' : 'Hinweis'}</h1>
        <p class="notice notice--warning" data-code={props.code} safe>
          {t(props.code)}
        </p>
        {internal ? (
          <p>
            Bitte nennen Sie dem technischen Support diese Kennung: <code safe>{props.requestId}</code>
          </p>
        ) : (
          ''
        )}
        <p>
          <a href="/">Zur Startseite</a>
        </p>
      </main>
    </HtmlDocument>
  );
}
