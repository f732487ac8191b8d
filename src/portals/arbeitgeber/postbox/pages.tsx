import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../../platform/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, Notice, TextArea, UPLOAD_ACCEPT, formatBytes, formatDateTime, PageMessages } from '../../../platform/ui/components.tsx';
import { t } from '../../../platform/i18n/de.ts';
import type { Postbox } from '../../../platform/postbox/service.ts';
import { BASE } from '../chrome.ts';

export function PostboxPage(props: { chrome: PortalChrome; items: Awaited<ReturnType<Postbox['list']>>; notice?: string }) {
  return (
    <Layout title="Postfach" chrome={props.chrome}>
      <p>
        <a href={`${BASE}/startseite`}>← Startseite</a>
      </p>
      <h1>Nachrichten und Briefe im Postfach</h1>
      <PageMessages notice={props.notice} />
      <p>
        <a class="button" href={`${BASE}/postfach/neu`}>
          Neue Nachricht an Ihre AOK
        </a>
      </p>
      {props.items.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Eingang</th>
              <th scope="col">Betreff</th>
              <th scope="col">Art</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      ) : (
        <p>Ihr Postfach ist leer.</p>
      )}
    </Layout>
  );
}

export function PostboxMessagePage(props: { chrome: PortalChrome; csrf: string; data: Awaited<ReturnType<Postbox['read']>> }) {
  const { message: m, files } = props.data;
  return (
    <Layout title={m.subject} chrome={props.chrome}>
      <p>
        <a href={`${BASE}/postfach`}>← Postfach</a>
      </p>
      <h1 safe>{m.subject}</h1>
      <p class="small">
        {m.kind === 'letter' ? 'Brief Ihrer AOK' : m.direction === 'to_insurer' ? 'Ihre Nachricht an die AOK' : 'Nachricht Ihrer AOK'} vom {formatDateTime(new Date(m.created_at))}
      </p>
      <div class="message-body" safe>
        {m.body}
      </div>
      {files.length ? (
        <>
          <h2>Anhänge</h2>
          <ul class="attachments">
            {files.map((f) => (
              <li>
                <a href={`${BASE}/postfach/${m.id}/anhaenge/${f.id}`} safe>
                  {f.name}
                </a>{' '}
                <span class="attachments__meta">
                  ({f.ext.toUpperCase()}, {formatBytes(f.size)})
                </span>
              </li>
            ))}
          </ul>
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
        <form method="post" action={`${BASE}/postfach/${m.id}/ungelesen`} class="inline">
          <CsrfField token={props.csrf} />
          <button type="submit" class="button button--secondary">
            Als ungelesen markieren
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function NewMessagePage(props: { chrome: PortalChrome; csrf: string; replyTo?: string; subject?: string; body?: string; errors?: Record<string, string> }) {
  const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
  return (
    <Layout title={Object.keys(e).length ? 'Fehler: Neue Nachricht' : 'Neue Nachricht'} chrome={props.chrome}>
      <p>
        <a href={`${BASE}/postfach`}>← Postfach</a>
      </p>
      <h1>Neue Nachricht an Ihre AOK</h1>
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
        <div class="actions">
          <button type="submit" class="button">
            Senden
          </button>
        </div>
      </form>
    </Layout>
  );
}
