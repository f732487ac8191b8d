import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { mailsTo, waitForMail } from '../../support/mailbox.ts';
import { signedInStaff } from '../../support/staff.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { refreshSearch } from '../../../src/modules/job-search/service.ts';
import { JM_PASSWORD, jobmasterAccount } from '../jobmaster-login/accounts.ts';

const PATH = '/backoffice/stellenboerse-arbeitgeber';
let serial = 0;

/** A released employer of the insurer with its main contact (the login's person) and one active posting. */
async function employer(t: TestSystem, insurerId: string, name: string, betriebsnummer = '09912342') {
  const { db } = t.system.deps;
  const account = await jobmasterAccount(db, { role: 'employer', insurerId });
  const { company } = await db.selectFrom('accounts').select('company').where('id', '=', account.id).executeTakeFirstOrThrow();
  const employerId = company!;
  // as the registration stores it: the insurer is on the account too
  await db.updateTable('accounts').set({ company_insurer_id: insurerId }).where('id', '=', account.id).execute();
  await db.updateTable('jobmaster_employers').set({ company_name: name, betriebsnummer }).where('id', '=', employerId).execute();
  await db
    .insertInto('jobmaster_contacts')
    .values({ id: newId(), employer_id: employerId, salutation: 'Frau', title: null, first_name: 'Erika', last_name: 'Mustermann', phone: '040 1234', email: account.email, is_main: true, created_at: t.clock.now() })
    .execute();
  serial += 1;
  const word = `Zuckerbäckerin${serial}x${Date.now() % 100000}`;
  const postingId = newId();
  await db
    .insertInto('job_postings')
    .values({
      id: postingId, employer_id: employerId, title: `${word} gesucht`, kind: 'ausbildung', starts_on: null, postal_code: '20095', city: 'Hamburg',
      description: 'Wir bilden aus.', apply_until: null, contact_id: null, apply_url: null, apply_email: 'bewerbung@example.org', status: 'active',
      created_at: t.clock.now(), updated_at: t.clock.now(), published_at: t.clock.now(),
    })
    .execute();
  await refreshSearch(db, postingId);
  return { ...account, employerId, postingId, word };
}

async function searchFinds(t: TestSystem, word: string) {
  const c = new FormClient(t.baseUrl);
  await c.get(`/jobmaster/suche?was=${encodeURIComponent(word)}`);
  assert.equal(c.lastStatus, 200);
  return c.text().includes(word);
}

async function login(t: TestSystem, email: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
  return c;
}

