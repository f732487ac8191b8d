import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import type { Db } from '../../../src/core/db/database.ts';
import { JM_ANSWER, JM_PASSWORD, jobmasterAccount } from '../jobmaster-login/accounts.ts';

const NEW_PASSWORD = 'Gurkensalat-ohne-Kartoffel-77';

async function signIn(t: TestSystem, email: string, password = JM_PASSWORD) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password }, '/jobmaster/login');
  return c;
}

/** An employer as the registration leaves it: account, company, main contact, consents, one posting and a further contact. */
async function employer(db: Db) {
  const account = await jobmasterAccount(db, { role: 'employer' });
  const { company } = await db.selectFrom('accounts').select('company').where('id', '=', account.id).executeTakeFirstOrThrow();
  const now = new Date();
  const main = { employer_id: company!, salutation: 'Frau', title: null, first_name: 'Erika', last_name: 'Mustermann', phone: '0221 123', created_at: now };
  await db.insertInto('jobmaster_contacts').values({ ...main, id: newId(), email: account.email, is_main: true }).execute();
  const other = { id: newId(), email: `kollege-${newId().slice(0, 6)}@example.org` };
  await db.insertInto('jobmaster_contacts').values({ ...main, ...other, first_name: 'Max', last_name: 'Kollege', is_main: false }).execute();
  await db.insertInto('consents').values(['nutzungsbedingungen', 'datenschutzhinweise'].map((document) => ({ account_id: account.id, document, version: '2026-12', accepted_at: now }))).execute();
  await db
    .insertInto('job_postings')
    .values({ id: newId(), employer_id: company!, title: 'Azubi', kind: 'ausbildung', postal_code: '50667', city: 'Köln', description: 'x', status: 'active', created_at: now, updated_at: now })
    .execute();
  return { ...account, company: company!, other };
}

