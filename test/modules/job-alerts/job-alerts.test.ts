import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { databaseKinds } from '../../support/databases.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { refreshSearch } from '../../../src/modules/job-search/service.ts';
import { runJobAlerts } from '../../../src/modules/job-alerts/module.ts';
import { MAX_ALERTS, MAX_BOOKMARKS } from '../../../src/modules/job-alerts/service.ts';
import { JM_PASSWORD, jobmasterAccount } from '../jobmaster-login/accounts.ts';

// the test clock stands at 2026-11-23 09:00 UTC, 10:00 in Berlin
async function employer(t: TestSystem) {
  const { db } = t.system.deps;
  const id = newId();
  await db.insertInto('jobmaster_employers').values({
    id, company_name: 'Nordlicht Werften GmbH', betriebsnummer: '09912342', street: 'Kai', house_number: '1', postal_code: '20095', city: 'Hamburg',
    insurer_id: t.system.deps.config.insurers[0]!.id, status: 'released', created_at: t.clock.now(),
  }).execute();
  return id;
}

async function posting(t: TestSystem, employerId: string, title: string, publishedAt = t.clock.now()) {
  const { db } = t.system.deps;
  const id = newId();
  const now = t.clock.now();
  await db.insertInto('job_postings').values({
    id, employer_id: employerId, title, kind: 'job', starts_on: '2027-08-01', starts_month: true, postal_code: '20095', city: 'Hamburg',
    description: 'Arbeit am Hafen.', requirements: '', apply_until: '2027-01-31', contact_id: null, apply_url: 'https://nordlicht.example/bewerben', apply_email: null,
    status: 'active', created_at: now, updated_at: now, published_at: publishedAt,
  }).execute();
  await refreshSearch(db, id);
  return id;
}

async function signIn(t: TestSystem, email: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
  return c;
}

async function outboxCount(t: TestSystem, email: string) {
  const rows = await t.system.deps.db.selectFrom('mail_outbox').select('id').where('recipient', '=', email).where('subject', 'like', 'Neue Stellenangebote%').execute();
  return rows.length;
}

