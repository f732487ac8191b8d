import Html from '@kitajs/html';
import { Field } from './components.tsx';
import { MAX_SEARCH } from '../http/input.ts';

/** A list page's search: one field `q` sent by GET, so the address of a search can be kept and shared. */
export function SearchForm(props: { action: string; label: string; value: string; hint?: string; error?: string }) {
  return (
    <form method="get" action={props.action} class="filter">
      <Field name="q" label={props.label} value={props.value} maxlength={MAX_SEARCH} hint={props.hint} error={props.error} />
      <button type="submit" class="button button--secondary">
        Suchen
      </button>
    </form>
  );
}
