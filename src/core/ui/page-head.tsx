import Html from '@kitajs/html';
import { PageMessages } from './components.tsx';

/**
 * The top of a page: the link back to where the page was reached from, the heading, an optional lead,
 * and the outcome of the last action (a notice after a redirect, or an error by its code).
 */
export function PageHead(props: {
  title: string;
  back?: { href: string; label: string };
  /** a line above the heading that names the larger task (e.g. the registration) */
  eyebrow?: string;
  notice?: string;
  error?: string;
  children?: Html.Children;
}) {
  return (
    <>
      {props.back ? (
        <p>
          <a href={props.back.href} safe>
            {`← ${props.back.label}`}
          </a>
        </p>
      ) : (
        ''
      )}
      {props.eyebrow ? (
        <p class="eyebrow" safe>
          {props.eyebrow}
        </p>
      ) : (
        ''
      )}
      <h1 safe>{props.title}</h1>
      {props.children ?? ''}
      <PageMessages notice={props.notice} error={props.error} />
    </>
  );
}
