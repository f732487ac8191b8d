import Html from '@kitajs/html';
import { Layout, type PortalChrome } from './layout.tsx';
import { Notice } from './components.tsx';

/**
 * A page that says one thing (an outcome, or why something cannot be done) and, under it, where to go on.
 * Its title starts with "Fehler:" for an error, as on every page that shows one.
 */
export function NoticePage(props: {
  chrome: PortalChrome;
  heading: string;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** the page's title where it differs from the heading */
  title?: string;
  link?: { href: string; label: string };
  children?: Html.Children;
}) {
  return (
    <Layout title={props.title ?? (props.kind === 'error' ? `Fehler: ${props.heading}` : props.heading)} chrome={props.chrome}>
      <h1 safe>{props.heading}</h1>
      <Notice kind={props.kind}>
        <p safe>{props.message}</p>
      </Notice>
      {props.link ? (
        <p>
          <a href={props.link.href} safe>
            {props.link.label}
          </a>
        </p>
      ) : (
        ''
      )}
      {props.children ?? ''}
    </Layout>
  );
}
