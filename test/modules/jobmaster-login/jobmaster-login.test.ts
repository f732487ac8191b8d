import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { hashWork } from '../../../src/core/passwords/passwords.ts';
import { browserName, shortenIp } from '../../../src/modules/jobmaster-login/browser.ts';
import { jobmasterLoginModule } from '../../../src/modules/jobmaster-login/module.ts';
import { createServer } from '../../../src/core/http/server.ts';
import { accountGuard } from '../../../src/modules/login/guard.ts';
import { JM_ANSWER, JM_PASSWORD, jobmasterAccount } from './accounts.ts';

const NEW_PASSWORD = 'Gurkensalat-ohne-Kartoffel-77';

async function signIn(t: TestSystem, email: string, password = JM_PASSWORD, ip?: string) {
  const c = new FormClient(t.baseUrl, ip);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password }, '/jobmaster/login');
  return c;
}

async function resetLink(t: TestSystem, email: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/passwort-vergessen');
  await c.postForm({ email }, '/jobmaster/passwort-vergessen');
  assert.equal(c.lastStatus, 200);
  const mail = await waitForMail(t.baseUrl, email, { subject: 'Neues Passwort' });
  return { client: c, link: linkAfter(mail.text, 'Passwort zurücksetzen'), answer: c.text() };
}

