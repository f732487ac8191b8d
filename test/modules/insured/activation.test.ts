import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import { ACTIVATION_KVNR_CEILING } from '../../../src/modules/insured/activation.ts';
import { activationAttemptKey } from '../../../src/modules/insured/letters.ts';
import { ADDRESS, freshKvnr } from './kvnr.ts';

const ACTOR = { ...SYSTEM_ACTOR, actor: 'operator:cli' };
/** A registered person and their letter's code, through the service as staff would make them. */
async function registered(t: TestSystem, insurerId = 'bw') {
  const kvnr = freshKvnr();
  const created = await t.system.deps.insured.create(ACTOR, { kvnr, lastName: 'Mustermann', firstName: 'Erika', birthDate: '12.08.1964', email: 'erika@example.org', ...ADDRESS, insurerId });
  assert.ok(created.ok, JSON.stringify(created));
  const letter = await t.system.deps.insured.registerForEpa(ACTOR, created.id, 'in_person');
  return { id: created.id, kvnr, code: letter.code };
}

/** The error code of a refused activation (or 'ok'). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

for (const kind of databaseKinds) {
  describe(`insured persons › activation with the letter's code (${kind})`, () => {
    const t = testSystemFor(kind);
    const activate = (kvnr: unknown, code: unknown, ip = '203.0.113.1') => t.system.deps.insured.activate(kvnr, code, { ip });

    test('the right KVNR and code: the person, the code used once, the activation logged', async () => {
      const p = await registered(t);
      const person = await activate(p.kvnr.toLowerCase(), p.code.toLowerCase().replace(/-/g, ' '));
      assert.deepEqual({ ...person }, { id: p.id, kvnr: p.kvnr, firstName: 'Erika', lastName: 'Mustermann', birthDate: '1964-08-12', email: 'erika@example.org', insurerId: 'bw' });
      assert.equal(await outcome(activate(p.kvnr, p.code)), '410 insured.activation_used');
      const log = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'action']).where('subject', '=', p.id).where('action', '=', 'insured.activated').execute();
      assert.deepEqual(log, [{ actor: `insured:${p.id}`, action: 'insured.activated' }]);
    });

    test('a wrong code and an unknown KVNR get the same answer; a malformed KVNR is told as such', async () => {
      const p = await registered(t);
      const wrongCode = await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', '203.0.113.2'));
      const unknownKvnr = await outcome(activate(freshKvnr(), p.code, '203.0.113.2'));
      const noCodeAtAll = await outcome(activate(p.kvnr, 'nonsense', '203.0.113.2'));
      assert.equal(wrongCode, '401 insured.activation_invalid');
      assert.equal(unknownKvnr, wrongCode);
      assert.equal(noCodeAtAll, wrongCode);
      // a person without a letter answers the same as one with a wrong code
      const created = await t.system.deps.insured.create(ACTOR, { kvnr: freshKvnr(), lastName: 'Ohne', firstName: 'Brief', birthDate: '01.01.1990', email: 'o@example.org', ...ADDRESS, insurerId: 'bw' });
      assert.ok(created.ok);
      const unregistered = (await t.system.deps.insured.find(created.id))!.kvnr;
      assert.equal(await outcome(activate(unregistered, p.code, '203.0.113.2')), wrongCode);
      assert.equal(await outcome(activate('A12345678', p.code, '203.0.113.2')), '422 kvnr.length');
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.113.2')), 'ok');
    });

    test('the code expires 14 days after the letter, on the test clock', async () => {
      const p = await registered(t);
      const q = await registered(t);
      t.clock.advance(14 * DAY - 1000);
      assert.equal(await outcome(activate(q.kvnr, q.code)), 'ok');
      t.clock.advance(1000);
      assert.equal(await outcome(activate(p.kvnr, p.code)), '410 insured.activation_expired');
      t.clock.advance(-14 * DAY);
    });

    test('two activations with one code at the same moment: exactly one succeeds', async () => {
      for (let round = 0; round < 3; round++) {
        const p = await registered(t);
        const results = await Promise.all([activate(p.kvnr, p.code, '203.0.113.3'), activate(p.kvnr, p.code, '203.0.113.4'), activate(p.kvnr, p.code, '203.0.113.5')].map(outcome));
        assert.deepEqual(results.sort(), ['410 insured.activation_used', '410 insured.activation_used', 'ok']);
        const used = await t.system.deps.db.selectFrom('insured_activation_codes').select('used_at').where('insured_id', '=', p.id).execute();
        assert.equal(used.filter((u) => u.used_at).length, 1);
      }
    });

    test('what runs within the activation happens with it or not at all', async () => {
      const p = await registered(t);
      const failing = t.system.deps.insured.activate(p.kvnr, p.code, { ip: '203.0.113.6', within: async () => { throw new Error('device not stored'); } });
      await assert.rejects(failing, /device not stored/);
      let seen: string | undefined;
      await t.system.deps.insured.activate(p.kvnr, p.code, { ip: '203.0.113.6', within: async (_trx, person) => { seen = person.id; } });
      assert.equal(seen, p.id);
    });

    test('a new letter makes the previous code worthless; a locked person cannot activate', async () => {
      const p = await registered(t);
      const second = await t.system.deps.insured.newLetter(ACTOR, p.id, 'egk_pin');
      assert.notEqual(second.code, p.code);
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.113.7')), '401 insured.activation_invalid');
      const live = await t.system.deps.db.selectFrom('insured_activation_codes').select('id').where('insured_id', '=', p.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
      assert.equal(live.length, 1);
      await t.system.deps.insured.setLocked(ACTOR, p.id, true, 'Karte gestohlen');
      assert.equal(await outcome(activate(p.kvnr, second.code, '203.0.113.7')), '403 insured.person_locked');
      await assert.rejects(t.system.deps.insured.newLetter(ACTOR, p.id, 'in_person'), (e: AppError) => e.code === 'insured.locked');
      await t.system.deps.insured.setLocked(ACTOR, p.id, false, 'Karte wieder da');
      assert.equal(await outcome(activate(p.kvnr, second.code, '203.0.113.7')), 'ok');
    });

    test('wrong codes lock the address that typed them for that KVNR (five free), not the KVNR; a new letter lifts it', async () => {
      const p = await registered(t);
      for (let i = 0; i < 6; i++) assert.equal(await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', '203.0.114.1')), '401 insured.activation_invalid');
      // that pair is locked now: even the right code waits there, and the lock doubles
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.1')), '429 insured.activation_too_many');
      t.clock.advance(16 * 60_000);
      assert.equal(await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', '203.0.114.1')), '401 insured.activation_invalid');
      t.clock.advance(16 * 60_000);
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.1')), '429 insured.activation_too_many');
      const renewed = await t.system.deps.insured.newLetter(ACTOR, p.id, 'in_person');
      assert.equal(await outcome(activate(p.kvnr, renewed.code, '203.0.114.1')), 'ok');
    });

    test('an attacker hammering a KVNR from other addresses does not keep its person out', async () => {
      const p = await registered(t);
      const attack = async (round: number) => {
        for (let a = 0; a < 12; a++) for (let i = 0; i < 8; i++) await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', `198.51.${round}.${a}`));
      };
      await attack(0);
      t.clock.advance(20 * 60_000);
      await attack(1);
      const refused = await t.system.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'insured.activation_failed').where('subject', '=', p.id).execute();
      assert.equal(refused.length, 2 * 12 * 6);
      // the person's own connection, the letter's code: in
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.2')), 'ok');
    });

    test('a wrong code and an unknown KVNR meet the same limits, answer for answer', async () => {
      const p = await registered(t);
      const run = async (kvnr: string, ip: string) => {
        const answers: string[] = [];
        for (let i = 0; i < 8; i++) answers.push(await outcome(activate(kvnr, 'AAAA-BBBB-CCCC', ip)));
        return answers;
      };
      const known = await run(p.kvnr, '203.0.114.3');
      assert.deepEqual(known, [...Array(6).fill('401 insured.activation_invalid'), '429 insured.activation_too_many', '429 insured.activation_too_many']);
      assert.deepEqual(await run(freshKvnr(), '203.0.114.4'), known);
    });

    test('one address trying many KVNRs: twenty wrong codes free, then locked for every KVNR', async () => {
      const ip = '203.0.114.30';
      for (let i = 0; i < 20; i++) assert.equal(await outcome(activate(freshKvnr(), 'AAAA-BBBB-CCCC', ip)), '401 insured.activation_invalid');
      const r = await registered(t);
      assert.equal(await outcome(activate(r.kvnr, 'AAAA-BBBB-CCCC', ip)), '401 insured.activation_invalid');
      assert.equal(await outcome(activate(r.kvnr, r.code, ip)), '429 insured.activation_too_many');
      assert.equal(await outcome(activate(r.kvnr, r.code, '203.0.114.31')), 'ok');
      const failed = await t.system.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'insured.activation_failed').where('ip', '=', ip).execute();
      assert.equal(failed.length, 21);
    });

    test(`guessing is bounded: the ${ACTIVATION_KVNR_CEILING}th wrong code for a KVNR, from any addresses, burns its live code`, async () => {
      const p = await registered(t);
      const key = activationAttemptKey(p.kvnr);
      // the KVNR's count as many addresses would have left it, ten short of the ceiling
      const db = t.system.deps.db;
      await db.insertInto('login_attempts').values({ key, failures: ACTIVATION_KVNR_CEILING - 10, last_failure_at: t.clock.now(), locked_until: null, forget_at: new Date(t.clock.now().getTime() + DAY) }).execute();
      for (let i = 0; i < 10; i++) assert.equal(await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', `198.51.100.${i % 2}`)), '401 insured.activation_invalid');
      // past the ceiling nothing is checked: the right code, from a fresh address, is as wrong as any
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.40')), '401 insured.activation_invalid');
      const checked = await db.selectFrom('audit_log').select('id').where('action', '=', 'insured.activation_failed').where('subject', '=', p.id).execute();
      assert.equal(checked.length, 10);
      const burnt = await db.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'insured.activation_code_burnt').where('subject', '=', p.id).execute();
      assert.equal(burnt.length, 1);
      // a day later the count is forgotten, the code stays burnt
      t.clock.advance(DAY + 1000);
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.41')), '401 insured.activation_invalid');
      const live = await db.selectFrom('insured_activation_codes').select('id').where('insured_id', '=', p.id).where('revoked_at', 'is', null).where('used_at', 'is', null).execute();
      assert.equal(live.length, 0);
      // an unknown KVNR at its ceiling answers the same, and a new letter starts the count afresh
      const unknown = freshKvnr();
      await db.insertInto('login_attempts').values({ key: activationAttemptKey(unknown), failures: ACTIVATION_KVNR_CEILING, last_failure_at: t.clock.now(), locked_until: null, forget_at: new Date(t.clock.now().getTime() + DAY) }).execute();
      assert.equal(await outcome(activate(unknown, p.code, '203.0.114.42')), '401 insured.activation_invalid');
      const renewed = await t.system.deps.insured.newLetter(ACTOR, p.id, 'in_person');
      assert.equal(await outcome(activate(p.kvnr, renewed.code, '203.0.114.42')), 'ok');
    });
  });
}
