import Html from '@kitajs/html';
import { Field } from './components.tsx';

/** A list page's search: one field `q` sent by GET, so the address of a search can be kept and shared. */
export function SearchForm(props: { action: string; label: string; value: string; hint?: string }) {
  return (
    <form method="get" action={props.action} class="filter">
      <Field name="q" label={props.label} value={props.value} maxlength={100} hint={props.hint} />
      <button type="submit" class="button button--secondary">
        Suchen
      </button>
    </form>
  );
}
