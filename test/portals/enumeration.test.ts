import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { databaseKinds } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { partnerClient } from '../support/partner-journeys.ts';
import { waitForMail } from '../support/mailbox.ts';
import { PASSWORD } from '../support/journeys.ts';
import { ik, providerWithIks, type TestProvider } from '../support/eavis-providers.ts';
import { hashWork } from '../../src/core/passwords/passwords.ts';
import { secretWork } from '../../src/core/ids/secrets.ts';
import { createPasswordReset } from '../../src/modules/password-reset/service.ts';
import { createRegistrationService, type RegistrationInput } from '../../src/modules/registration/service.ts';
import { createCompanyUsers } from '../../src/modules/users/service.ts';

/** Every statement a service sends, as "kind table": what a known and an unknown address must share. */
class StatementLog implements KyselyPlugin {
  statements: string[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(describeNode(args.node));
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function describeNode(node: any): string {
  if (node.kind === 'RawNode') {
    const word = String(node.sqlFragments.join('?')).trim().split(/\s+/)[0]!.toLowerCase();
    // the savepoint is released (rows kept) or rolled back (stand-in rows): the same round trip
    return word === 'release' || word === 'rollback' ? 'raw savepoint-end' : `raw ${word}`;
  }
  const target = node.into ?? node.table ?? node.from?.froms?.[0];
  const table = target?.kind === 'AliasNode' ? target.node : target;
  return `${node.kind} ${table?.table?.identifier?.name ?? '?'}`;
}

const mail = { subject: 'Test', text: 'x', html: '<p>x</p>' };
const PROFILE = {
  portal: 'partner',
  confirmationMail: () => mail,
  accountExistsMail: () => mail,
  nothingToConfirmMail: () => mail,
  confirmLink: (token: string) => `http://test/confirm/${token}`,
  statusLink: (token: string) => `http://test/status/${token}`,
};

let serial = 0;
const fresh = () => `niemand.${++serial}.${Date.now()}@example.de`;

function input(email: string): RegistrationInput {
  return { insurerId: 'by', identifier: ik('77012345'), salutation: 'Frau', title: null, firstName: 'Eva', lastName: 'Probe', email, password: PASSWORD, consents: [{ document: 'nutzungsbedingungen', version: '1' }] };
}

for (const kind of databaseKinds) {
  describe(`enumeration: known and unknown addresses do the same work (${kind})`, () => {
    let t: TestSystem;
    let provider: TestProvider;
    let other: TestProvider;
    before(async () => {
      t = await startTestSystem(kind);
      provider = await providerWithIks(t, [ik('77010001')]);
      other = await providerWithIks(t, [ik('77010002')]);
    });
    after(() => t.close());

    /** Runs `call` against services on a logged database; returns its statements, hashes and queued mails. */
    async function measure(recipient: string, call: (log: StatementLog) => Promise<void>) {
      const log = new StatementLog();
      const mailsBefore = (await t.system.deps.db.selectFrom('mail_outbox').select('id').where('recipient', '=', recipient).execute()).length;
      const hashes = hashWork.hashes;
      const secrets = secretWork.hashes;
      await call(log);
      const mails = (await t.system.deps.db.selectFrom('mail_outbox').select('id').where('recipient', '=', recipient).execute()).length - mailsBefore;
      return { statements: log.statements, passwordHashes: hashWork.hashes - hashes, secretHashes: secretWork.hashes - secrets, mails };
    }

    const logged = (log: StatementLog) => ({ ...t.system.deps, db: t.system.deps.db.withPlugin(log) });

    test('password reset › a known, a locked and an unknown address: the same statements and hashes, one mail each', async () => {
      const run = (email: string) =>
        measure(email, (log) =>
          createPasswordReset(logged(log)).request('partner', email, { reset: () => mail, locked: () => mail, noAccount: () => mail }, (token) => `http://test/${token}`, `10.0.${++serial}.1`),
        );
      const known = await run(provider.adminEmail);
      const unknown = await run(fresh());
      await t.system.deps.db.updateTable('accounts').set({ status: 'locked' }).where('email', '=', other.plainEmail).execute();
      const locked = await run(other.plainEmail);
      assert.deepEqual(unknown, known);
      assert.deepEqual(locked, known);
      assert.equal(known.mails, 1);
      assert.ok(known.statements.some((s) => s === 'InsertQueryNode tokens'), 'the token is written (and kept only for the known address)');
      const kept = await t.system.deps.db.selectFrom('tokens').select('hash').where('kind', '=', 'password_reset').where('account_id', 'is', null).execute();
      assert.equal(kept.length, 0, 'the stand-in rows are rolled back');
    });

    test('registration › a second registration with an existing address: the same statements and hashes as a new one', async () => {
      const registrations = (log: StatementLog) => createRegistrationService(logged(log), PROFILE);
      const register = async (email: string) =>
        measure(email, async (log) => {
          const service = registrations(log);
          const flow = await service.startForm();
          await service.register(flow.id, input(email), null);
        });
      const email = fresh();
      const first = await register(email);
      const again = await register(email);
      assert.deepEqual(again, first);
      assert.equal(first.passwordHashes, 1);
      assert.equal(first.mails, 1);
      const accounts = await t.system.deps.db.selectFrom('accounts').select('id').where('email_normalized', 'like', '%stand-in.invalid').execute();
      assert.equal(accounts.length, 0, 'no stand-in account remains');
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', email).execute()).length, 1);
    });

    test('registration › the address of an invited user (an account without a registration) gets the "access exists" mail, not an error', async () => {
      const result = await measure(provider.userEmail, async (log) => {
        const service = createRegistrationService(logged(log), { ...PROFILE, accountExistsMail: () => ({ ...mail, subject: 'Zugang besteht' }) });
        await service.register((await service.startForm()).id, input(provider.userEmail), null);
      });
      assert.equal(result.mails, 1);
      const subjects = (await t.system.deps.db.selectFrom('mail_outbox').select('subject').where('recipient', '=', provider.userEmail).execute()).map((m) => m.subject);
      assert.ok(subjects.includes('Zugang besteht'), subjects.join(', '));
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('id').where('email_normalized', '=', provider.userEmail.toLowerCase()).execute()).length, 1);
    });

    test('resend confirmation › an open registration, a confirmed one and an unknown address: the same statements and hashes, one mail each', async () => {
      const service = (log: StatementLog) => createRegistrationService(logged(log), PROFILE);
      const waiting = fresh();
      const setup = createRegistrationService(t.system.deps, PROFILE);
      await setup.register((await setup.startForm()).id, input(waiting), null);
      const resend = (email: string) => measure(email, (log) => service(log).resendConfirmation(email, null));
      const known = await resend(waiting);
      const unknown = await resend(fresh());
      const active = await resend(provider.adminEmail);
      assert.deepEqual(unknown, known);
      assert.deepEqual(active, known);
      assert.equal(known.mails, 1);
      const orphans = await t.system.deps.db.selectFrom('tokens').select('hash').where('kind', '=', 'email_confirmation').where('registration_id', 'is', null).execute();
      assert.equal(orphans.length, 0);
    });

    test('invitation › an address with an access in another provider: the same statements and hashes as a new one, one mail each', async () => {
      const invite = (email: string) =>
        measure(email, (log) =>
          createCompanyUsers(logged(log)).invite(provider.admin.accountId, email, { invitation: () => mail, toExisting: () => mail }, (token) => `http://test/${token}`, null),
        );
      const newcomer = fresh();
      const known = await invite(other.userEmail);
      const unknown = await invite(newcomer);
      assert.deepEqual(unknown, known);
      assert.equal(known.mails, 1);
      const holder = await t.system.deps.db.selectFrom('accounts').select(['company', 'status']).where('email', '=', other.userEmail).executeTakeFirstOrThrow();
      assert.deepEqual(holder, { company: other.admin.company, status: 'active' }, 'the existing access is untouched');
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('status').where('email', '=', newcomer).executeTakeFirstOrThrow()).status, 'invited');
    });

