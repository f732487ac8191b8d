import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { authenticator, registerAndConfirm, signedInEmployer } from '../../support/journeys.ts';
import { signedInStaff } from '../../support/staff.ts';
import { samplePdf } from '../../support/samples.ts';
import { registeredRoutes } from '../../../src/core/http/server.ts';
import { localReturnPath } from '../../../src/core/http/forms.ts';

/**
 * Routes that take state-changing requests without the CSRF token, because no cookie authenticates
 * them (the 2-factor app's API: activation code, device signature, bearer token). A new exemption
 * must be added here on purpose.
 */
const EXEMPT = [
  // the ePA record service's API: a DPoP-bound access token and a fresh proof of the device key
  'DELETE /epa/api/v1/devices/:id',
  'DELETE /epa/api/v1/documents/:id',
  'DELETE /epa/api/v1/vertretungen/:id',
  'PATCH /epa/api/v1/devices/:id',
  'POST /api/authenticator/accept',
  'POST /api/authenticator/activate',
  'POST /api/authenticator/challenge',
  'POST /api/authenticator/login',
  'POST /api/authenticator/logout',
  // the AOK Ident app's API: the letter's code, the device's signature over a nonce, then its bearer token
  'POST /api/ident/activate',
  'POST /api/ident/challenge',
  'POST /api/ident/devices/remove',
  'POST /api/ident/login',
  'POST /api/ident/login-request',
  'POST /api/ident/login-request/approve',
  'POST /api/ident/login-request/challenge',
  'POST /api/ident/login-request/decline',
  'POST /api/ident/logout',
  'POST /epa/api/v1/devices',
  'POST /epa/api/v1/devices/confirm',
  'POST /epa/api/v1/documents',
  'POST /epa/api/v1/documents/export',
  'POST /epa/api/v1/vertretungen',
  'POST /epa/api/v1/vertretungen/:id/bestaetigen',
  // the AOK Ident's OpenID endpoints: oidc-provider's own cookies, PKCE and its logout form token guard them
  'POST /ident/auth',
  'POST /ident/request',
  'POST /ident/session/end',
  'POST /ident/session/end/confirm',
  'POST /ident/token',
  'POST /ident/token/revocation',
];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SOME_ID = '3f0c1a52-8d4e-4c1b-9a7e-2b5d6c7e8f90';

/** A path of the route with plausible values for its parameters. */
function concrete(url: string): string {
  return url.replace(/:ik\b/g, '260326822').replace(/:[A-Za-z]+/g, SOME_ID).replace(/\*$/, 'pforte.css');
}

