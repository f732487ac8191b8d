import Html from '@kitajs/html';

/** One screen of an app's page: hidden until the script shows it, named by its heading. */
export function Screen(props: { id: string; title: string; children: Html.Children }) {
  return (
    <section class="app-screen" id={props.id} hidden aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} safe>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A screen's form: its fields, the line the script writes an error into, and the submit button. */
export function AppForm(props: { name: string; button: string; children: Html.Children }) {
  return (
    <form id={`form-${props.name}`} novalidate>
      {props.children}
      <p class="field-error" id={`${props.name}-error`} role="alert" hidden></p>
      <button type="submit" class="button" safe>
        {props.button}
      </button>
    </form>
  );
}
