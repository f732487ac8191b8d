import Html from '@kitajs/html';
import { formatBytes } from './components.tsx';

export interface AttachmentFile {
  id: string;
  name: string;
  ext: string;
  size: number;
}

/**
 * "Anhänge": stored files with type and size, each a download link (postbox) or a name with an action
 * beside it (the certificate step's delete button).
 */
export function AttachmentList<F extends AttachmentFile>(props: {
  files: readonly F[];
  href?: (file: F) => string;
  action?: (file: F) => Html.Children;
  /** for a script that replaces the list */
  id?: string;
  label?: string;
}) {
  return (
    <ul class="attachments" id={props.id} aria-label={props.label}>
      {props.files.map((f) => (
        <li>
          {props.href ? (
            <a href={props.href(f)} safe>
              {f.name}
            </a>
          ) : (
            <span class="attachments__name" safe>
              {f.name}
            </span>
          )}{' '}
          <span class="attachments__meta">
            ({f.ext.toUpperCase()}, {formatBytes(f.size)})
          </span>
          {props.action ? <>{' '}{props.action(f)}</> : ''}
        </li>
      ))}
    </ul>
  );
}
