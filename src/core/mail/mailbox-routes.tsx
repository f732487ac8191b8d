import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { seeOther, sendHtml } from '../http/render.ts';
import { input, parseQuery } from '../http/input.ts';
import { Layout, type PortalChrome } from '../ui/layout.tsx';
import { Notice, formatDateTime } from '../ui/components.tsx';
import { hmac, safeEqual } from '../ids/secrets.ts';
import { Table } from '../ui/table.tsx';

const chrome: PortalChrome = { name: 'Postfach (Test-Mailserver)', base: '/mailbox', home: '/mailbox' };
const COOKIE = 'pforte_mailbox';

export interface MailboxOptions {
  /** required when the server listens beyond loopback (see mailbox-key.ts); null: open to this machine */
  key: string | null;
  secure: boolean;
}

/** On every mailbox page: nobody may take it for a real inbox. */
function TestMailboxNotice() {
  return (
    <Notice kind="warning" title="Testpostfach">
      <p>
        Dies ist das Postfach des eingebetteten Test-Mailservers (SMTP-Catcher) von Pforte. Es zeigt alle E-Mails, die Pforte versendet hat, mit allen Links darin. Nur für Entwicklung
        und Test – kein echtes Postfach.
      </p>
    </Notice>
  );
}

function parseId(raw: unknown): string {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,17}$/.test(raw)) throw new AppError('request.not_found', 404);
  return raw;
}

/** Turns the URLs of a plain-text mail into links, escaping everything else. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/g)
    .map((part, i) => (i % 2 === 1 ? `<a href="${Html.escapeHtml(part)}">${Html.escapeHtml(part)}</a>` : Html.escapeHtml(part)))
    .join('');
}

/**
 * The embedded catcher's mailbox: read caught mails as a user reads an inbox, and as JSON for tools.
 * With a key, a request needs it: pages take `?key=` once, set a cookie for /mailbox and drop the key
 * from the address (history, Referer); the JSON API takes `?key=` on each call or the cookie.
 * Without it every mailbox address answers "not found", as if there were no mailbox.
 */
export async function mailboxRoutes(app: FastifyInstance, db: Db, options: MailboxOptions = { key: null, secure: false }) {
  const { key } = options;
  if (key !== null) {
    const proof = hmac(key, 'mailbox-cookie');
    app.addHook('onRequest', async (request, reply) => {
      const given = parseQuery(request, { key: input.one }).key;
      if (given !== undefined && safeEqual(given, key)) {
        if (request.url.startsWith('/mailbox/api/')) return;
        reply.setCookie(COOKIE, proof, { path: '/mailbox', httpOnly: true, sameSite: 'lax', secure: options.secure });
        const url = new URL(request.url, 'http://mailbox');
        url.searchParams.delete('key');
        return seeOther(reply, `${url.pathname}${url.search}`);
      }
      const cookie = request.cookies[COOKIE];
      if (given !== undefined || typeof cookie !== 'string' || !safeEqual(cookie, proof)) throw new AppError('request.not_found', 404);
    });
  }
  const list = () =>
    db.selectFrom('mailbox_messages').select(['id', 'sender', 'recipients', 'subject', 'received_at']).orderBy('id', 'desc').limit(500).execute();
  const one = async (id: string) => {
    const row = await db.selectFrom('mailbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('request.not_found', 404);
    return row;
  };

  app.get('/mailbox/api/messages', async () =>
    (await list()).map((m) => ({ id: String(m.id), from: m.sender, to: m.recipients, subject: m.subject, date: new Date(m.received_at).toISOString() })),
  );

  app.get('/mailbox/api/messages/:id', async (request) => {
    const m = await one(parseId((request.params as { id: string }).id));
    return { id: String(m.id), from: m.sender, to: m.recipients, subject: m.subject, date: new Date(m.received_at).toISOString(), text: m.text, html: m.html };
  });

  app.get('/mailbox', async (_request, reply) => {
    const messages = await list();
    return sendHtml(
      reply,
      <Layout title="Posteingang" chrome={chrome}>
        <TestMailboxNotice />
        <h1>Posteingang</h1>
        <p>Alle E-Mails, die Pforte versendet hat (eingebetteter Test-Mailserver).</p>
        {messages.length === 0 ? (
          <p>Keine E-Mails.</p>
        ) : (
          <Table heads={['Empfänger', 'Betreff', 'Eingang']}>
            {messages.map((m) => (
              <tr>
                <td safe>{m.recipients}</td>
                <td>
                  <a href={`/mailbox/${m.id}`} safe>
                    {m.subject || '(kein Betreff)'}
                  </a>
                </td>
                <td>{formatDateTime(new Date(m.received_at))}</td>
              </tr>
            ))}
          </Table>
        )}
      </Layout>,
    );
  });

  app.get('/mailbox/:id', async (request, reply) => {
    const m = await one(parseId((request.params as { id: string }).id));
    return sendHtml(
      reply,
      <Layout title={m.subject} chrome={chrome}>
        <p>
          <a href="/mailbox">← Posteingang</a>
        </p>
        <TestMailboxNotice />
        <h1 safe>{m.subject || '(kein Betreff)'}</h1>
        <dl class="meta">
          <dt>Von</dt>
          <dd safe>{m.sender}</dd>
          <dt>An</dt>
          <dd safe>{m.recipients}</dd>
          <dt>Eingang</dt>
          <dd>{formatDateTime(new Date(m.received_at))}</dd>
        </dl>
        {m.html ? <iframe class="mail-frame" title="E-Mail (HTML)" src={`/mailbox/${m.id}/html`} sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"></iframe> : ''}
        <h2>Textfassung</h2>
        <pre class="mail-text">{linkify(m.text)}</pre>
      </Layout>,
    );
  });

  // The mail's own HTML, isolated: no scripts, no requests, links open in the top window.
  app.get('/mailbox/:id/html', async (request, reply) => {
    const m = await one(parseId((request.params as { id: string }).id));
    if (!m.html) throw new AppError('request.not_found', 404);
    const html = m.html.includes('<head>') ? m.html.replace('<head>', '<head><base target="_top">') : `<base target="_top">${m.html}`;
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation")
      .header('x-frame-options', 'SAMEORIGIN')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