test('browser names and shortened addresses', () => {
  assert.equal(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0'), 'Firefox 121 auf Windows');
  assert.equal(browserName('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15'), 'Safari 17 auf macOS');
  assert.equal(browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'), 'Edge 120 auf Linux');
  assert.equal(browserName(undefined), 'Unbekannter Browser');
  assert.ok(browserName('x'.repeat(5000)).length <= 200);
  assert.equal(shortenIp('203.0.113.77'), '203.0.113.0');
  assert.equal(shortenIp('::ffff:198.51.100.9'), '198.51.100.0');
  assert.equal(shortenIp('2001:db8:abcd:12::1'), '2001:db8:abcd::');
  assert.equal(shortenIp('2001:db8::1'), '2001:db8:0::');
  assert.equal(shortenIp('nonsense'), null);
});

for (const kind of databaseKinds) {
  describe(`Jobmaster login (${kind})`, () => {
    const t = testSystemFor(kind);

    test('Login › Mein Konto, first and second login with Letzter Zugriff, history entries', async () => {
      const { id, email } = await jobmasterAccount(t.system.deps.db);
      const c = await signIn(t, email);
      assert.match(c.lastUrl, /\/jobmaster\/konto$/);
      assert.match(c.text(), /Mein Konto/);
      assert.match(c.text(), /Dies ist Ihr erster Zugriff\./);
      assert.match(c.lastHtml, /href="\/jobmaster\/konto">Konto</);
      assert.doesNotMatch(c.lastHtml, /href="\/jobmaster\/login">Login</);
      t.clock.advance(60 * 60_000);
      const again = await signIn(t, email);
      assert.match(again.text(), /Letzter Zugriff: 23\.11\.2026 um 10:00 Uhr/);
      const rows = await t.system.deps.db.selectFrom('login_history').selectAll().where('account_id', '=', id).execute();
      assert.equal(rows.length, 2);
      assert.ok(rows.every((r) => r.success));
      // an employer sees "Stellenverwaltung" in the header, and the company on "Persönliche Daten"
      const employer = await jobmasterAccount(t.system.deps.db, { role: 'employer' });
      const e = await signIn(t, employer.email);
      assert.match(e.lastHtml, />Stellenverwaltung</);
      await e.get('/jobmaster/konto/daten');
      assert.match(e.text(), /09912342/);
      assert.match(e.lastHtml, /Test-Arbeitgeber &lt;b>GmbH&lt;\/b>|Test-Arbeitgeber &lt;b&gt;GmbH&lt;\/b&gt;/);
    });

    test('Login › wrong passwords lock growing, an unknown address gets the same answer and the same work', async () => {
      const { id, email } = await jobmasterAccount(t.system.deps.db);
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/login');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        await c.postForm({ email, password: 'falsch-falsch-falsch' }, '/jobmaster/login');
        statuses.push(c.lastStatus);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
      assert.match(c.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);
      const failures = await t.system.deps.db.selectFrom('login_history').select('success').where('account_id', '=', id).execute();
      assert.equal(failures.length, 6);
      assert.ok(failures.every((r) => !r.success));

      const other = await jobmasterAccount(t.system.deps.db);
      const k = new FormClient(t.baseUrl);
      await k.get('/jobmaster/login');
      let before = hashWork.verifications;
      await k.postForm({ email: other.email, password: 'falsch-falsch-falsch' }, '/jobmaster/login');
      const knownWork = hashWork.verifications - before;
      const knownText = k.text();
      const u = new FormClient(t.baseUrl);
      await u.get('/jobmaster/login');
      before = hashWork.verifications;
      await u.postForm({ email: 'niemand@example.org', password: 'falsch-falsch-falsch' }, '/jobmaster/login');
      assert.equal(hashWork.verifications - before, knownWork);
      assert.equal(u.lastStatus, 401);
      assert.equal(u.fieldError('email'), k.fieldError('email'));
      assert.ok(knownText.includes('nicht korrekt'));
    });

    test('Login › an unconfirmed account hears about the confirmation only after the right password', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db, { status: 'pending' });
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/login');
      await c.postForm({ email, password: 'falsch-falsch-falsch' }, '/jobmaster/login');
      assert.equal(c.lastStatus, 401);
      assert.doesNotMatch(c.text(), /bestätigen Sie zuerst/);
      await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
      assert.equal(c.lastStatus, 403);
      assert.match(c.text(), /Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse/);
      assert.match(c.lastHtml, /href="\/jobmaster\/bestaetigungsmail"/);
      const locked = await jobmasterAccount(t.system.deps.db, { status: 'locked' });
      await c.postForm({ email: locked.email, password: JM_PASSWORD }, '/jobmaster/login');
      assert.equal(c.lastStatus, 403);
      assert.match(c.text(), /Ihr Zugang ist gesperrt/);
    });

    test('Loginverlauf › shortened addresses and a failed attempt', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const bad = new FormClient(t.baseUrl, '203.0.113.77');
      await bad.get('/jobmaster/login');
      await bad.postForm({ email, password: 'falsch-falsch-falsch' }, '/jobmaster/login');
      const c = await signIn(t, email, JM_PASSWORD, '198.51.100.23');
      await c.get('/jobmaster/konto/loginverlauf');
      assert.match(c.text(), /Loginverlauf/);
      assert.match(c.text(), /203\.0\.113\.0/);
      assert.match(c.text(), /198\.51\.100\.0/);
      assert.doesNotMatch(c.text(), /203\.0\.113\.77|198\.51\.100\.23/);
      assert.match(c.text(), /Fehlgeschlagen/);
      assert.match(c.text(), /Erfolgreich/);
    });

    test('Loginverlauf › "Das war ich nicht" ends the other session and mails a reset link', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const other = await signIn(t, email);
      const me = await signIn(t, email);
      await me.get('/jobmaster/konto/loginverlauf');
      await me.postForm({}, '/jobmaster/konto/loginverlauf/nicht-ich');
      assert.equal(me.lastStatus, 200);
      assert.match(me.text(), /Alle Sitzungen Ihres Kontos wurden beendet/);
      await other.get('/jobmaster/konto');
      assert.match(other.lastUrl, /\/jobmaster\/login\?flow=.*hinweis=login\.required/);
      assert.match(other.text(), /Bitte melden Sie sich an\./);
      const mail = await waitForMail(t.baseUrl, email, { subject: 'Neues Passwort' });
      assert.match(linkAfter(mail.text, 'Passwort zurücksetzen'), /\/jobmaster\/passwort-zuruecksetzen\?token=/);
    });

    test('Passwort vergessen › the right answer and a new password work once', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const signedIn = await signIn(t, email);
      const { client: c, answer } = await resetLink(t, email).then(async (r) => ({ ...r, answer: r.answer }));
      assert.match(answer, /erhalten Sie in wenigen Minuten eine E-Mail/);
      const unknown = new FormClient(t.baseUrl);
      await unknown.get('/jobmaster/passwort-vergessen');
      await unknown.postForm({ email: 'niemand@example.org' }, '/jobmaster/passwort-vergessen');
      assert.equal(unknown.text().replace('niemand@example.org', email), answer);
      const mail = await waitForMail(t.baseUrl, email, { subject: 'Neues Passwort' });
      const link = linkAfter(mail.text, 'Passwort zurücksetzen');
      await c.get(link);
      assert.match(c.text(), /Wie hieß Ihr erstes Haustier\?/);
      await c.postForm({ answer: 'Waldi', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/passwort-zuruecksetzen');
      assert.equal(c.lastStatus, 422);
      assert.match(c.text(), /Die Antwort auf die Kennwortfrage ist nicht korrekt/);
      await c.postForm({ answer: ` ${JM_ANSWER.toUpperCase()} `, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/passwort-zuruecksetzen');
      assert.match(c.lastUrl, /\/jobmaster\/passwort-zuruecksetzen\/fertig$/);
      assert.match(c.text(), /Ihr Passwort wurde geändert\./);
      await c.get(link);
      assert.equal(c.lastStatus, 410);
      await signedIn.get('/jobmaster/konto');
      assert.match(signedIn.lastUrl, /\/jobmaster\/login/, 'every session ended');
      const old = await signIn(t, email);
      assert.equal(old.lastStatus, 401);
      const fresh = await signIn(t, email, NEW_PASSWORD);
      assert.match(fresh.lastUrl, /\/jobmaster\/konto$/);
    });

    test('Passwort vergessen › wrong answers are limited, and then the link is used up', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const { client: c, link } = await resetLink(t, email);
      await c.get(link);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        await c.postForm({ answer: `Falsch${i}`, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/passwort-zuruecksetzen');
        statuses.push(c.lastStatus);
      }
      assert.deepEqual(statuses, [422, 422, 422, 422, 429]);
      assert.match(c.text(), /zu oft falsch beantwortet/);
      await c.get(link);
      assert.equal(c.lastStatus, 410);
    });

    test('Passwort vergessen › a link older than an hour is refused', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const { client: c, link } = await resetLink(t, email);
      t.clock.advance(61 * 60_000);
      await c.get(link);
      assert.equal(c.lastStatus, 410);
      assert.match(c.text(), /abgelaufen/);
    });

    test('Passwort vergessen › two submits at once with the same link change the password once', async () => {
      const { id, email } = await jobmasterAccount(t.system.deps.db);
      const { link } = await resetLink(t, email);
      const a = new FormClient(t.baseUrl);
      const b = new FormClient(t.baseUrl);
      await a.get(link);
      await b.get(link);
      await Promise.all([
        a.postForm({ answer: JM_ANSWER, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/passwort-zuruecksetzen'),
        b.postForm({ answer: JM_ANSWER, password: `${NEW_PASSWORD}-b`, passwordRepeat: `${NEW_PASSWORD}-b` }, '/jobmaster/passwort-zuruecksetzen'),
      ]);
      const done = [a, b].filter((x) => /\/fertig$/.test(x.lastUrl));
      assert.equal(done.length, 1);
      assert.equal([a, b].find((x) => x !== done[0])!.lastStatus, 410);
      const resets = await t.system.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'password.reset').where('subject', '=', id).execute();
      assert.equal(resets.length, 1);
    });

    test('Persönliche Daten › a job starter sees Anrede, Name and E-Mail in the facts list the other pages use', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      const c = await signIn(t, email);
      await c.get('/jobmaster/konto/daten');
      const list = c.lastHtml.match(/<dl class="facts">([\s\S]*?)<\/dl>/);
      assert.ok(list, 'a dl.facts');
      const pairs = [...list[1]!.matchAll(/<dt>([^<]*)<\/dt>\s*<dd>([^<]*)<\/dd>/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(pairs, [['Anrede', 'Frau'], ['Name', 'Erika Mustermann'], ['E-Mail', email]]);
    });

    test('Mein Konto › a portal that does not list job-alerts offers a job starter no Merkliste and no Suchaufträge', async () => {
      const { deps } = t.system;
      const portal = { ...deps.portals.get('jobmaster'), modules: ['jobmaster-login'] };
      const app = await createServer({ sessions: deps.sessions, logLevel: 'silent', secure: false, trustProxy: 1 });
      await app.register(async (scope) => jobmasterLoginModule.portalRoutes!(scope, deps, portal, { requireAccount: accountGuard(deps, portal) }));
      try {
        const { email } = await jobmasterAccount(deps.db);
        const c = await signIn({ ...t, baseUrl: await app.listen({ host: '127.0.0.1', port: 0 }) }, email);
        assert.match(c.lastUrl, /\/jobmaster\/konto$/);
        assert.match(c.text(), /Loginverlauf/);
        assert.doesNotMatch(c.text(), /Merkliste|Suchaufträge/);
      } finally {
        await app.close();
      }
    });

    test('Mein Konto › another portal\'s session opens no Jobmaster page; a form without CSRF token is refused', async () => {
      const { id, email } = await jobmasterAccount(t.system.deps.db);
      const c = await signIn(t, email);
      await t.system.deps.db.updateTable('sessions').set({ portal: 'arbeitgeber' }).where('account_id', '=', id).execute();
      await c.get('/jobmaster/konto/loginverlauf');
      assert.match(c.lastUrl, /\/jobmaster\/login\?flow=/);
      const d = new FormClient(t.baseUrl);
      await d.get('/jobmaster/login');
      await d.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login', { csrf: null });
      assert.equal(d.lastStatus, 403);
      const e = await signIn(t, email);
      await e.get('/jobmaster/konto');
      await e.postForm({}, '/jobmaster/abmelden', { csrf: null });
      assert.equal(e.lastStatus, 403);
      await e.get('/jobmaster/konto');
      await e.postForm({}, '/jobmaster/abmelden');
      assert.match(e.lastUrl, /\/jobmaster\/$/);
      await e.get('/jobmaster/konto');
      assert.match(e.lastUrl, /\/jobmaster\/login/);
    });
  });
}
