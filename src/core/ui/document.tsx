import Html from '@kitajs/html';

/**
 * The frame of every HTML page Pforte serves: doctype, language, charset and viewport, the title,
 * then what the page adds to its head (stylesheets, scripts), and its body.
 */
export function HtmlDocument(props: {
  title: string;
  /** meta elements that belong before the title (e.g. the app's theme colour) */
  meta?: Html.Children;
  head?: Html.Children;
  bodyClass?: string;
  children: Html.Children;
}) {
  return (
    <>
      {'<!doctype html>'}
      <html lang="de">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {props.meta ?? ''}
          <title safe>{props.title}</title>
          {props.head ?? ''}
        </head>
        <body class={props.bodyClass}>{props.children}</body>
      </html>
    </>
  );
}
