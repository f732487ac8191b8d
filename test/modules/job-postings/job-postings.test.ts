import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { auditCounts } from '../../support/audit.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { runPostingsExpiry } from '../../../src/modules/job-postings/module.ts';
import { JM_PASSWORD, jobmasterAccount } from '../jobmaster-login/accounts.ts';

// the test clock stands at 2026-11-23 10:00 in Berlin
const FORM = {
  titel: 'Ausbildung zur Kauffrau im Gesundheitswesen',
  art: 'ausbildung',
  beginn: '2027-08',
  ort: 'Hamburg',
  plz: '20095',
  beschreibung: 'Wir bilden aus.\n\nDas erwartet Sie:\n- Beratung\n- Verwaltung',
  anforderungen: 'Mittlere Reife',
  bewerbungsschluss: '2027-01-31',
  link: 'https://example.org/bewerben',
  email: 'bewerbung@example.org',
};

async function employer(t: TestSystem, employerStatus: 'released' | 'waiting' = 'released') {
  const { db } = t.system.deps;
  const account = await jobmasterAccount(db, { role: 'employer', employerStatus });
  const row = await db.selectFrom('accounts').select('company').where('id', '=', account.id).executeTakeFirstOrThrow();
  const contactId = newId();
  await db.insertInto('jobmaster_contacts').values({
    id: contactId, employer_id: row.company!, salutation: 'Frau', title: null, first_name: 'Erika', last_name: 'Mustermann',
    phone: '040 1234', email: account.email, is_main: true, created_at: t.clock.now(),
  }).execute();
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email: account.email, password: JM_PASSWORD }, '/jobmaster/login');
  return { c, ...account, employerId: row.company!, contactId };
}

async function add(c: FormClient, fields: Partial<typeof FORM> = {}) {
  await c.get('/jobmaster/stellenverwaltung/neu');
  await c.postForm({ ...FORM, ...fields }, '/jobmaster/stellenverwaltung/neu');
}

const postingsOf = (t: TestSystem, employerId: string) =>
  t.system.deps.db.selectFrom('job_postings').selectAll().where('employer_id', '=', employerId).orderBy('created_at').execute();