    test('pages › "Passwort vergessen?" and "Bestätigungsmail nicht erhalten?" answer alike; an unknown address gets a mail that says so', async () => {
      const page = async (path: string, form: string, email: string) => {
        const c = await partnerClient(t);
        await c.get(path);
        await c.postForm({ email }, form);
        return { status: c.lastStatus, text: c.text().replaceAll(email, '…') };
      };
      const unknown = fresh();
      assert.deepEqual(await page('/partner/passwort-vergessen', '/partner/passwort-vergessen', unknown), await page('/partner/passwort-vergessen', '/partner/passwort-vergessen', provider.adminEmail));
      const resetMail = await waitForMail(t.baseUrl, unknown, { subject: 'angefordert' });
      assert.match(resetMail.text, /besteht dort jedoch kein Zugang/);
      assert.match(resetMail.text, /Zur Registrierung: http/);
      const another = fresh();
      const c = await partnerClient(t);
      await c.get('/partner/passwort-vergessen');
      const resent = await c.request('POST', '/partner/registrierung/bestaetigungsmail', new URLSearchParams({ _csrf: c.csrf(), email: another }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(resent.status, 200);
      const resend = await waitForMail(t.baseUrl, another, { subject: 'Bestätigungsmail angefordert' });
      assert.match(resend.text, /wartet dort keine Registrierung auf die Bestätigung/);
    });
  });
}