for (const kind of databaseKinds) {
  describe(`Jobmaster Konto (${kind})`, () => {
    const t = testSystemFor(kind);
    const db = () => t.system.deps.db;

    test('Passwort ändern › the right current password changes it, other sessions end, this one stays, a mail tells', async () => {
      const { email } = await jobmasterAccount(db());
      const other = await signIn(t, email);
      const c = await signIn(t, email);
      await c.get('/jobmaster/konto/daten');
      assert.match(c.lastHtml, /href="\/jobmaster\/konto\/passwort"/);
      assert.doesNotMatch(c.lastHtml, /hauptansprechpartner/);
      await c.get('/jobmaster/konto/passwort');
      await c.postForm({ currentPassword: JM_PASSWORD, password: NEW_PASSWORD, passwordRepeat: 'anders' }, '/jobmaster/konto/passwort');
      assert.equal(c.lastStatus, 422);
      await c.postForm({ currentPassword: JM_PASSWORD, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/konto/passwort');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Passwort geändert/);
      await c.get('/jobmaster/konto');
      assert.match(c.lastUrl, /\/jobmaster\/konto$/);
      await other.get('/jobmaster/konto');
      assert.match(other.lastUrl, /\/jobmaster\/login/);
      await waitForMail(t.baseUrl, email, { subject: 'Ihr Passwort wurde geändert' });
      const again = await signIn(t, email, NEW_PASSWORD);
      assert.match(again.lastUrl, /\/jobmaster\/konto$/);
    });

    test('Passwort ändern › a wrong current password changes nothing and is limited like the login', async () => {
      const { id, email } = await jobmasterAccount(db());
      const c = await signIn(t, email);
      const before = (await db().selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
      await c.get('/jobmaster/konto/passwort');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        await c.postForm({ currentPassword: 'falsch-falsch-falsch', password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/konto/passwort');
        statuses.push(c.lastStatus);
      }
      assert.deepEqual(statuses, [422, 422, 422, 422, 422, 429]);
      assert.equal(c.fieldError('currentPassword'), null);
      assert.match(c.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);
      const after = (await db().selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
      assert.equal(after, before);
      // a POST without the CSRF token is refused
      await c.postForm({ currentPassword: JM_PASSWORD, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }, '/jobmaster/konto/passwort', { csrf: null });
      assert.equal(c.lastStatus, 403);
    });

    test('E-Mail Adresse ändern › the link goes to the new address, the old one is told, the change waits for the link', async () => {
      const e = await employer(db());
      const c = await signIn(t, e.email);
      const fresh = `neu-${newId().slice(0, 8)}@example.org`;
      await c.get('/jobmaster/konto/email');
      await c.postForm({ email: fresh, currentPassword: JM_PASSWORD }, '/jobmaster/konto/email');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Wir haben einen Link an/);
      const notice = await waitForMail(t.baseUrl, e.email, { subject: 'Ihre E-Mail-Adresse im Jobmaster soll geändert werden' });
      assert.doesNotMatch(notice.text, /bestaetigen\?token=/);
      const mail = await waitForMail(t.baseUrl, fresh, { subject: 'Bitte bestätigen' });
      const link = linkAfter(mail.text, 'E-Mail-Adresse bestätigen');
      assert.equal((await db().selectFrom('accounts').select('email').where('id', '=', e.id).executeTakeFirstOrThrow()).email, e.email);
      const owner = new FormClient(t.baseUrl);
      await owner.get(link.replace(/^https?:\/\/[^/]+/, ''));
      assert.equal(owner.lastStatus, 200);
      await owner.postForm({}, '/jobmaster/konto/email/bestaetigen');
      assert.equal(owner.lastStatus, 200);
      assert.match(owner.text(), /Ihre E-Mail-Adresse wurde geändert/);
      const row = await db().selectFrom('accounts').select('email').where('id', '=', e.id).executeTakeFirstOrThrow();
      assert.equal(row.email, fresh);
      const main = await db().selectFrom('jobmaster_contacts').select('email').where('employer_id', '=', e.company).where('is_main', '=', true).executeTakeFirstOrThrow();
      assert.equal(main.email, fresh);
      await waitForMail(t.baseUrl, e.email, { subject: 'wurde geändert' });
      // the link works once
      await owner.get(link.replace(/^https?:\/\/[^/]+/, ''));
      assert.equal(owner.lastStatus, 410);
      assert.match((await signIn(t, fresh)).lastUrl, /\/jobmaster\/(konto|stellenverwaltung)$/);
    });

    test('E-Mail Adresse ändern › an address of another account gets the same answer, and its link cannot be used', async () => {
      const a = await jobmasterAccount(db());
      const b = await jobmasterAccount(db());
      const c = await signIn(t, a.email);
      await c.get('/jobmaster/konto/email');
      await c.postForm({ email: b.email.toUpperCase(), currentPassword: JM_PASSWORD }, '/jobmaster/konto/email');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Wir haben einen Link an/);
      const mail = await waitForMail(t.baseUrl, b.email, { subject: 'Bitte bestätigen' });
      const owner = new FormClient(t.baseUrl);
      await owner.get(linkAfter(mail.text, 'E-Mail-Adresse bestätigen').replace(/^https?:\/\/[^/]+/, ''));
      await owner.postForm({}, '/jobmaster/konto/email/bestaetigen');
      assert.equal(owner.lastStatus, 409);
      assert.match(owner.text(), /Dieser Link kann nicht verwendet werden/);
      assert.equal((await db().selectFrom('accounts').select('email').where('id', '=', a.id).executeTakeFirstOrThrow()).email, a.email);
    });

    test('Einwilligungen ändern › the Einwilligungserklärung is given and revoked, each with its time', async () => {
      const e = await employer(db());
      const c = await signIn(t, e.email);
      await c.get('/jobmaster/konto/einwilligungen');
      assert.match(c.text(), /Nutzungsbedingungen \(Version 2026-12\): akzeptiert am/);
      assert.match(c.text(), /Nicht erteilt\./);
      await c.postForm({ marketing: 'erteilen' }, '/jobmaster/konto/einwilligungen');
      assert.match(c.text(), /Erteilt am/);
      t.clock.advance(60_000);
      await c.postForm({ marketing: 'widerrufen' }, '/jobmaster/konto/einwilligungen');
      assert.match(c.text(), /Widerrufen am/);
      const rows = await db().selectFrom('consents').select(['version', 'revoked_at']).where('account_id', '=', e.id).where('document', '=', 'einwilligungserklaerung').execute();
      assert.equal(rows.length, 1);
      assert.ok(rows[0]!.revoked_at);
      await c.postForm({ marketing: 'erteilen' }, '/jobmaster/konto/einwilligungen');
      const again = await db().selectFrom('consents').select(['revoked_at']).where('account_id', '=', e.id).where('document', '=', 'einwilligungserklaerung').execute();
      assert.equal(again.length, 2);
    });

    test('Hauptansprechpartner wechseln › wrong answers are limited and nothing changes before the link; after it the login is the new person’s', async () => {
      const e = await employer(db());
      const c = await signIn(t, e.email);
      const oldSession = await signIn(t, e.email);
      await c.get('/jobmaster/konto/hauptansprechpartner');
      assert.match(c.text(), /Der Login bezieht sich auf die Person, die sich registriert hat\. Inklusive der Sicherheitsabfrage\./);
      await c.postForm({ answer: 'Falsch', contactId: e.other.id }, '/jobmaster/konto/hauptansprechpartner');
      assert.equal(c.lastStatus, 422);
      assert.match(c.fieldError('answer') ?? '', /nicht korrekt/);
      // another employer's contact is not found
      await c.postForm({ answer: JM_ANSWER, contactId: newId() }, '/jobmaster/konto/hauptansprechpartner');
      assert.equal(c.lastStatus, 404);
      await c.get('/jobmaster/konto/hauptansprechpartner');
      await c.postForm({ answer: JM_ANSWER, contactId: e.other.id }, '/jobmaster/konto/hauptansprechpartner');
      assert.equal(c.lastStatus, 200);
      const mail = await waitForMail(t.baseUrl, e.other.email, { subject: 'Hauptansprechpartner' });
      const link = linkAfter(mail.text, 'Login übernehmen').replace(/^https?:\/\/[^/]+/, '');
      // nothing changed yet
      assert.equal((await db().selectFrom('accounts').select('email').where('id', '=', e.id).executeTakeFirstOrThrow()).email, e.email);
      const n = new FormClient(t.baseUrl);
      await n.get(link);
      assert.equal(n.lastStatus, 200);
      await n.postForm({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD, question: 'first_school', answer: 'Goetheschule' }, '/jobmaster/hauptansprechpartner');
      assert.equal(n.lastStatus, 200);
      assert.match(n.text(), /Login übernommen/);
      await oldSession.get('/jobmaster/konto');
      assert.match(oldSession.lastUrl, /\/jobmaster\/login/);
      assert.equal((await signIn(t, e.email)).lastStatus, 401);
      assert.match((await signIn(t, e.other.email, NEW_PASSWORD)).lastUrl, /\/jobmaster\/(konto|stellenverwaltung)$/);
      const contacts = await db().selectFrom('jobmaster_contacts').select(['email', 'is_main']).where('employer_id', '=', e.company).orderBy('email').execute();
      assert.deepEqual(contacts.find((x) => x.is_main)?.email, e.other.email);
      assert.equal(contacts.length, 2);
      await waitForMail(t.baseUrl, e.email, { subject: 'Login im Jobmaster ist übergeben' });
      // wrong answers are limited: the fifth wrong one locks
      const f = await employer(db());
      const fc = await signIn(t, f.email);
      await fc.get('/jobmaster/konto/hauptansprechpartner');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        await fc.postForm({ answer: 'Falsch', contactId: f.other.id }, '/jobmaster/konto/hauptansprechpartner');
        statuses.push(fc.lastStatus);
      }
      assert.deepEqual(statuses, [422, 422, 422, 422, 429, 429]);
      await fc.postForm({ answer: JM_ANSWER, contactId: f.other.id }, '/jobmaster/konto/hauptansprechpartner');
      assert.equal(fc.lastStatus, 429);
      assert.equal((await mailsTo(t.baseUrl, f.other.email)).length, 0);
    });

    test('Profil löschen › every row of the company goes, the Protokoll keeps only that it happened', async () => {
      const e = await employer(db());
      const c = await signIn(t, e.email);
      await c.get('/jobmaster/konto/loeschen');
      await c.postForm({ password: JM_PASSWORD }, '/jobmaster/konto/loeschen');
      assert.equal(c.lastStatus, 422);
      await c.postForm({ password: JM_PASSWORD, confirm: 'ja' }, '/jobmaster/konto/loeschen');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Profil gelöscht/);
      const count = async (table: 'accounts' | 'jobmaster_employers' | 'jobmaster_contacts' | 'job_postings' | 'security_answers' | 'consents' | 'sessions' | 'login_history', column: string, value: string) =>
        Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column as never, '=', value as never).executeTakeFirstOrThrow()).n);
      assert.equal(await count('accounts', 'id', e.id), 0);
      assert.equal(await count('jobmaster_employers', 'id', e.company), 0);
      assert.equal(await count('jobmaster_contacts', 'employer_id', e.company), 0);
      assert.equal(await count('job_postings', 'employer_id', e.company), 0);
      for (const table of ['security_answers', 'consents', 'sessions', 'login_history'] as const) assert.equal(await count(table, 'account_id', e.id), 0, table);
      const entry = await db().selectFrom('audit_log').selectAll().where('action', '=', 'account.deleted').where('subject', '=', e.id).executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(entry), new RegExp(e.email.split('@')[0]!));
      await waitForMail(t.baseUrl, e.email, { subject: 'gelöscht' });
      await c.get('/jobmaster/konto');
      assert.match(c.lastUrl, /\/jobmaster\/login/);
    });
  });
}
