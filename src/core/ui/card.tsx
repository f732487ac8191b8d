import Html from '@kitajs/html';

/** A card of a portal's start page: a heading, what it offers, and the link there as a button. */
export function Card(props: { id: string; title: string; href: string; label: string; secondary?: boolean; children: Html.Children }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id} safe>
        {props.title}
      </h2>
      {props.children}
      <a class={props.secondary ? 'button button--secondary' : 'button'} href={props.href} safe>
        {props.label}
      </a>
    </section>
  );
}
