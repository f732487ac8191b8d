import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, TextArea, UPLOAD_ACCEPT, formatDateTime } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import type { Postbox } from './service.ts';
import { Table } from '../../core/ui/table.tsx';
import { ButtonLink, PostButton, SubmitActions } from '../../core/ui/post-button.tsx';
import { PageHead } from '../../core/ui/page-head.tsx';
import { AttachmentList } from '../../core/ui/attachments.tsx';

/** a message's attachments as download links with type and size, on both sides of the postbox */
export { AttachmentList };

/** What every postbox page knows of its portal: the chrome, the portal's address and the insurer's brand. */
interface PortalOf {
  chrome: PortalChrome;
  base: string;
  brand: string;
}

/** The dashboard's postbox card (manual 001 step 6), in each portal that has a postbox. */
export function PostboxCard(props: { base: string; unread: number }) {
  return (
    <section class="card" aria-labelledby="postbox-title">
      <h2 id="postbox-title">Nachrichten und Briefe im Postfach</h2>
      <p>{props.unread === 0 ? 'Keine ungelesenen Nachrichten.' : props.unread === 1 ? '1 ungelesene Nachricht.' : `${props.unread} ungelesene Nachrichten.`}</p>
      <a class="button" href={`${props.base}/postfach`}>
        Zum Postfach
      </a>
    </section>
  );
}

export function PostboxPage(props: PortalOf & { items: Awaited<ReturnType<Postbox['list']>>; notice?: string }) {
  const BASE = props.base;
  return (
    <Layout title="Postfach" chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/startseite`, label: 'Startseite' }} title="Nachrichten und Briefe im Postfach" notice={props.notice} />
      <ButtonLink href={`${BASE}/postfach/neu`} label={`Neue Nachricht an Ihre ${props.brand}`} />
      {props.items.length ? (
        <Table heads={['Eingang', 'Betreff', 'Art', 'Status']}>
          {props.items.map((m) => (
            <tr class={m.unread ? 'unread' : ''}>
              <td>{formatDateTime(new Date(m.created_at))}</td>
              <td>
                <a href={`${BASE}/postfach/${m.id}`} safe>
                  {m.subject}
                </a>
                {Number(m.attachments) ? <span class="small">{` (${m.attachments} ${Number(m.attachments) === 1 ? 'Anhang' : 'Anhänge'})`}</span> : ''}
              </td>
              <td>{m.kind === 'letter' ? 'Brief' : m.direction === 'to_insurer' ? 'Gesendet' : 'Nachricht'}</td>
              <td>{m.unread ? <strong>ungelesen</strong> : 'gelesen'}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>Ihr Postfach ist leer.</p>
      )}
    </Layout>
  );
}

export function PostboxMessagePage(props: PortalOf & { csrf: string; data: Awaited<ReturnType<Postbox['read']>> }) {
  const { message: m, files } = props.data;
  const BASE = props.base;
  return (
    <Layout title={m.subject} chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/postfach`, label: 'Postfach' }} title={m.subject} />
      <p class="small">
        {Html.escapeHtml(m.kind === 'letter' ? `Brief Ihrer ${props.brand}` : m.direction === 'to_insurer' ? `Ihre Nachricht an die ${props.brand}` : `Nachricht Ihrer ${props.brand}`)} vom {formatDateTime(new Date(m.created_at))}
      </p>
      <div class="message-body" safe>
        {m.body}
      </div>
      {files.length ? (
        <>
          <h2>Anhänge</h2>
          <AttachmentList files={files} href={(f) => `${BASE}/postfach/${m.id}/anhaenge/${f.id}`} />
        </>
      ) : (
        ''
      )}
      <div class="actions actions--left">
        {m.direction === 'to_company' ? (
          <a class="button" href={`${BASE}/postfach/neu?antwort=${m.id}`}>
            Antworten
          </a>
        ) : (
          ''
        )}
        <PostButton action={`${BASE}/postfach/${m.id}/ungelesen`} csrf={props.csrf} button="button button--secondary" inline>
          Als ungelesen markieren
        </PostButton>
      </div>
    </Layout>
  );
}

export function NewMessagePage(props: PortalOf & { csrf: string; replyTo?: string; subject?: string; body?: string; errors?: Record<string, string> }) {
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  const BASE = props.base;
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Neue Nachricht' : 'Neue Nachricht'} chrome={props.chrome}>
      <PageHead back={{ href: `${BASE}/postfach`, label: 'Postfach' }} title={`Neue Nachricht an Ihre ${props.brand}`} />
      <ErrorSummary errors={e} labels={{ subject: 'Betreff', body: 'Nachricht', files: 'Anhänge' }} />
      <form method="post" action={`${BASE}/postfach/neu`} enctype="multipart/form-data" novalidate>
        <CsrfField token={props.csrf} />
        {props.replyTo ? <input type="hidden" name="replyTo" value={props.replyTo} /> : ''}
        <Field name="subject" label="Betreff" value={props.subject} error={e.subject} maxlength={200} required />
        <TextArea name="body" label="Nachricht" value={props.body} error={e.body} rows={8} maxlength={10000} required />
        <FileField
          name="files"
          label="Anhänge"
          error={e.files}
          hint="Bis zu fünf Dateien, zusammen höchstens 10 MB: docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx, pdf."
          accept={UPLOAD_ACCEPT}
          multiple
        />
        <SubmitActions label="Senden" />
      </form>
    </Layout>
  );
}