/** A multipart body as a browser sends it: fields, then a file part. */
function multipart(fields: [string, string][], file?: { field: string; name: string; bytes: Uint8Array }, boundary = '----pforteTest7MA4YWxkTrZu0gW') {
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The cookie header a FormClient sends, so app.inject can act as that browser. */
function cookieOf(client: FormClient): string {
  return client['cookieHeader']();
}

async function accountLocked(t: TestSystem, email: string): Promise<boolean> {
  const row = await t.system.deps.db.selectFrom('accounts').select(['status', 'locked_by']).where('email', '=', email).executeTakeFirstOrThrow();
  return row.status === 'locked' || row.locked_by !== null;
}

describe('localReturnPath', () => {
  test('a local path passes, with its query', () => {
    assert.equal(localReturnPath('/partner/startseite', '/partner/'), '/partner/startseite');
    assert.equal(localReturnPath('/partner/zahlungsavise?box=archiv&seite=2', '/partner/'), '/partner/zahlungsavise?box=archiv&seite=2');
  });

  test('anything else gives the fallback: other hosts, schemes, control characters, wrong types', () => {
    const hostile: unknown[] = [
      '', 'partner/startseite', '//evil.example/', '/\\evil.example', '\\\\evil.example', 'https://evil.example/',
      'javascript:alert(1)', '/partner/\r\nSet-Cookie: a=b', '/partner/\u0000', '/partner/\n', '/partner/\t', '/partner/ä',
      '/partner/ x', '/partner/\u202e', `/${'a'.repeat(2001)}`, ['/partner/'], { a: 1 }, 42, null, undefined,
      '/\t/evil.example', '/partner\\..\\x',
    ];
    for (const value of hostile) assert.equal(localReturnPath(value, '/partner/'), '/partner/', JSON.stringify(value));
  });
});

for (const kind of databaseKinds) {
  describe(`CSRF on every route (${kind})`, () => {
    let t: TestSystem;
    let app: FastifyInstance;
    before(async () => {
      t = await startTestSystem(kind);
      app = t.system.app;
    });
    after(async () => {
      await t?.close();
    });

    test('the exemptions are exactly the app API routes that no cookie authenticates', () => {
      const exempt = registeredRoutes(app)
        .filter((r) => STATE_CHANGING.has(r.method) && r.withoutCookie)
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      assert.deepEqual(exempt, EXEMPT);
    });

    test('every state-changing route refuses a request without token, urlencoded and multipart, whoever sends it', async () => {
      const fresh = new FormClient(t.baseUrl);
      await fresh.get('/arbeitgeber/registrierung');
      assert.ok(cookieOf(fresh).includes('pforte_session='), 'a fresh session cookie from a GET');
      const employer = (await signedInEmployer(t)).client;
      const staff = await signedInStaff(t, 'admin');
      const senders = { 'no cookie': '', 'fresh session': cookieOf(fresh), 'employer signed in': cookieOf(employer), 'staff signed in': cookieOf(staff) };
      const routes = registeredRoutes(app).filter((r) => STATE_CHANGING.has(r.method) && !r.withoutCookie);
      assert.ok(routes.length > 60, `found ${routes.length} routes`);
      const wrong: string[] = [];
      for (const route of routes) {
        const url = concrete(route.url);
        for (const [who, cookie] of Object.entries(senders)) {
          const form = await app.inject({
            method: route.method as 'POST',
            url,
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'email=a%40b.de&reason=x&code=123456',
          });
          if (form.statusCode !== 403) wrong.push(`${route.method} ${route.url} urlencoded (${who}): ${form.statusCode}`);
          const body = multipart([['subject', 'x'], ['body', 'x']], { field: 'files', name: 'a.pdf', bytes: Buffer.from('%PDF-1.4 x') });
          const parts = await app.inject({ method: route.method as 'POST', url, headers: { cookie, 'content-type': body.contentType }, payload: body.payload });
          if (parts.statusCode !== 403) wrong.push(`${route.method} ${route.url} multipart (${who}): ${parts.statusCode}`);
        }
      }
      assert.deepEqual(wrong, []);
    });

    test('staff "Sperren" as multipart: without token 403, with a token 415; the account stays unlocked', async () => {
      const { fields } = await signedInEmployer(t);
      const staff = await signedInStaff(t, 'admin');
      const account = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', fields.email).executeTakeFirstOrThrow();
      await staff.get(`/backoffice/zugaenge/${account.id}`);
      const token = staff.csrf();
      const url = `/backoffice/zugaenge/${account.id}/sperren`;
      const without = multipart([['reason', 'x']]);
      const r1 = await app.inject({ method: 'POST', url, headers: { cookie: cookieOf(staff), 'content-type': without.contentType }, payload: without.payload });
      assert.equal(r1.statusCode, 403);
      const withToken = multipart([['_csrf', token]]);
      const r2 = await app.inject({ method: 'POST', url, headers: { cookie: cookieOf(staff), 'content-type': withToken.contentType }, payload: withToken.payload });
      assert.equal(r2.statusCode, 415, 'a form without files is never multipart');
      assert.equal(await accountLocked(t, fields.email), false);
    });

    test('JSON and other bodies on a cookie route: without token 403, with a token 415', async () => {
      const staff = await signedInStaff(t, 'admin');
      const cookie = cookieOf(staff);
      const token = staff.csrf();
      const url = '/backoffice/mitarbeitende';
      const noToken = await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'x@y.de' }) });
      assert.equal(noToken.statusCode, 403);
      const json = await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ _csrf: token, email: 'neu@kasse.example', role: 'admin' }) });
      assert.equal(json.statusCode, 415);
      const text = await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'text/plain' }, payload: `_csrf=${token}` });
      assert.equal(text.statusCode, 403);
      for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
        const r = await app.inject({ method, url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=x' });
        assert.ok([403, 404].includes(r.statusCode), `${method}: ${r.statusCode}`);
      }
      const staffRows = await t.system.deps.db.selectFrom('staff').select('email').where('email', '=', 'neu@kasse.example').execute();
      assert.equal(staffRows.length, 0);
    });

    test('upload: a token after the file part is refused before the file is read; nothing stored', async () => {
      const { client } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      const token = client.csrf();
      const before = await t.system.deps.db.selectFrom('files').select('id').execute();
      const late = multipart([], { field: 'files', name: 'Bescheinigung.pdf', bytes: await samplePdf() });
      // the token as a part after the file: rebuild with it at the end
      const body = Buffer.concat([late.payload.subarray(0, late.payload.length - Buffer.byteLength('------pforteTest7MA4YWxkTrZu0gW--\r\n')), Buffer.from(`------pforteTest7MA4YWxkTrZu0gW\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n------pforteTest7MA4YWxkTrZu0gW--\r\n`)]);
      const r = await app.inject({ method: 'POST', url: '/arbeitgeber/registrierung/bescheinigung/upload', headers: { cookie: cookieOf(client), 'content-type': late.contentType }, payload: body });
      assert.equal(r.statusCode, 403);
      const first = multipart([['_csrf', token]], { field: 'files', name: 'Bescheinigung.pdf', bytes: await samplePdf() });
      const ok = await app.inject({ method: 'POST', url: '/arbeitgeber/registrierung/bescheinigung/upload', headers: { cookie: cookieOf(client), 'content-type': first.contentType }, payload: first.payload });
      assert.equal(ok.statusCode, 303);
      const afterRows = await t.system.deps.db.selectFrom('files').select('id').execute();
      assert.equal(afterRows.length, before.length + 1);
    });

    test('upload of 6 × 10 MiB in one request: 413 with the form\'s message, reading stops at the budget', async (ctx) => {
      const { client } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      const token = client.csrf();
      const boundary = '----pforteBig';
      const MiB = 1024 * 1024;
      let sent = 0;
      let part = 0;
      let inPart = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      // the body is made as it is read, so the counter shows how much of it the server asked for
      const total = 6 * 10 * MiB;
      const body = new Readable({
        read() {
          if (sent === 0 && part === 0 && inPart === 0) {
            this.push(`--${boundary}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`);
          }
          if (part === 6) {
            this.push(`--${boundary}--\r\n`);
            this.push(null);
            return;
          }
          if (inPart === 0) this.push(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="teil${part}.txt"\r\ncontent-type: text/plain\r\n\r\n`);
          this.push(chunk);
          inPart += chunk.length;
          sent += chunk.length;
          if (inPart >= 10 * MiB) {
            this.push('\r\n');
            part += 1;
            inPart = 0;
          }
        },
      });
      const before = await t.system.deps.db.selectFrom('files').select('id').execute();
      const r = await app.inject({ method: 'POST', url: '/arbeitgeber/registrierung/bescheinigung/upload', headers: { cookie: cookieOf(client), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
      assert.equal(r.statusCode, 413);
      assert.match(r.body, /zusammen höchstens 10 MB/);
      ctx.diagnostic(`the server asked for ${(sent / MiB).toFixed(2)} MiB of the ${total / MiB} MiB sent`);
      assert.ok(sent < 12 * MiB, `the server read ${(sent / MiB).toFixed(1)} MiB of ${total / MiB} MiB`);
      const afterRows = await t.system.deps.db.selectFrom('files').select('id').execute();
      assert.equal(afterRows.length, before.length);
    });

    test('upload: a VBScript ".hta" is refused; a PDF named ".hta" is stored and offered as ".pdf", typed, attachment, nosniff', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const registration = await t.system.deps.db
        .selectFrom('registrations')
        .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
        .select('registrations.id')
        .where('accounts.email', '=', fields.email)
        .executeTakeFirstOrThrow();
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      const hta = Buffer.from('<hta:application id="a"/>\r\n<script language="VBScript">\r\nCreateObject("WScript.Shell").Run "calc"\r\n</script>\r\n');
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Arbeitgeberbescheinigung.hta', bytes: hta }]);
      assert.equal(client.lastStatus, 422);
      assert.match(client.fieldError('files') ?? '', /Dateiformat ist nicht erlaubt/);
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Notiz.txt', bytes: Buffer.from('<!DOCTYPE html><p>x</p>') }]);
      assert.equal(client.lastStatus, 422);
      const none = await t.system.deps.db.selectFrom('files').select('id').where('registration_id', '=', registration.id).execute();
      assert.equal(none.length, 0);

      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
        { name: 'Bescheinigung.hta', bytes: await samplePdf() },
        { name: 'Notiz.txt', bytes: Buffer.from('Grüße aus Köln\r\n') },
      ]);
      assert.equal(client.lastStatus, 200);
      const stored = await t.system.deps.db.selectFrom('files').select(['id', 'name', 'mime']).where('registration_id', '=', registration.id).orderBy('name').execute();
      assert.deepEqual(stored.map((f) => [f.name, f.mime]), [['Bescheinigung.pdf', 'application/pdf'], ['Notiz.txt', 'text/plain']]);

      const staff = await signedInStaff(t, 'admin');
      const download = await staff.get(`/backoffice/registrierungen/${registration.id}/dateien/${stored[0]!.id}?download=1`);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="Bescheinigung\.pdf"/);
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      const inline = await staff.get(`/backoffice/registrierungen/${registration.id}/dateien/${stored[0]!.id}`);
      assert.match(inline.headers.get('content-disposition') ?? '', /^inline/, 'PDF inline in the back office, deliberately');
      assert.match(inline.headers.get('content-security-policy') ?? '', /sandbox/);
      const text = await staff.get(`/backoffice/registrierungen/${registration.id}/dateien/${stored[1]!.id}`);
      assert.equal(text.headers.get('content-type'), 'text/plain');
      assert.match(text.headers.get('content-disposition') ?? '', /^attachment; filename="Notiz\.txt"/, 'text is never shown inline');
      assert.equal(text.headers.get('x-content-type-options'), 'nosniff');
    });

    test('cookie notice: a "weiter" with CR/LF/NUL or another host lands on the portal start, never a 500', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/partner/cookies');
      const token = c.csrf();
      const cases: [string, string][] = [
        ['/partner/registrierung', '/partner/registrierung'],
        ['/partner/\r\nSet-Cookie: x=y', '/partner/'],
        ['/partner/\u0000', '/partner/'],
        ['/partner/\n', '/partner/'],
        ['//evil.example/partner/', '/partner/'],
        ['https://evil.example/', '/partner/'],
        ['/\\evil.example', '/partner/'],
        ['/arbeitgeber/', '/partner/'],
        ['/partner/ä', '/partner/'],
      ];
      for (const [weiter, location] of cases) {
        const r = await app.inject({
          method: 'POST',
          url: '/partner/cookies',
          headers: { cookie: cookieOf(c), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: token, weiter }).toString(),
        });
        assert.equal(r.statusCode, 303, JSON.stringify(weiter));
        assert.equal(r.headers.location, location, JSON.stringify(weiter));
      }
      const twice = await app.inject({ method: 'POST', url: '/partner/cookies', headers: { cookie: cookieOf(c), 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}&weiter=/a&weiter=/b` });
      assert.ok(twice.statusCode < 500 && !/at .*\(|node_modules/.test(twice.body));
    });
  });
}
