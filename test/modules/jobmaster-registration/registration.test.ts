import { describe, it, before, after } from 'node:test';
import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { signedInStaff } from '../../support/staff.ts';
import { t as text } from '../../../src/core/i18n/de.ts';
import { ConfigError, loadConfig } from '../../../src/config.ts';

const PASSWORD = 'Stellen-Finden-2026!';
const HOUR = 3_600_000;
let serial = 0;

function company(overrides: Record<string, string> = {}) {
  return { companyName: 'Bäckerei Sonnenschein GmbH', betriebsnummer: '09912342', street: 'Kasernenstraße', houseNumber: '61', postalCode: '40213', city: 'Düsseldorf', ...overrides };
}

function person(overrides: Record<string, string> = {}) {
  serial += 1;
  return {
    salutation: 'Frau',
    title: '',
    firstName: 'Erika',
    lastName: 'Muster',
    phone: '0211 123456',
    email: `jm-${serial}-${Date.now()}@firma.example`,
    password: PASSWORD,
    passwordRepeat: PASSWORD,
    question: 'first_pet',
    answer: 'Bello',
    privacyAccepted: 'ja',
    termsAccepted: 'ja',
    ...overrides,
  };
}

/** Part 1 "Firmeninformationen" on a fresh form; the client stands on part 2 afterwards. */
async function part1(c: FormClient, values = company()) {
  await c.get('/jobmaster/registrierung/arbeitgeber');
  await c.postForm(values, '/jobmaster/registrierung/arbeitgeber?flow=');
}

async function registerEmployer(t: TestSystem, who = person(), values = company()) {
  const c = new FormClient(t.baseUrl);
  await part1(c, values);
  assert.match(c.lastUrl, /\/ansprechpartner\?flow=/, c.text().slice(0, 400));
  await c.postForm({ ...who, aktion: 'absenden' }, '/ansprechpartner');
  assert.match(c.text(), /Fast geschafft/);
  return { c, who };
}

async function registerApplicant(t: TestSystem, who = person()) {
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/registrierung/bewerber');
  await c.postForm(who, '/jobmaster/registrierung/bewerber?flow=');
  return { c, who };
}