for (const kind of databaseKinds) {
  describe(`Jobmaster › Stellenverwaltung (${kind})`, () => {
    const t = testSystemFor(kind);

    test('Stellenverwaltung › after the login, empty, only for employers', async () => {
      const { c } = await employer(t);
      assert.match(c.lastUrl, /\/jobmaster\/stellenverwaltung$/);
      assert.match(c.text(), /Stellenverwaltung/);
      assert.match(c.text(), /0 ausgeschriebene Stellen/);
      assert.match(c.text(), /Hinzufügen/);
      assert.match(c.text(), /Sie haben noch keine Stellenangebote erfasst\./);
      assert.match(c.lastHtml, /href="\/jobmaster\/konto">Konto</);
      const applicant = await jobmasterAccount(t.system.deps.db);
      const a = new FormClient(t.baseUrl);
      await a.get('/jobmaster/login');
      await a.postForm({ email: applicant.email, password: JM_PASSWORD }, '/jobmaster/login');
      await a.get('/jobmaster/stellenverwaltung');
      assert.equal(a.lastStatus, 404);
      const anonymous = new FormClient(t.baseUrl);
      await anonymous.get('/jobmaster/stellenverwaltung');
      assert.match(anonymous.lastUrl, /\/jobmaster\/login/);
    });

    test('Hinzufügen › every field, stored as a draft with its search document', async () => {
      const { c, employerId, contactId } = await employer(t);
      await add(c);
      assert.match(c.lastUrl, /\/jobmaster\/stellenverwaltung\?hinweis=angelegt$/);
      assert.match(c.text(), /Ausbildung zur Kauffrau im Gesundheitswesen Ausbildung 20095 Hamburg 31\.01\.2027 Entwurf/);
      assert.match(c.text(), /0 ausgeschriebene Stellen/);
      const [p] = await postingsOf(t, employerId);
      assert.equal(p!.status, 'draft');
      assert.equal(p!.starts_on, '2027-08-01');
      assert.equal(p!.starts_month, true);
      assert.equal(p!.apply_until, '2027-01-31');
      assert.equal(p!.contact_id, contactId);
      assert.equal(p!.apply_url, 'https://example.org/bewerben');
      assert.equal(p!.apply_email, 'bewerbung@example.org');
      assert.equal(p!.requirements, 'Mittlere Reife');
      assert.notEqual(p!.lat, null);
      assert.equal((await auditCounts(t))('postings.created') >= 1, true);
    });

    test('Hinzufügen › refused inputs are named at the field, kept, and nothing is stored', async () => {
      const { c, employerId } = await employer(t);
      const cases: [Partial<typeof FORM>, string, RegExp][] = [
        [{ bewerbungsschluss: '2026-11-22' }, 'bewerbungsschluss', /nicht in der Vergangenheit/],
        [{ plz: '00001' }, 'plz', /Postleitzahl kennen wir nicht/],
        [{ beginn: '2027-01-15', bewerbungsschluss: '2027-01-31' }, 'beginn', /Beginn nach dem Bewerbungsschluss/],
        [{ link: 'http://example.org/bewerben' }, 'link', /https:\/\//],
        [{ titel: '' }, 'titel', /füllen Sie dieses Feld aus/],
      ];
      for (const [fields, field, message] of cases) {
        await add(c, fields);
        assert.equal(c.lastStatus, 422, field);
        assert.match(c.fieldError(field) ?? '', message, field);
        assert.match(c.lastHtml, /Mittlere Reife/);
      }
      assert.equal((await postingsOf(t, employerId)).length, 0);
      // a job may start before its deadline
      await add(c, { art: 'job', beginn: '2027-01-15' });
      assert.equal(c.lastStatus, 200);
      // HTML in the title is text
      await add(c, { titel: '<script>alert(1)</script>' });
      // (inside a quoted attribute the brackets are harmless text)
      assert.doesNotMatch(c.lastHtml.replace(/"[^"]*"/g, '""'), /<script>alert/);
      assert.match(c.lastHtml, /&lt;script&gt;alert\(1\)&lt;\/script&gt;|&lt;script>alert\(1\)&lt;\/script>/);
    });

    test('Aktivieren › found in the search; Deaktivieren › gone from it', async () => {
      const { c } = await employer(t);
      await add(c, { titel: 'Zahnradmechaniker Quokkaweg' });
      await c.postForm({}, '/aktivieren');
      assert.match(c.text(), /1 ausgeschriebene Stelle\b/);
      assert.match(c.text(), /Aktiv/);
      const search = new FormClient(t.baseUrl);
      await search.get('/jobmaster/suche?was=Quokkaweg');
      assert.match(search.text(), /Zahnradmechaniker Quokkaweg/);
      await c.postForm({}, '/deaktivieren');
      assert.match(c.text(), /Deaktiviert/);
      await search.get('/jobmaster/suche?was=Quokkaweg');
      assert.doesNotMatch(search.text(), /Zahnradmechaniker Quokkaweg/);
    });

    test('Kopieren › a draft without dates, opened in its form', async () => {
      const { c, employerId } = await employer(t);
      await add(c);
      await c.postForm({}, '/kopieren');
      assert.match(c.lastUrl, /\/jobmaster\/stellenverwaltung\/[0-9a-f-]{36}\?hinweis=kopie$/);
      assert.match(c.text(), /Kopie angelegt/);
      const [original, copy] = await postingsOf(t, employerId);
      assert.equal(copy!.title, original!.title);
      assert.equal(copy!.status, 'draft');
      assert.equal(copy!.starts_on, null);
      assert.equal(copy!.apply_until, null);
      assert.equal(copy!.description, original!.description);
      // without a deadline it cannot be activated
      await c.get('/jobmaster/stellenverwaltung');
      await c.postForm({}, `/jobmaster/stellenverwaltung/${copy!.id}/aktivieren`);
      assert.equal(c.lastStatus, 409);
      // Bearbeiten: the copy gets its own dates
      await c.get(`/jobmaster/stellenverwaltung/${copy!.id}`);
      await c.postForm({ ...FORM, titel: 'Kopierte Stelle', bewerbungsschluss: '2027-02-28' }, `/jobmaster/stellenverwaltung/${copy!.id}`);
      assert.match(c.text(), /Das Stellenangebot ist gespeichert\./);
      const edited = (await postingsOf(t, employerId))[1]!;
      assert.equal(edited.title, 'Kopierte Stelle');
      assert.equal(edited.apply_until, '2027-02-28');
      assert.ok(new Date(edited.updated_at) >= new Date(copy!.updated_at));
    });

    test('Löschen › after the question', async () => {
      const { c, employerId } = await employer(t);
      await add(c, { titel: 'Zu löschende Stelle' });
      const [p] = await postingsOf(t, employerId);
      await c.get(`/jobmaster/stellenverwaltung/${p!.id}/loeschen`);
      assert.match(c.text(), /Möchten Sie die Stelle „Zu löschende Stelle“ wirklich löschen\?/);
      assert.equal((await postingsOf(t, employerId)).length, 1);
      await c.postForm({}, '/loeschen');
      assert.match(c.text(), /Sie haben noch keine Stellenangebote erfasst\./);
      assert.equal((await postingsOf(t, employerId)).length, 0);
    });

    test('not yet released › postings can be prepared, Aktivieren answers 409', async () => {
      const { c, employerId } = await employer(t, 'waiting');
      await c.get('/jobmaster/stellenverwaltung');
      assert.match(c.text(), /erst, wenn Ihr Unternehmen freigeschaltet ist/);
      await add(c);
      await c.postForm({}, '/aktivieren');
      assert.equal(c.lastStatus, 409);
      assert.match(c.text(), /Veröffentlichen können Sie sie erst, wenn Ihr Unternehmen freigeschaltet ist\./);
      assert.equal((await postingsOf(t, employerId))[0]!.status, 'draft');
    });

    test("another employer's posting › 404 on every route, audited", async () => {
      const owner = await employer(t);
      await add(owner.c);
      const [p] = await postingsOf(t, owner.employerId);
      const { c } = await employer(t);
      const before = (await auditCounts(t))('postings.denied');
      await c.get(`/jobmaster/stellenverwaltung/${p!.id}`);
      assert.equal(c.lastStatus, 404);
      await c.get(`/jobmaster/stellenverwaltung/${p!.id}/loeschen`);
      assert.equal(c.lastStatus, 404);
      await c.get('/jobmaster/stellenverwaltung/neu');
      const token = c.csrf();
      for (const action of ['aktivieren', 'kopieren', 'loeschen', '']) {
        const r = await c.request('POST', `/jobmaster/stellenverwaltung/${p!.id}${action ? `/${action}` : ''}`, new URLSearchParams({ _csrf: token, ...FORM }).toString(), {
          'content-type': 'application/x-www-form-urlencoded',
        });
        assert.equal(r.status, 404, action);
      }
      await c.get('/jobmaster/stellenverwaltung/kein-id');
      assert.equal(c.lastStatus, 404);
      assert.equal((await auditCounts(t))('postings.denied'), before + 7);
      const unchanged = await postingsOf(t, owner.employerId);
      assert.equal(unchanged.length, 1);
      assert.equal(unchanged[0]!.status, 'draft');
    });

    test('Bewerbungsschluss › a reminder a week before, once; its link extends once; past the deadline the posting ends', async () => {
      const { c, email, employerId } = await employer(t);
      await add(c, { titel: 'Befristete Stelle', art: 'job', bewerbungsschluss: '2026-12-05' });
      await c.postForm({}, '/aktivieren');
      await runPostingsExpiry(t.system.deps);
      assert.equal((await mailsTo(t.baseUrl, email)).length, 0);
      t.clock.advance(6 * 86_400_000); // 29.11.: six days left
      await runPostingsExpiry(t.system.deps);
      await runPostingsExpiry(t.system.deps);
      const mail = await waitForMail(t.baseUrl, email, { subject: 'läuft bald ab' });
      assert.equal((await mailsTo(t.baseUrl, email)).filter((m) => m.subject.includes('läuft bald ab')).length, 1);
      const link = linkAfter(mail.text, 'Verlängern');
      const visitor = new FormClient(t.baseUrl);
      await visitor.get(link);
      assert.match(visitor.text(), /Neuer Bewerbungsschluss: 04\.01\.2027/);
      await visitor.postForm({}, '/stelle-verlaengern');
      assert.match(visitor.text(), /jetzt der 04\.01\.2027/);
      await visitor.get(link);
      assert.equal(visitor.lastStatus, 410);
      assert.equal((await postingsOf(t, employerId))[0]!.apply_until, '2027-01-04');

      // past the (extended) deadline, the job deactivates it
      t.clock.advance(37 * 86_400_000); // 05.01.2027
      await runPostingsExpiry(t.system.deps);
      const [p] = await postingsOf(t, employerId);
      assert.equal(p!.status, 'inactive');
      assert.equal(p!.deactivated_reason, 'deadline');
    });
  });
}
