import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { auditCounts } from '../../support/audit.ts';
import { HOUR } from '../../../src/core/clock/clock.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { berlinTime } from '../../../src/modules/epa-access/mails.ts';
import { requestingDevice, shownAddress } from '../../../src/modules/epa-access/devices.ts';
import { MAX_WRONG_CODES_PER_PERSON, type EpaCaller } from '../../../src/modules/epa-access/service.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { clockAtRealTime, handProof, lastMailId, loggedInPerson, nowSeconds, otherCode, rawCall } from './support.ts';

type Person = Awaited<ReturnType<typeof loggedInPerson>>;

/** The refusal's code, or 'ok'. */
async function outcome(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

for (const kind of databaseKinds) {
  describe(`ePA record service: wrong Bestätigungscodes count per person (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const person = () => loggedInPerson(t, `${callback().base}/callback`);
    const access = () => t.system.deps.epaAccess;

    /** Another desktop client of the same Ident login: a fresh device key (the service is asked as the API would ask it). */
    const newKey = (p: Person): EpaCaller => ({ ...p.caller, jkt: `key-${randomUUID()}` });

    /**
     * "Endgerät freischalten" on that key; the code from the mail, read in the outbox (these tests
     * register many times and need not wait for each delivery; the mail's own test reads the mailbox).
     * Ten minutes pass after it, so that many registrations stay under the limit of mails a person may
     * cause in an hour.
     */
    async function registerKey(p: Person, caller: EpaCaller): Promise<string> {
      await access().register(caller, { name: 'Mein PC' }, '203.0.113.7');
      const mail = await t.system.deps.db.selectFrom('mail_outbox').select('text').where('recipient', '=', p.email).where('created_at', '=', t.clock.now()).executeTakeFirstOrThrow();
      const code = /Ihr Bestätigungscode lautet: (\d{6})/.exec(mail.text)?.[1];
      assert.ok(code, mail.text);
      t.clock.advance(10 * 60_000);
      return code;
    }

    const wrongCodeRows = async (p: Person) => (await t.system.deps.db.selectFrom('epa_wrong_codes').select('id').where('insured_id', '=', p.insuredId).execute()).length;

    test('15 wrong codes spread over new registrations stop the person: the 16th registration, and then even the right code, are refused (429)', async () => {
      const p = await person();
      const firstWrongAt = new Date(t.clock.now().getTime() + 10 * 60_000);
      const keys: { caller: EpaCaller; code: string }[] = [];
      const answers: string[] = [];
      // the attack: a fresh key for each registration, one guess each, never five on one registration
      for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i++) {
        const caller = newKey(p);
        const code = await registerKey(p, caller);
        keys.push({ caller, code });
        answers.push(await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7')));
      }
      assert.deepEqual(answers, [...Array(MAX_WRONG_CODES_PER_PERSON - 1).fill('epa.code_wrong'), 'epa.code_locked']);

      // the 16th registration: refused, no mail
      // counted in the outbox: the code mails before are still on their way to the mailbox
      const mailsStored = async () => (await t.system.deps.db.selectFrom('mail_outbox').select('id').where('recipient', '=', p.email).execute()).length;
      const before = await mailsStored();
      const sixteenth = await access().register(newKey(p), { name: 'Mein PC' }, '203.0.113.7').catch((e: unknown) => e);
      assert.ok(sixteenth instanceof AppError && sixteenth.code === 'epa.code_locked' && sixteenth.status === 429);
      assert.equal(sixteenth.details.until, new Date(firstWrongAt.getTime() + 8 * HOUR).toISOString());
      assert.equal(await mailsStored(), before, 'no mail');

      // the right code of the first registration is refused as well: the stop deleted what was pending
      assert.equal(await outcome(access().confirm(keys[0]!.caller, { code: keys[0]!.code }, '203.0.113.7')), 'epa.code_locked');
      const pending = await t.system.deps.db.selectFrom('epa_devices').select('id').where('insured_id', '=', p.insuredId).execute();
      assert.deepEqual(pending, []);

      // each refusal is in the audit log, and the person reads it in their Protokoll
      const count = await auditCounts(t);
      assert.ok(count('epa_access.device_registration_blocked') >= 3, 'the stop, the 16th registration and the right code');
      const protocol = await t.system.deps.epaProtocol.list(p.insuredId);
      assert.equal(protocol.rows[0]!.action, 'device.registration_blocked');
    });

    test('the answer through the API: 429 with Retry-After, and the message names the end of the stop', async () => {
      const p = await person();
      for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i++) {
        const caller = newKey(p);
        const code = await registerKey(p, caller);
        await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
      }
      // the person's own client, logged in with the same Ident login (its token checked on a clock that moved on)
      t.clock.set(new Date());
      const answer = await p.session.call('POST', '/devices', { name: 'Mein PC' });
      assert.equal(answer.status, 429);
      assert.equal(answer.body.error, 'epa.code_locked');
      const until = new Date(answer.body.details.until);
      assert.ok(Number(answer.headers.get('retry-after')) > 0);
      assert.ok(answer.body.message.endsWith(`Sie können ab ${berlinTime(until)} wieder ein Gerät freischalten.`), answer.body.message);
      const confirm = await p.session.call('POST', '/devices/confirm', { code: '123456' });
      assert.equal(confirm.status, 429);
      assert.equal(confirm.body.error, 'epa.code_locked');
    });

    test('a hundred refused codes during the stop write a few entries, not a hundred: the Protokoll stays readable', async () => {
      const p = await person();
      const keys: { caller: EpaCaller; code: string }[] = [];
      for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i++) {
        const caller = newKey(p);
        const code = await registerKey(p, caller);
        keys.push({ caller, code });
        await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
      }
      const blocked = async () => (await t.system.deps.epaProtocol.list(p.insuredId)).rows.filter((r) => r.action === 'device.registration_blocked').length;
      const before = await blocked();
      const answers = new Set<string>();
      for (let i = 0; i < 100; i++) answers.add(await outcome(access().confirm(keys[0]!.caller, { code: '123456' }, '203.0.113.7')));
      assert.deepEqual([...answers], ['epa.code_locked'], 'every one refused');
      assert.ok((await blocked()) - before <= 5, `at most five more entries, not ${(await blocked()) - before}`);
    });

    test('twenty wrong guesses at once: no more than the limit are compared', async () => {
      const p = await person();
      const pending: { caller: EpaCaller; code: string }[] = [];
      for (let i = 0; i < 4; i++) {
        const caller = newKey(p);
        pending.push({ caller, code: await registerKey(p, caller) });
      }
      // five guesses for each of the four registrations, all in parallel
      const guesses = pending.flatMap(({ caller, code }) => [1, 2, 3, 4, 5].map((n) => outcome(access().confirm(caller, { code: otherCode(code, n) }, '203.0.113.7'))));
      const answers = await Promise.all(guesses);
      // fifteen were compared and counted (the fifteenth answers the stop, or the end of its registration);
      // the other five were refused without a look at the code
      assert.equal(await wrongCodeRows(p), MAX_WRONG_CODES_PER_PERSON);
      const compared = answers.filter((a) => a === 'epa.code_wrong' || a === 'epa.code_too_many').length;
      assert.ok(compared === MAX_WRONG_CODES_PER_PERSON - 1 || compared === MAX_WRONG_CODES_PER_PERSON, answers.join(' '));
      assert.equal(answers.filter((a) => a === 'epa.code_locked').length, 20 - compared, answers.join(' '));
    });

    test('a right code in between does not reset the count', async () => {
      const p = await person();
      const guessWrong = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const caller = newKey(p);
          const code = await registerKey(p, caller);
          await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
        }
      };
      await guessWrong(7);
      const own = newKey(p);
      const code = await registerKey(p, own);
      assert.equal(await outcome(access().confirm(own, { code }, '203.0.113.7')), 'ok');
      await guessWrong(7);
      const last = newKey(p);
      const lastCode = await registerKey(p, last);
      assert.equal(await outcome(access().confirm(last, { code: otherCode(lastCode) }, '203.0.113.7')), 'epa.code_locked');
    });

    test('once the oldest wrong code is 8 hours old, a device is unlocked again', async () => {
      const p = await person();
      const firstWrongAt = new Date(t.clock.now().getTime() + 10 * 60_000);
      for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i++) {
        const caller = newKey(p);
        const code = await registerKey(p, caller);
        await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
      }
      t.clock.set(new Date(firstWrongAt.getTime() + 8 * HOUR - 1000));
      assert.equal(await outcome(access().register(newKey(p), { name: 'Mein PC' }, '203.0.113.7')), 'epa.code_locked');

      t.clock.set(new Date(firstWrongAt.getTime() + 8 * HOUR));
      const caller = newKey(p);
      const code = await registerKey(p, caller);
      const confirmed = await access().confirm(caller, { code }, '203.0.113.7');
      assert.equal(confirmed.device.status, 'confirmed');
    });

    test("another person's codes and registrations go on while one person is stopped", async () => {
      const p = await person();
      const other = await person();
      for (let i = 0; i < MAX_WRONG_CODES_PER_PERSON; i++) {
        const caller = newKey(p);
        const code = await registerKey(p, caller);
        await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
      }
      const code = await registerKey(other, other.caller);
      assert.equal(await outcome(access().confirm(other.caller, { code: otherCode(code) }, '203.0.113.7')), 'epa.code_wrong');
      assert.equal((await access().confirm(other.caller, { code }, '203.0.113.7')).device.status, 'confirmed');
    });

    test('the housekeeping deletes wrong codes older than 8 hours', async () => {
      const p = await person();
      const caller = newKey(p);
      const code = await registerKey(p, caller);
      await outcome(access().confirm(caller, { code: otherCode(code) }, '203.0.113.7'));
      t.clock.advance(8 * HOUR + 1000);
      await access().sweep();
      assert.equal(await wrongCodeRows(p), 0);
    });

    test('the mail names the time, the address and the kind of device as the server saw them, not the name the requester gave', async () => {
      const p = await person();
      const url = `${t.baseUrl}${EPA_API}/devices`;
      const proof = await handProof({ key: p.session.keys.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', p.session.keys.publicKey), method: 'POST', url, accessToken: p.session.accessToken, iat: nowSeconds(t) });
      const before = await lastMailId(t, p.email);
      const requestedAt = t.clock.now();
      const answer = await rawCall(
        t,
        'POST',
        '/devices',
        { authorization: `DPoP ${p.session.accessToken}`, dpop: proof, 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) <script>alert(1)</script>' },
        { name: '<b>Ihr Laptop</b><a href="//evil.example">OK</a>' },
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const mail = await waitForMail(t.baseUrl, p.email, { subject: 'Bestätigungscode', after: before });
      assert.match(mail.text, new RegExp(`Zeitpunkt: ${berlinTime(requestedAt).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(mail.text, /IP-Adresse: 127\.0\.0\.1/);
      assert.match(mail.text, /Gerät: ePA Desktop Client unter Windows/);
      assert.match(mail.text, /Wenn Sie das nicht waren, geben Sie den Code an niemanden weiter/);
      for (const body of [mail.text, mail.html ?? '']) {
        assert.doesNotMatch(body, /Ihr Laptop|evil\.example|script|alert/);
      }
      assert.doesNotMatch(mail.html ?? '', /<b>|<a href/);
    });

    test("the kind of device comes from a few fixed words; the header's own text never", () => {
      assert.equal(requestingDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)'), 'ePA Desktop Client unter macOS');
      assert.equal(requestingDevice('pforte-epa/1.0 (Linux x86_64)'), 'ePA Desktop Client unter Linux');
      assert.equal(requestingDevice('node'), 'ePA Desktop Client');
      assert.equal(requestingDevice('Ihr-eigener-Laptop'), 'ePA Desktop Client');
      assert.equal(requestingDevice(undefined), 'ePA Desktop Client');
      assert.equal(shownAddress('::ffff:192.0.2.1'), '192.0.2.1');
      assert.equal(shownAddress('2001:db8::1'), '2001:db8::1');
      assert.equal(shownAddress('<b>x</b>'), 'unbekannt');
    });
  });
}