for (const kind of databaseKinds) {
  describe(`Jobmaster › Merkliste und Suchaufträge (${kind})`, () => {
    let employerId = '';
    const t = testSystemFor(kind, { ready: async (s) => (employerId = await employer(s)) });

    test('Merken › a job starter saves a posting and removes it again; another account does not see it', async () => {
      const id = await posting(t, employerId, 'Schiffbauer Merkliste');
      const { email } = await jobmasterAccount(t.system.deps.db);
      const c = await signIn(t, email);
      await c.get(`/jobmaster/stellen/${id}`);
      await c.postForm({}, `/jobmaster/merkliste/${id}`);
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastUrl, new RegExp(`/jobmaster/stellen/${id}\\?hinweis=gemerkt$`));
      assert.match(c.text(), /Von der Merkliste entfernen/);
      await c.get('/jobmaster/merkliste');
      assert.match(c.text(), /Schiffbauer Merkliste Nordlicht Werften GmbH 20095 Hamburg 31\.01\.2027/);

      const other = await signIn(t, (await jobmasterAccount(t.system.deps.db)).email);
      await other.get('/jobmaster/merkliste');
      assert.doesNotMatch(other.text(), /Schiffbauer Merkliste/);
      assert.match(other.text(), /Ihre Merkliste ist leer/);

      await c.get(`/jobmaster/stellen/${id}`);
      await c.postForm({}, `/jobmaster/merkliste/${id}/entfernen`);
      assert.match(c.lastUrl, new RegExp(`/jobmaster/stellen/${id}\\?hinweis=entfernt$`));
      assert.match(c.lastHtml, />Merken</);
      await c.get('/jobmaster/merkliste');
      assert.match(c.text(), /Ihre Merkliste ist leer/);
    });

    test('Merken › a visitor is asked to log in, with the way back to the posting', async () => {
      const id = await posting(t, employerId, 'Koch Anonym');
      const c = new FormClient(t.baseUrl);
      await c.get(`/jobmaster/stellen/${id}`);
      assert.match(c.lastHtml, new RegExp(`href="/jobmaster/login\\?zurueck=%2Fjobmaster%2Fstellen%2F${id}">Zum Merken bitte einloggen</a>`));
      assert.doesNotMatch(c.lastHtml, />Merken</);
      // the login leads back to the posting, where the button now is
      const { email } = await jobmasterAccount(t.system.deps.db);
      await c.get(`/jobmaster/login?zurueck=%2Fjobmaster%2Fstellen%2F${id}`);
      await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
      assert.match(c.lastUrl, new RegExp(`/jobmaster/stellen/${id}$`));
      assert.match(c.lastHtml, />Merken</);
    });

    test('login › a way back outside the portal is ignored: the login leads to Mein Konto', async () => {
      const { email } = await jobmasterAccount(t.system.deps.db);
      for (const back of ['https://evil.example/', '//evil.example/x', '/arbeitgeber/startseite']) {
        const c = new FormClient(t.baseUrl);
        await c.get(`/jobmaster/login?zurueck=${encodeURIComponent(back)}`);
        await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
        assert.match(c.lastUrl, /\/jobmaster\/konto$/, back);
      }
    });

    test('Merkliste › a posting that is no longer shown is marked as not available and can be removed', async () => {
      const id = await posting(t, employerId, 'Praktikum Verschwunden');
      const c = await signIn(t, (await jobmasterAccount(t.system.deps.db)).email);
      await c.get(`/jobmaster/stellen/${id}`);
      await c.postForm({}, `/jobmaster/merkliste/${id}`);
      await t.system.deps.db.updateTable('job_postings').set({ status: 'inactive' }).where('id', '=', id).execute();
      await c.get('/jobmaster/merkliste');
      assert.match(c.text(), /Praktikum Verschwunden \(nicht mehr verfügbar\)/);
      assert.doesNotMatch(c.lastHtml, new RegExp(`href="/jobmaster/stellen/${id}"`));
      await c.postForm({ zurueck: '/jobmaster/merkliste' }, `/jobmaster/merkliste/${id}/entfernen`);
      assert.match(c.lastUrl, /\/jobmaster\/merkliste\?hinweis=entfernt$/);
      assert.match(c.text(), /Ihre Merkliste ist leer/);
    });

    test('Merkliste › at most 200: the 201st is refused with a warning at the posting and not stored; after removing one it fits', async () => {
      const { db } = t.system.deps;
      const { email } = await jobmasterAccount(db);
      const c = await signIn(t, email);
      const account = (await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      const now = t.clock.now();
      const ids = Array.from({ length: MAX_BOOKMARKS }, () => newId());
      await db.insertInto('job_postings').values(ids.map((id, i) => ({
        id, employer_id: employerId, title: `Gemerkt ${i}`, kind: 'job' as const, starts_on: null, starts_month: false, postal_code: '20095', city: 'Hamburg',
        description: 'Arbeit am Hafen.', requirements: '', apply_until: null, contact_id: null, apply_url: 'https://nordlicht.example/bewerben', apply_email: null,
        status: 'active' as const, created_at: now, updated_at: now, published_at: now,
      }))).execute();
      await db.insertInto('job_bookmarks').values(ids.map((id) => ({ account_id: account, posting_id: id, created_at: now }))).execute();
      const extra = await posting(t, employerId, 'Zweihunderterster Versuch');
      const stored = async () => (await db.selectFrom('job_bookmarks').select('posting_id').where('account_id', '=', account).execute()).map((r) => r.posting_id);

      await c.get(`/jobmaster/stellen/${extra}`);
      await c.postForm({}, `/jobmaster/merkliste/${extra}`);
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastUrl, new RegExp(`/jobmaster/stellen/${extra}\\?hinweis=voll$`));
      assert.match(c.lastHtml, /<div class="notice notice--warning" role="alert">\s*<p>Ihre Merkliste ist voll: Sie können höchstens 200 Stellenangebote merken\. Entfernen Sie zuerst ein anderes\.<\/p>/);
      assert.match(c.lastHtml, />Merken</);
      const after = await stored();
      assert.equal(after.length, MAX_BOOKMARKS);
      assert.ok(!after.includes(extra));
      await c.get('/jobmaster/merkliste');
      assert.match(c.text(), /200 von höchstens 200 gemerkten Stellenangeboten/);

      await c.postForm({ zurueck: '/jobmaster/merkliste' }, `/jobmaster/merkliste/${ids[0]}/entfernen`);
      await c.get(`/jobmaster/stellen/${extra}`);
      await c.postForm({}, `/jobmaster/merkliste/${extra}`);
      assert.match(c.lastUrl, /hinweis=gemerkt$/);
      assert.ok((await stored()).includes(extra));
      assert.equal((await stored()).length, MAX_BOOKMARKS);
    });

    test('Mein Konto › a job starter finds the Merkliste and the Suchaufträge there; an employer keeps its entries', async () => {
      const c = await signIn(t, (await jobmasterAccount(t.system.deps.db)).email);
      await c.get('/jobmaster/konto');
      // the page's list, in its order (the header's and footer's lists are not part of it)
      const entries = (html: string) => [...html.slice(html.indexOf('<main'), html.indexOf('</main>')).matchAll(/<li>\s*<(?:a href="([^"]+)"|form method="post" action="([^"]+)")/g)].map((m) => m[1] ?? m[2]);
      assert.deepEqual(entries(c.lastHtml), ['/jobmaster/abmelden', '/jobmaster/konto/daten', '/jobmaster/konto/loginverlauf', '/jobmaster/merkliste', '/jobmaster/suchauftraege']);
      assert.match(c.text(), /Loginverlauf Merkliste Suchaufträge/);
      await c.get('/jobmaster/merkliste');
      assert.match(c.text(), /Ihre Merkliste ist leer/);

      const boss = await signIn(t, (await jobmasterAccount(t.system.deps.db, { role: 'employer' })).email);
      await boss.get('/jobmaster/konto');
      assert.deepEqual(entries(boss.lastHtml), ['/jobmaster/abmelden', '/jobmaster/konto/daten', '/jobmaster/konto/loginverlauf']);
    });

    test('Merkliste › employers get 404 and no button; a POST without CSRF is refused with 403', async () => {
      const id = await posting(t, employerId, 'Elektroniker Arbeitgeber');
      const boss = await signIn(t, (await jobmasterAccount(t.system.deps.db, { role: 'employer' })).email);
      await boss.get(`/jobmaster/stellen/${id}`);
      assert.doesNotMatch(boss.text(), /Merken|Zum Merken/);
      for (const path of ['/jobmaster/merkliste', '/jobmaster/suchauftraege']) {
        await boss.get(path);
        assert.equal(boss.lastStatus, 404, path);
      }

      const c = await signIn(t, (await jobmasterAccount(t.system.deps.db)).email);
      await c.get(`/jobmaster/stellen/${id}`);
      await c.postForm({}, `/jobmaster/merkliste/${id}`, { csrf: null });
      assert.equal(c.lastStatus, 403);
      const saved = await t.system.deps.db.selectFrom('job_bookmarks').select('posting_id').where('posting_id', '=', id).execute();
      assert.equal(saved.length, 0);
    });

    test('Suchauftrag › saved from a search; the job mails only new matches, once a day, nothing without news; the link unsubscribes without login', async () => {
      const { db } = t.system.deps;
      t.clock.set('2026-11-23T09:00:00Z');
      await posting(t, employerId, 'Bootsbauer Alt', new Date('2026-11-20T09:00:00Z'));
      const { email } = await jobmasterAccount(db);
      const c = await signIn(t, email);
      await c.get('/jobmaster/suche?was=Bootsbauer&umkreis=bundesweit');
      assert.match(c.text(), /Suchauftrag anlegen/);
      assert.match(c.lastHtml, /<input type="hidden" name="was" value="Bootsbauer"/);
      await c.postForm({ was: 'Bootsbauer', umkreis: 'bundesweit', name: 'Boote <b>fett</b>' }, '/jobmaster/suchauftraege');
      assert.match(c.lastUrl, /\/jobmaster\/suchauftraege\?hinweis=angelegt$/);
      assert.match(c.text(), /Boote <b>fett<\/b>/);
      assert.match(c.lastHtml, /<h2>Boote &lt;b>fett&lt;\/b><\/h2>/);
      assert.match(c.text(), /Was: Bootsbauer · Wo|Was: Bootsbauer/);
      const [alert] = await db.selectFrom('job_alerts').selectAll().where('name', '=', 'Boote <b>fett</b>').execute();
      assert.ok(alert);
      assert.deepEqual(alert.query, { was: 'Bootsbauer', umkreis: 'bundesweit' });

      // nothing new since it was saved: no mail, and the search has run for today
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 0);
      t.clock.advance(60 * 60_000);
      await posting(t, employerId, 'Bootsbauer Neu');
      await posting(t, employerId, 'Maler Neu');
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 0);

      // the next day from 07:00 in Berlin: the new match alone
      t.clock.set('2026-11-24T05:30:00Z'); // 06:30 in Berlin: not yet
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 0);
      t.clock.set('2026-11-24T06:00:00Z');
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 1);
      const mail = await waitForMail(t.baseUrl, email, { subject: 'Neue Stellenangebote' });
      assert.match(mail.text, /Bootsbauer Neu/);
      assert.doesNotMatch(mail.text, /Bootsbauer Alt|Maler Neu/);

      // a second new match the same day waits for tomorrow, and then comes alone
      t.clock.advance(60 * 60_000);
      await posting(t, employerId, 'Bootsbauer Zweiter');
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 1);
      t.clock.set('2026-11-25T08:00:00Z');
      await runJobAlerts(t.system.deps);
      await runJobAlerts(t.system.deps);
      assert.equal(await outboxCount(t, email), 2);
      const second = await waitForMail(t.baseUrl, email, { subject: 'Neue Stellenangebote', after: mail.id });
      assert.match(second.text, /Bootsbauer Zweiter/);
      assert.doesNotMatch(second.text, /Bootsbauer Neu/);

      // the unsubscribe link: a changed signature or another id is 404; the right one deletes after a confirmation
      const link = linkAfter(second.text, 'Suchauftrag abbestellen');
      const path = new URL(link).pathname;
      const anonymous = new FormClient(t.baseUrl);
      await anonymous.get(path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA'));
      assert.equal(anonymous.lastStatus, 404);
      await anonymous.get(path.replace(alert.id, newId()));
      assert.equal(anonymous.lastStatus, 404);
      await anonymous.get(path);
      assert.equal(anonymous.lastStatus, 200);
      assert.match(anonymous.text(), /Suchauftrag abbestellen/);
      await anonymous.postForm({}, path, { csrf: null });
      assert.equal(anonymous.lastStatus, 403);
      await anonymous.get(path);
      await anonymous.postForm({}, path);
      assert.equal(anonymous.lastStatus, 200);
      assert.match(anonymous.text(), /Der Suchauftrag ist gelöscht/);
      assert.equal((await db.selectFrom('job_alerts').select('id').where('id', '=', alert.id).execute()).length, 0);
      await anonymous.get(path);
      assert.equal(anonymous.lastStatus, 404);
      t.clock.set('2026-11-23T09:00:00Z');
    });

    test('Suchaufträge › Löschen removes only one\'s own', async () => {
      const { db } = t.system.deps;
      const c = await signIn(t, (await jobmasterAccount(db)).email);
      await c.get('/jobmaster/suche?art=praktikum');
      await c.postForm({ art: 'praktikum', name: '' }, '/jobmaster/suchauftraege');
      assert.match(c.text(), /Art: Praktikum/);
      const other = await signIn(t, (await jobmasterAccount(db)).email);
      await other.get('/jobmaster/suchauftraege');
      assert.match(other.text(), /noch keinen Suchauftrag/);
      const actionId = /\/jobmaster\/suchauftraege\/([^/]+)\/loeschen/.exec(c.lastHtml)![1]!;
      await other.get('/jobmaster/konto');
      const token = other.csrf();
      const refused = await other.request('POST', `/jobmaster/suchauftraege/${actionId}/loeschen`, `_csrf=${encodeURIComponent(token)}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(refused.status, 404);
      // at most ten: the eleventh is refused with a clear message
      const account = (await db.selectFrom('job_alerts').select('account_id').where('id', '=', actionId).executeTakeFirstOrThrow()).account_id;
      for (let i = 0; i < 9; i++) {
        await db.insertInto('job_alerts').values({ id: newId(), account_id: account, query: JSON.stringify({ was: `Beruf ${i}` }), name: null, created_at: t.clock.now(), last_sent_at: null }).execute();
      }
      await c.get('/jobmaster/suche?was=Elfter');
      await c.postForm({ was: 'Elfter', name: '' }, '/jobmaster/suchauftraege');
      assert.match(c.lastHtml, /<div class="notice notice--warning" role="alert">\s*<p>Sie haben schon 10 Suchaufträge\. Löschen Sie zuerst einen, um einen neuen anzulegen\.<\/p>/);
      assert.doesNotMatch(c.text(), /Was: Elfter/);
      assert.equal((await db.selectFrom('job_alerts').select('id').where('account_id', '=', account).execute()).length, MAX_ALERTS);
      await c.postForm({}, `/jobmaster/suchauftraege/${actionId}/loeschen`);
      assert.match(c.lastUrl, /hinweis=geloescht/);
      assert.doesNotMatch(c.text(), /Art: Praktikum/);
    });
  });
}
