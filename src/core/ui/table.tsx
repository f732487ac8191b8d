import Html from '@kitajs/html';

/** A column head: its words, or `{ hidden }` for a column whose head only a screen reader needs (a row's actions). */
export type TableHead = string | { hidden: string };

/**
 * A data table as every page writes it: column heads with `scope="col"`, a caption for screen
 * readers where the page has no heading that names the table, the caller's rows.
 */
export function Table(props: {
  heads?: readonly TableHead[];
  /** the head row's cells as the page writes them (sort links, "alle auswählen"), instead of `heads` */
  headCells?: Html.Children;
  caption?: string;
  /** classes beside `table` (e.g. `protocol`) */
  class?: string;
  /** for a form's error summary to link to the table */
  id?: string;
  /** inside a `table-scroll` box, for wide tables on small screens */
  scroll?: boolean;
  foot?: Html.Children;
  children: Html.Children;
}) {
  const table = (
    <table class={props.class ? `table ${props.class}` : 'table'} id={props.id}>
      {props.caption ? (
        <caption class="visually-hidden" safe>
          {props.caption}
        </caption>
      ) : (
        ''
      )}
      <thead>
        <tr>
          {props.headCells ??
            (props.heads ?? []).map((head) =>
              typeof head === 'string' ? (
                <th scope="col" safe>
                  {head}
                </th>
              ) : (
                <th scope="col">
                  <span class="visually-hidden" safe>
                    {head.hidden}
                  </span>
                </th>
              ),
            )}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
      {props.foot ? <tfoot>{props.foot}</tfoot> : ''}
    </table>
  );
  return props.scroll ? <div class="table-scroll">{table}</div> : table;
}
