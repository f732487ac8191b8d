import Html from '@kitajs/html';

export interface StatusRow {
  label: string;
  done: boolean;
  /** what the step's line says: the date it was done, its action, or that it is still open */
  state: Html.Children;
  /** says "Erledigt." to screen readers before the state; by default when the step is done */
  spokenDone?: boolean;
}

/** A task's steps with ✔ (done) or ○ (open), as the registration status and the device reset show them. */
export function StatusList(props: { rows: readonly StatusRow[] }) {
  return (
    <ul class="status-list">
      {props.rows.map((row) => (
        <li class={row.done ? 'status-list__item status-list__item--done' : 'status-list__item'}>
          <span class="status-list__icon" aria-hidden="true">
            {row.done ? '✔' : '○'}
          </span>
          <span class="status-list__label" safe>
            {row.label}
          </span>
          <span class="status-list__state">
            {(row.spokenDone ?? row.done) ? <span class="visually-hidden">Erledigt. </span> : ''}
            {row.state}
          </span>
        </li>
      ))}
    </ul>
  );
}
