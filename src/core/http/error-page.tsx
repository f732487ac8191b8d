import Html from '@kitajs/html';
import { t } from '../i18n/de.ts';
import type { ErrorCode } from '../errors/app-error.ts';

/** A calm page for any refused or failed request: the message, a way back, never a stack trace. */
export function ErrorPage(props: { code: ErrorCode; requestId: string }) {
  const internal = props.code === 'request.internal';
  return (
    <>
      {'<!doctype html>'}
      <html lang="de">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{internal ? 'Technischer Fehler' : 'Hinweis'}</title>
          <link rel="stylesheet" href="/assets/pforte.css" />
        </head>
        <body>
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
        </body>
      </html>
    </>
  );
}
