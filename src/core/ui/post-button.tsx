import Html from '@kitajs/html';
import { CsrfField } from './components.tsx';

/**
 * A form that posts one action with one button and the CSRF token: lock, delete, archive, log out.
 * The button's words come as children; they are written as given, so dynamic words need escaping.
 */
export function PostButton(props: {
  action: string;
  csrf: string;
  /** the button's classes; `button` unless given */
  button?: string;
  /** sits in a line of text or of other buttons (`form.inline`) */
  inline?: boolean;
  /** the button inside `div.actions`, as at the end of a page */
  actions?: boolean;
  /** what a screen reader says for the button where its words alone are ambiguous (e.g. "Sperren" in a table) */
  label?: string;
  disabled?: boolean;
  /** hidden fields sent with the action */
  fields?: Record<string, string>;
  children: Html.Children;
}) {
  const button = (
    <button type="submit" class={props.button ?? 'button'} aria-label={props.label} disabled={props.disabled}>
      {props.children}
    </button>
  );
  return (
    <form method="post" action={props.action} class={props.inline ? 'inline' : undefined}>
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.actions ? <div class="actions">{button}</div> : button}
    </form>
  );
}

/** The row of buttons that ends a form: the submit button, after any links or buttons given as children. */
export function SubmitActions(props: { label: string; children?: Html.Children }) {
  return (
    <div class="actions">
      {props.children ?? ''}
      <button type="submit" class="button" safe>
        {props.label}
      </button>
    </div>
  );
}

/** "Weiter" at the end of a page that only shows something: a link, as there is no form to send. */
export function NextLink(props: { href: string }) {
  return (
    <div class="actions">
      <a class="button" href={props.href}>
        Weiter
      </a>
    </div>
  );
}

/** A link that looks like a button, on a line of its own: where a page leads on (to the login, to the next step). */
export function ButtonLink(props: { href: string; label: string }) {
  return (
    <p>
      <a class="button" href={props.href} safe>
        {props.label}
      </a>
    </p>
  );
}
