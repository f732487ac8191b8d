import Html from '@kitajs/html';

/** "Vorherige Seite", "Seite n von m", "Nächste Seite" under a long list (Dokumente, Protokoll); `href` gives a page's address. */
export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  const { page, pages } = props;
  if (pages <= 1) return '';
  return (
    <nav aria-label="Seiten" class="pager">
      {page > 1 ? <a href={props.href(page - 1)}>Vorherige Seite</a> : ''}
      <span>{`Seite ${page} von ${pages}`}</span>
      {page < pages ? <a href={props.href(page + 1)}>Nächste Seite</a> : ''}
    </nav>
  );
}