/** A field's value attribute as the browser reads it: it must hold the whole typed text. */
function valueOf(html: string, name: string): string | undefined {
  const raw = html.match(new RegExp(`id="f-${name}"[^>]*? value="([^"]*)"`))?.[1];
  return raw?.replace(/&#34;|&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

async function confirmationLink(t: TestSystem, email: string) {
  const mail = await waitForMail(t.baseUrl, email, { subject: 'Bestätigung Ihrer Registrierung im Jobmaster' });
  return linkAfter(mail.text, 'Registrierung bestätigen');
}

describe('JOBMASTER_INSURER', () => {
  it('defaults to AOK Rheinland/Hamburg and must name a known insurer', () => {
    assert.equal(loadConfig({}).JOBMASTER_INSURER, 'rh');
    assert.equal(loadConfig({ JOBMASTER_INSURER: 'by' }).JOBMASTER_INSURER, 'by');
    assert.throws(() => loadConfig({ JOBMASTER_INSURER: 'xx' }), ConfigError);
  });
});

for (const kind of databaseKinds) {
  describe(`Jobmaster registration (${kind})`, () => {
    let t: TestSystem;
    before(async () => {
      t = await startTestSystem(kind);
    });
    after(() => t.close());

    const db = () => t.system.deps.db;
    const accountOf = (email: string) => db().selectFrom('accounts').selectAll().where('portal', '=', 'jobmaster').where('email', '=', email).executeTakeFirst();
    const employerOf = async (email: string) => {
      const account = await accountOf(email);
      return db().selectFrom('jobmaster_employers').selectAll().where('id', '=', account?.company ?? '').executeTakeFirst();
    };

    it('Registrierung: the choice Bewerber | Arbeitgeber works without JavaScript', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/registrierung');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Legen Sie ein Konto an\. Registrieren Sie sich, um mehr Funktionen nutzen zu können/);
      assert.match(c.lastHtml, /href="\/jobmaster\/registrierung\/bewerber"/);
      assert.match(c.lastHtml, /href="\/jobmaster\/registrierung\/arbeitgeber"/);
      assert.match(c.text(), /Im ersten Teil der Registrierung geben Sie Ihre Firmeninformationen an/);
    });

    it('Arbeitgeber: part 1, back keeps the values, part 2, the mail, the link, then the insurer releases (HTML stays text)', async () => {
      const c = new FormClient(t.baseUrl);
      const name = '"><script>alert(1)</script> & Söhne';
      await part1(c, company({ companyName: name }));
      assert.match(c.lastHtml, /Ansprechpartner/);
      assert.match(c.lastHtml, /stepper__step--done/);
      const who = person({ firstName: '<b>Erika</b>' });
      // Zurück: part 1 shows what was typed; forward again keeps part 2's values but never the secrets
      await c.postForm({ ...who, aktion: 'zurueck' }, '/ansprechpartner');
      assert.match(c.lastUrl, /\/registrierung\/arbeitgeber\?flow=/);
      assert.equal(valueOf(c.lastHtml, 'companyName'), name, 'the value stays inside its attribute');
      assert.doesNotMatch(c.lastHtml, /"><script>alert/);
      await c.postForm(company({ companyName: name }), '/jobmaster/registrierung/arbeitgeber?flow=');
      assert.equal(valueOf(c.lastHtml, 'firstName'), '<b>Erika</b>');
      assert.match(c.lastHtml, new RegExp(`value="${who.email}"`));
      assert.doesNotMatch(c.lastHtml, new RegExp(PASSWORD));
      assert.doesNotMatch(c.lastHtml, /Bello/);
      const stored = await db().selectFrom('flows').select('data').where('kind', '=', 'jobmaster_employer_registration').execute();
      assert.ok(stored.every((f) => !JSON.stringify(f.data).includes(PASSWORD) && !JSON.stringify(f.data).includes('Bello')), 'no secret in a flow');
      await c.postForm({ ...who, aktion: 'absenden' }, '/ansprechpartner');
      assert.match(c.text(), /Fast geschafft Sie erhalten innerhalb weniger Minuten eine E-Mail zur Bestätigung Ihrer Registrierung\. Bestätigungsmail nicht erhalten\?/);

      const account = await accountOf(who.email);
      assert.equal(account?.status, 'pending');
      assert.equal(account?.role, 'employer');
      assert.match(account!.password_hash, /^\$argon2id\$/);
      const employer = await employerOf(who.email);
      assert.deepEqual([employer?.status, employer?.insurer_id, employer?.company_name, employer?.postal_code], ['unconfirmed', 'rh', name, '40213']);
      const contacts = await db().selectFrom('jobmaster_contacts').selectAll().where('employer_id', '=', employer!.id).execute();
      assert.deepEqual(contacts.map((x) => [x.is_main, x.first_name, x.phone]), [[true, '<b>Erika</b>', '0211 123456']]);
      const answer = await db().selectFrom('security_answers').selectAll().where('account_id', '=', account!.id).executeTakeFirstOrThrow();
      assert.equal(answer.question, 'first_pet');
      assert.doesNotMatch(answer.answer_hash, /Bello/);
      const consents = await db().selectFrom('consents').select(['document', 'version']).where('account_id', '=', account!.id).orderBy('document').execute();
      assert.deepEqual(consents.map((x) => x.document), ['datenschutzhinweise', 'nutzungsbedingungen'], 'no marketing consent unless ticked');

      await c.get(await confirmationLink(t, who.email));
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Vielen Dank\. Ein AOK-Mitarbeiter überprüft zeitnah Ihre Eingaben und gibt die Registrierung frei\. Danach erhalten Sie eine E-Mail\./);
      assert.equal((await accountOf(who.email))?.status, 'active');
      assert.equal((await employerOf(who.email))?.status, 'waiting');

      const staff = await signedInStaff(t, 'clerk', 'rh');
      await staff.get('/backoffice/jobmaster-arbeitgeber');
      assert.match(staff.lastHtml, /Jobmaster-Arbeitgeber zur Freigabe/);
      assert.match(staff.lastHtml, /&lt;script>alert\(1\)&lt;\/script>/);
      assert.doesNotMatch(staff.lastHtml, /<script>alert/);
      assert.doesNotMatch(staff.lastHtml, /<b>Erika/);
      await staff.get(`/backoffice/jobmaster-arbeitgeber/${employer!.id}`);
      assert.match(staff.text(), /09912342 \(Prüfziffer und Nummernkreis gültig\)/);
      assert.match(staff.text(), /Frau <b>Erika<\/b> Muster/);
      await staff.postForm({}, '/freigeben');
      assert.match(staff.lastUrl, /hinweis=freigegeben/);
      const released = await employerOf(who.email);
      assert.equal(released?.status, 'released');
      assert.ok(released?.released_at && released.released_by);
      const mail = await waitForMail(t.baseUrl, who.email, { subject: 'Ihre Registrierung im Jobmaster wurde freigegeben' });
      assert.match(mail.text, /ab sofort Stellenanzeigen in Ihrem Profil hochladen/);
      // a second decision on the same employer
      const again = await staff.request('POST', `/backoffice/jobmaster-arbeitgeber/${employer!.id}/ablehnen`, new URLSearchParams({ _csrf: staff.csrf(), reason: 'zu spät' }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(again.status, 409);
      assert.match(staff.text(), /bereits entschieden/);
      assert.equal((await employerOf(who.email))?.status, 'released');
      const audit = await db().selectFrom('audit_log').select('action').where('subject', 'in', [account!.id, employer!.id]).execute();
      for (const action of ['registration.created', 'registration.email_confirmed', 'registration.activated']) assert.ok(audit.some((a) => a.action === action), action);
    });

    it('Bewerber: one page, with the Einwilligungserklärung; the link makes the account active, a second use is refused', async () => {
      const { c, who } = await registerApplicant(t, person({ marketingAccepted: 'ja' }));
      assert.match(c.text(), /Fast geschafft/);
      const account = await accountOf(who.email);
      assert.deepEqual([account?.role, account?.status, account?.company], ['applicant', 'pending', null]);
      const consents = await db().selectFrom('consents').select('document').where('account_id', '=', account!.id).orderBy('document').execute();
      assert.deepEqual(consents.map((x) => x.document), ['datenschutzhinweise', 'einwilligungserklaerung', 'nutzungsbedingungen']);
      const link = await confirmationLink(t, who.email);
      await c.get(link);
      assert.match(c.text(), /Ihre Registrierung ist abgeschlossen\. Sie können sich jetzt anmelden\./);
      assert.match(c.lastHtml, /href="\/jobmaster\/login"/);
      assert.equal((await accountOf(who.email))?.status, 'active');
      await c.get(link);
      assert.equal(c.lastStatus, 410);
      assert.match(c.text(), /bereits verwendet/);
    });

    it('Betriebsnummer and PLZ wrong in each way: 422, the message at the field, the values shown again, nothing stored', async () => {
      const c = new FormClient(t.baseUrl);
      const before = (await db().selectFrom('jobmaster_employers').select('id').execute()).length;
      const flowsBefore = (await db().selectFrom('flows').select('id').execute()).length;
      const cases: [string, string, string][] = [
        ['betriebsnummer', '09912343', 'betriebsnummer.check_digit'],
        ['betriebsnummer', '00012342', 'betriebsnummer.range'],
        ['betriebsnummer', '10512349', 'betriebsnummer.range'],
        ['betriebsnummer', '11000003', 'betriebsnummer.range'],
        ['betriebsnummer', '1234567', 'betriebsnummer.length'],
        ['betriebsnummer', '0991234a', 'betriebsnummer.not_digits'],
        ['betriebsnummer', '', 'betriebsnummer.required'],
        ['postalCode', '4021', 'plz.invalid'],
        ['postalCode', '402130', 'plz.invalid'],
        ['postalCode', '4021x', 'plz.invalid'],
        ['postalCode', '', 'field.required'],
      ];
      await c.get('/jobmaster/registrierung/arbeitgeber');
      for (const [field, value, code] of cases) {
        await c.postForm(company({ [field]: value }), '/jobmaster/registrierung/arbeitgeber?flow=');
        assert.equal(c.lastStatus, 422, `${field}=${value}`);
        assert.equal(c.fieldError(field), text(code), `${field}=${value}`);
        assert.match(c.lastHtml, /value="Bäckerei Sonnenschein GmbH"/);
      }
      for (const valid of ['09912347', '02221983', '66667777', '98094032']) {
        const ok = new FormClient(t.baseUrl);
        await part1(ok, company({ betriebsnummer: valid, postalCode: '01067' }));
        assert.match(ok.lastUrl, /ansprechpartner/, valid);
      }
      assert.equal((await db().selectFrom('jobmaster_employers').select('id').execute()).length, before);
      assert.equal((await db().selectFrom('flows').select('id').execute()).length, flowsBefore + 4, 'only the accepted forms stored a flow');
    });

    it('part 2 refused: 422 with a message at each field, typed values again without the passwords, nothing stored', async () => {
      const c = new FormClient(t.baseUrl);
      await part1(c);
      const who = person({ email: 'kein-at-zeichen', passwordRepeat: 'anders', question: 'evil', answer: 'x', termsAccepted: '', phone: 'abc' });
      await c.postForm({ ...who, password: 'kurz', aktion: 'absenden' }, '/ansprechpartner');
      assert.equal(c.lastStatus, 422);
      for (const [field, code] of [['email', 'email.invalid'], ['question', 'field.invalid_choice'], ['answer', 'answer.too_short'], ['termsAccepted', 'consent.required'], ['phone', 'phone.invalid'], ['password', 'password.too_short']] as const) {
        assert.equal(c.fieldError(field), text(code), field);
      }
      assert.match(c.lastHtml, /value="kein-at-zeichen"/);
      assert.doesNotMatch(c.lastHtml, /value="kurz"/);
      assert.equal(await accountOf('kein-at-zeichen'), undefined);
    });

    it('an address that already has a Jobmaster account: the same next page, a mail "Es besteht bereits ein Zugang", no second account', async () => {
      const { who } = await registerApplicant(t);
      await confirmationLink(t, who.email);
      const { c } = await registerEmployer(t, person({ email: who.email.toUpperCase() }));
      assert.match(c.text(), /Fast geschafft Sie erhalten innerhalb weniger Minuten eine E-Mail/);
      await waitForMail(t.baseUrl, who.email, { subject: 'Es besteht bereits ein Zugang' });
      const accounts = await db().selectFrom('accounts').select('id').where('portal', '=', 'jobmaster').where('email_normalized', '=', who.email.toLowerCase()).execute();
      assert.equal(accounts.length, 1);
      assert.equal((await db().selectFrom('accounts').select('id').where('email', 'like', '%stand-in.invalid').execute()).length, 0);
    });

    it('a double submit of the same form registers once', async () => {
      const c = new FormClient(t.baseUrl);
      await part1(c);
      const page = c.lastHtml;
      const pageUrl = c.lastUrl;
      const who = person();
      await c.postForm({ ...who, aktion: 'absenden' }, '/ansprechpartner');
      c.lastHtml = page;
      c.lastUrl = pageUrl;
      await c.postForm({ ...who, aktion: 'absenden' }, '/ansprechpartner');
      assert.match(c.text(), /Fast geschafft/);
      await confirmationLink(t, who.email);
      assert.equal((await db().selectFrom('accounts').select('id').where('email_normalized', '=', who.email.toLowerCase()).execute()).length, 1);
      assert.equal((await mailsTo(t.baseUrl, who.email)).length, 1);
    });

    /**
     * Runs `work` while a share lock holds every insert into accounts, and lets go once `waiters`
     * inserts wait for it: each of them has looked for the address already and found none.
     */
    async function heldAtInsert<T>(waiters: number, work: () => Promise<T>): Promise<T> {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = db().transaction().execute(async (trx) => {
        await sql`lock table accounts in share mode`.execute(trx);
        locked();
        await released;
      });
      await isLocked;
      const running = work();
      try {
        for (let i = 0; i < 400; i++) {
          const { rows } = await sql<{ n: string }>`select count(*) as n from pg_locks where relation = 'accounts'::regclass and not granted`.execute(db());
          if (Number(rows[0]!.n) >= waiters) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      } finally {
        release();
        await holder;
      }
      return running;
    }

    it('two different forms for one address sent at the same moment: one account, both told the same, one mail each, no 5xx', async () => {
      const who = person();
      const name = `Zeitgleich ${who.email}`;
      const employer = new FormClient(t.baseUrl);
      await part1(employer, company({ companyName: name }));
      const applicant = new FormClient(t.baseUrl);
      await applicant.get('/jobmaster/registrierung/bewerber');
      const both = () => Promise.all([
        employer.postForm({ ...who, aktion: 'absenden' }, '/ansprechpartner'),
        applicant.postForm(who, '/jobmaster/registrierung/bewerber?flow='),
      ]);
      // on PostgreSQL both are held just before their insert, so they race on the unique address every time
      await (kind === 'postgres' ? heldAtInsert(2, both) : both());
      for (const c of [employer, applicant]) {
        assert.equal(c.lastStatus, 200, c.text().slice(0, 400));
        assert.match(c.text(), /Fast geschafft Sie erhalten innerhalb weniger Minuten eine E-Mail/);
      }
      const accounts = await db().selectFrom('accounts').select(['id', 'role']).where('portal', '=', 'jobmaster').where('email_normalized', '=', who.email.toLowerCase()).execute();
      assert.equal(accounts.length, 1);
      const winner = accounts[0]!;
      const employers = await db().selectFrom('jobmaster_employers').select('id').where('company_name', '=', name).execute();
      assert.equal(employers.length, winner.role === 'employer' ? 1 : 0);
      const contacts = await db().selectFrom('jobmaster_contacts').select('id').where('email', '=', who.email).execute();
      assert.equal(contacts.length, winner.role === 'employer' ? 1 : 0);
      assert.equal((await db().selectFrom('accounts').select('id').where('email', 'like', '%stand-in.invalid').execute()).length, 0);
      await confirmationLink(t, who.email);
      await waitForMail(t.baseUrl, who.email, { subject: 'Es besteht bereits ein Zugang' });
      assert.equal((await mailsTo(t.baseUrl, who.email)).length, 2);
      const created = await db().selectFrom('audit_log').select('subject').where('action', '=', 'registration.created').where('subject', '=', winner.id).execute();
      assert.equal(created.length, 1);
      const denied = await db().selectFrom('audit_log').select('subject').where('action', '=', 'registration.duplicate_email').where('subject', '=', winner.id).execute();
      assert.equal(denied.length, 1);
    });

    it('unknown, expired and used links say so (404, 410, 410)', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/registrierung/bestaetigung?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      assert.equal(c.lastStatus, 404);
      assert.match(c.text(), /Link ungültig/);
      await c.get('/jobmaster/registrierung/bestaetigung?token=a&token=b');
      assert.equal(c.lastStatus, 404);
      const { who } = await registerApplicant(t);
      const link = await confirmationLink(t, who.email);
      t.clock.advance(721 * HOUR);
      await c.get(link);
      assert.equal(c.lastStatus, 410);
      assert.match(c.text(), /Link abgelaufen/);
      assert.equal((await accountOf(who.email))?.status, 'pending');
    });

    it('Bestätigungsmail nicht erhalten?: the same answer; a new link for a pending account (the old stops), a "nothing to confirm" mail otherwise', async () => {
      const { who } = await registerEmployer(t);
      const old = await confirmationLink(t, who.email);
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/bestaetigungsmail');
      await c.postForm({ email: who.email }, '/jobmaster/bestaetigungsmail');
      const answer = c.text().replace(who.email, '');
      const fresh = await waitForMail(t.baseUrl, who.email, { subject: 'Bestätigung Ihrer Registrierung im Jobmaster', after: (await mailsTo(t.baseUrl, who.email))[0]!.id });
      await c.get(old);
      assert.equal(c.lastStatus, 410);
      await c.get(linkAfter(fresh.text, 'Registrierung bestätigen'));
      assert.equal(c.lastStatus, 200);
      assert.equal((await employerOf(who.email))?.status, 'waiting');
      const nobody = `niemand-${Date.now()}@firma.example`;
      await c.get('/jobmaster/bestaetigungsmail');
      await c.postForm({ email: nobody }, '/jobmaster/bestaetigungsmail');
      assert.equal(c.text().replace(nobody, ''), answer);
      await waitForMail(t.baseUrl, nobody, { subject: 'Keine Registrierung zu bestätigen' });
      await c.get('/jobmaster/bestaetigungsmail');
      await c.postForm({ email: 'nicht gültig' }, '/jobmaster/bestaetigungsmail');
      assert.equal(c.lastStatus, 422);
    });

    it('staff reject with a reason (required): the employer is rejected and mailed the reason; a clerk of another insurer sees nothing (404)', async () => {
      const { c, who } = await registerEmployer(t, person(), company({ betriebsnummer: '09912347' }));
      await c.get(await confirmationLink(t, who.email));
      const id = (await employerOf(who.email))!.id;
      const other = await signedInStaff(t, 'clerk', 'by');
      await other.get('/backoffice/jobmaster-arbeitgeber');
      assert.doesNotMatch(other.lastHtml, new RegExp(id));
      await other.get(`/backoffice/jobmaster-arbeitgeber/${id}`);
      assert.equal(other.lastStatus, 404);
      await other.get('/backoffice/jobmaster-arbeitgeber');
      const forged = await other.request('POST', `/backoffice/jobmaster-arbeitgeber/${id}/freigeben`, new URLSearchParams({ _csrf: other.csrf() }).toString(), {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(forged.status, 404);
      assert.equal((await employerOf(who.email))?.status, 'waiting');

      const admin = await signedInStaff(t, 'admin');
      await admin.get(`/backoffice/jobmaster-arbeitgeber/${id}`);
      await admin.postForm({ reason: '  ' }, '/ablehnen');
      assert.equal(admin.lastStatus, 422);
      assert.equal(admin.fieldError('reason'), text('backoffice.reason_required'));
      await admin.postForm({ reason: 'x'.repeat(1001) }, '/ablehnen');
      assert.equal(admin.lastStatus, 422);
      await admin.postForm({ reason: 'Die Betriebsnummer gehört zu einem anderen Unternehmen.' }, '/ablehnen');
      assert.match(admin.lastUrl, /hinweis=abgelehnt/);
      const employer = await employerOf(who.email);
      assert.deepEqual([employer?.status, employer?.rejection_reason], ['rejected', 'Die Betriebsnummer gehört zu einem anderen Unternehmen.']);
      const mail = await waitForMail(t.baseUrl, who.email, { subject: 'nicht freigegeben' });
      assert.match(mail.text, /Grund: Die Betriebsnummer gehört zu einem anderen Unternehmen\./);
    });

    it('a multipart-encoded form post is refused without an error page', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/jobmaster/registrierung/arbeitgeber');
      const action = c.lastHtml.match(/action="([^"]*arbeitgeber\?flow=[^"]*)"/)![1]!.replace(/&amp;/g, '&');
      const form = new FormData();
      form.set('_csrf', c.csrf());
      for (const [k, v] of Object.entries(company())) form.set(k, v);
      const response = await c.request('POST', action, form);
      assert.ok(response.status >= 400 && response.status < 500, String(response.status));
    });

    it('unconfirmed registrations older than 30 days are deleted by the housekeeping, with their company and answer', async () => {
      const { who } = await registerEmployer(t);
      const account = (await accountOf(who.email))!;
      t.clock.advance(29 * 24 * HOUR);
      await t.system.jobs.housekeeping();
      assert.ok(await accountOf(who.email));
      t.clock.advance(24 * HOUR + 1000);
      await t.system.jobs.housekeeping();
      assert.equal(await accountOf(who.email), undefined);
      assert.equal(await db().selectFrom('jobmaster_employers').select('id').where('id', '=', account.company!).executeTakeFirst(), undefined);
      assert.equal(await db().selectFrom('security_answers').select('account_id').where('account_id', '=', account.id).executeTakeFirst(), undefined);
      const audit = await db().selectFrom('audit_log').select('action').where('subject', '=', account.id).where('action', '=', 'registration.deleted').execute();
      assert.equal(audit.length, 1);
    });
  });
}
