import Html from '@kitajs/html';

/**
 * A data table as every page writes it: column heads with `scope="col"`, a caption for screen
 * readers where the page has no heading that names the table, the caller's rows.
 */
export function Table(props: {
  heads: readonly string[];
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
          {props.heads.map((head) => (
            <th scope="col" safe>
              {head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
      {props.foot ? <tfoot>{props.foot}</tfoot> : ''}
    </table>
  );
  return props.scroll ? <div class="table-scroll">{table}</div> : table;
}
