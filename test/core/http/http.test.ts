import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';

for (const kind of databaseKinds) {
  describe(`http platform (${kind})`, () => {
    const t = testSystemFor(kind);

    test('security headers › strict CSP without inline script, no framing, no referrer, nosniff', async () => {
      const r = await fetch(`${t.baseUrl}/arbeitgeber/`);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      const cookie = r.headers.getSetCookie().join(';');
      assert.equal(cookie, '', 'a page without a form sets no cookie');
    });

    test('session cookie › HttpOnly, SameSite=Lax, only one cookie', async () => {
      const r = await fetch(`${t.baseUrl}/arbeitgeber/registrierung`, { redirect: 'follow' });
      const cookies = r.headers.getSetCookie();
      assert.equal(cookies.length, 1);
      assert.match(cookies[0]!, /^pforte_session=[A-Za-z0-9_-]{43};/);
      assert.match(cookies[0]!, /HttpOnly/);
      assert.match(cookies[0]!, /SameSite=Lax/);
    });

    test('unknown page › 404 page in German; unknown API path › JSON', async () => {
      const r = await fetch(`${t.baseUrl}/arbeitgeber/gibt-es-nicht`);
      assert.equal(r.status, 404);
      assert.match(await r.text(), /Diese Seite gibt es nicht/);
      const j = await fetch(`${t.baseUrl}/mailbox/api/nix`);
      assert.equal(j.status, 404);
      assert.equal(((await j.json()) as { error: string }).error, 'request.not_found');
    });

    test('hostile requests › never a 500, never a stack trace', async () => {
      const probes: [string, string, RequestInit?][] = [
        ['GET', '/arbeitgeber/registrierung?flow[]=1'],
        ['GET', '/arbeitgeber/registrierung/status?token=%E0%A4%A'],
        ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
        ['GET', '/assets/../package.json'],
        ['GET', '/mailbox/99999999999999999999999'],
        ['GET', '/mailbox/-1'],
        ['GET', '/mailbox/api/messages/abc'],
        ['POST', '/arbeitgeber/registrierung', { body: '{"a":', headers: { 'content-type': 'application/json' } }],
        ['POST', '/arbeitgeber/registrierung', { body: 'x'.repeat(300_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
        ['POST', '/arbeitgeber/registrierung', { body: 'a=1', headers: { 'content-type': 'text/plain' } }],
        ['POST', '/arbeitgeber/registrierung/bescheinigung/upload', { body: '--x\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } }],
        ['POST', '/arbeitgeber/registrierung/bescheinigung/dateien/../../loeschen', { body: '' }],
        ['PUT', '/arbeitgeber/registrierung'],
      ];
      for (const [method, path, init] of probes) {
        const r = await fetch(`${t.baseUrl}${path}`, { method, redirect: 'manual', ...init });
        const body = await r.text();
        assert.ok(r.status < 500, `${method} ${path} → ${r.status}`);
        assert.doesNotMatch(body, /at [\w.<>]+ \(|node_modules|\.ts:\d+/, `${method} ${path} shows no stack`);
      }
    });

    test('sessions › a registration session ends after 30 minutes without use', async () => {
      const c = new FormClient(t.baseUrl);
      const email = `session.${Date.now()}@example.de`;
      await c.get('/arbeitgeber/registrierung');
      await c.postForm(
        { insurerId: 'he', betriebsnummer: '66667777', salutation: 'Herr', title: '', firstName: 'Max', lastName: 'Muster', email, password: 'Lange-Sichere-Phrase-7', passwordRepeat: 'Lange-Sichere-Phrase-7', termsAccepted: 'ja', privacyAccepted: 'ja' },
        '/arbeitgeber/registrierung',
      );
      const mail = await waitForMail(t.baseUrl, email, { subject: 'Bestätigung' });
      await c.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
      await c.get('/arbeitgeber/registrierung/status');
      assert.equal(c.lastStatus, 200);
      t.clock.advance(29 * 60_000);
      await c.get('/arbeitgeber/registrierung/status');
      assert.equal(c.lastStatus, 200, 'still within the idle time');
      t.clock.advance(31 * 60_000);
      await c.get('/arbeitgeber/registrierung/status');
      assert.equal(c.lastStatus, 401);
      assert.match(c.text(), /Zum Registrierungsstatus/);
      // the status link from the mail opens it again
      await c.get(linkAfter(mail.text, 'Zum Registrierungsstatus →'));
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Status Ihrer Registrierung/);
    });

    test('mailbox › list newest first with id, from, to, subject, date; one message adds text and html', async () => {
      const email = `mailbox.${Date.now()}@example.de`;
      await t.system.deps.mailer.send(email, { subject: 'Erste', text: 'eins https://example.de/a', html: '<p>eins <a href="https://example.de/a">Link</a></p>' });
      const first = await waitForMail(t.baseUrl, email, { subject: 'Erste' });
      await t.system.deps.mailer.send(email, { subject: 'Zweite', text: 'zwei', html: '<p>zwei</p>' });
      await waitForMail(t.baseUrl, email, { subject: 'Zweite' });
      const list = (await (await fetch(`${t.baseUrl}/mailbox/api/messages`)).json()) as any[];
      const mine = list.filter((m) => m.to === email);
      assert.deepEqual(mine.map((m) => m.subject), ['Zweite', 'Erste']);
      assert.deepEqual(Object.keys(mine[0]).sort(), ['date', 'from', 'id', 'subject', 'to']);
      assert.equal(typeof mine[0].id, 'string');
      assert.ok(!Number.isNaN(Date.parse(mine[0].date)));
      assert.equal(first.text.trim(), 'eins https://example.de/a');
      assert.match(first.html ?? '', /<a href="https:\/\/example.de\/a">Link<\/a>/);

      const page = await fetch(`${t.baseUrl}/mailbox/${first.id}`);
      const html = await page.text();
      assert.match(html, /<a href="https:\/\/example.de\/a">https:\/\/example.de\/a<\/a>/, 'links in the text are clickable');
      assert.match(html, /<iframe[^>]+sandbox=/);
      const raw = await fetch(`${t.baseUrl}/mailbox/${first.id}/html`);
      assert.match(raw.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
      assert.match(await raw.text(), /<base target="_top">/);
    });
  });
}