for (const kind of databaseKinds) {
  describe(`Backoffice › Jobmaster-Arbeitgeber (${kind})`, () => {
    const t = testSystemFor(kind);

    test('Suche › a clerk sees their insurer’s employers only, an administrator all, found by Betriebsnummer', async () => {
      const tag = `Firma${Date.now()}`;
      const own = await employer(t, 'bw', `${tag} Süd <b>GmbH</b>`, '09912342');
      const other = await employer(t, 'by', `${tag} Bayern`, '03812340');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get('/backoffice/registrierungen');
      assert.match(clerk.lastHtml, /href="\/backoffice\/jobmaster-arbeitgeber">Jobmaster-Arbeitgeber zur Freigabe<\/a>[\s\S]*?href="\/backoffice\/stellenboerse-arbeitgeber">Jobmaster-Arbeitgeber</);
      await clerk.get(`${PATH}?q=${encodeURIComponent(tag)}`);
      assert.match(clerk.text(), new RegExp(`${tag} Süd <b>GmbH</b> 09912342`));
      assert.doesNotMatch(clerk.text(), /Bayern/);
      await clerk.get(`${PATH}/${other.employerId}`);
      assert.equal(clerk.lastStatus, 404);
      await clerk.get(`${PATH}/${own.employerId}`);
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /Erika Mustermann/);
      assert.match(clerk.text(), new RegExp(`${own.word} gesucht Ausbildung Aktiv`));
      assert.match(clerk.lastHtml, new RegExp(`href="[^"]*/jobmaster/stellen/${own.postingId}"`));

      const admin = await signedInStaff(t, 'admin');
      await admin.get(`${PATH}?q=${encodeURIComponent(tag)}`);
      assert.match(admin.text(), /Süd/);
      assert.match(admin.text(), /Bayern/);
      await admin.get(`${PATH}?q=03812340`);
      assert.match(admin.text(), /Bayern 03812340/);
      assert.doesNotMatch(admin.text(), new RegExp(`${tag} Süd`));
    });

    test('Deaktivieren › with a reason: off the search, the main contact is mailed the reason, audited; a clerk of another insurer gets 404', async () => {
      const e = await employer(t, 'bw', 'Bäckerei Deaktiv');
      assert.equal(await searchFinds(t, e.word), true);
      const stranger = await signedInStaff(t, 'clerk', 'by');
      await stranger.get('/backoffice/registrierungen');
      const forged = await stranger.request('POST', `${PATH}/${e.employerId}/stellen/${e.postingId}/deaktivieren`, new URLSearchParams({ _csrf: stranger.csrf(), reason: 'Fremd' }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(forged.status, 404);

      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(`${PATH}/${e.employerId}`);
      await clerk.postForm({ reason: '  ' }, `/stellen/${e.postingId}/deaktivieren`);
      assert.equal(clerk.lastStatus, 422);
      assert.match(clerk.text(), /Bitte füllen Sie dieses Feld aus/);
      assert.equal((await t.system.deps.db.selectFrom('job_postings').select('status').where('id', '=', e.postingId).executeTakeFirstOrThrow()).status, 'active');

      await clerk.postForm({ reason: 'Die Anzeige verstößt gegen die <Nutzungsbedingungen>.' }, `/stellen/${e.postingId}/deaktivieren`);
      assert.match(clerk.lastUrl, new RegExp(`${PATH}/${e.employerId}\\?`));
      assert.match(clerk.text(), /Das Stellenangebot ist deaktiviert/);
      assert.match(clerk.text(), /Deaktiviert \(Grund: Die Anzeige verstößt gegen die <Nutzungsbedingungen>\.\)/);
      const row = await t.system.deps.db.selectFrom('job_postings').select(['status', 'deactivated_reason']).where('id', '=', e.postingId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'inactive', deactivated_reason: 'Die Anzeige verstößt gegen die <Nutzungsbedingungen>.' });
      assert.equal(await searchFinds(t, e.word), false);
      // sent again (a stale page): nothing changes, no second mail
      const again = await clerk.request('POST', `${PATH}/${e.employerId}/stellen/${e.postingId}/deaktivieren`, new URLSearchParams({ _csrf: clerk.csrf(), reason: 'Anders' }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(again.status, 200);
      assert.doesNotMatch(clerk.text(), /Das Stellenangebot ist deaktiviert/);
      assert.equal((await t.system.deps.db.selectFrom('job_postings').select('deactivated_reason').where('id', '=', e.postingId).executeTakeFirstOrThrow()).deactivated_reason, row.deactivated_reason);
      const mail = await waitForMail(t.baseUrl, e.email, { subject: 'Stellenanzeige' });
      assert.match(mail.text, new RegExp(`Ihre Stellenanzeige „${e.word} gesucht“ wurde von Ihrer AOK deaktiviert\\. Grund: Die Anzeige verstößt gegen die <Nutzungsbedingungen>\\.`));
      assert.equal((await mailsTo(t.baseUrl, e.email)).length, 1);
      const audit = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'outcome']).where('action', '=', 'backoffice.posting_deactivated').where('subject', '=', e.postingId).execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.actor, /^staff:/);
      const refused = await t.system.deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'backoffice.posting_denied').where('subject', '=', e.postingId).execute();
      assert.deepEqual(refused, [{ outcome: 'denied' }]);
    });

    test('Zugänge › a job board employer’s login is locked (sessions end, login refused) and unlocked', async () => {
      const e = await employer(t, 'bw', 'Bäckerei Sperre');
      const signedIn = await login(t, e.email);
      await signedIn.get('/jobmaster/stellenverwaltung');
      assert.equal(signedIn.lastStatus, 200);
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(`/backoffice/zugaenge?q=${encodeURIComponent(e.email)}`);
      // the portal's name, as its registry gives it, beside the account
      assert.ok(clerk.text().includes(`${t.system.deps.portals.get('jobmaster').name} aktiv`), clerk.text());
      await clerk.get(`/backoffice/zugaenge/${e.id}`);
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /Arbeitgeber \(Hauptansprechpartner\)/);
      assert.doesNotMatch(clerk.text(), new RegExp(e.employerId));
      await clerk.postForm({}, '/sperren');
      assert.match(clerk.text(), /Der Zugang ist gesperrt/);
      await signedIn.get('/jobmaster/stellenverwaltung');
      assert.match(signedIn.lastUrl, /\/jobmaster\/login/);
      const refused = await login(t, e.email);
      assert.doesNotMatch(refused.lastUrl, /stellenverwaltung/);
      await clerk.postForm({}, '/entsperren');
      assert.match(clerk.text(), /Der Zugang ist entsperrt/);
      const again = await login(t, e.email);
      assert.match(again.lastUrl, /\/jobmaster\/stellenverwaltung$/);
    });
  });
}
