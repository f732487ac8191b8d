import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import { freshKvnr } from './kvnr.ts';

const ACTOR = { ...SYSTEM_ACTOR, actor: 'operator:cli' };
/** A registered person and their letter's code, through the service as staff would make them. */
async function registered(t: TestSystem, insurerId = 'bw') {
  const kvnr = freshKvnr();
  const created = await t.system.deps.insured.create(ACTOR, { kvnr, lastName: 'Mustermann', firstName: 'Erika', birthDate: '12.08.1964', email: 'erika@example.org', insurerId });
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
      const created = await t.system.deps.insured.create(ACTOR, { kvnr: freshKvnr(), lastName: 'Ohne', firstName: 'Brief', birthDate: '01.01.1990', email: 'o@example.org', insurerId: 'bw' });
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

    test('wrong codes count per KVNR (five free, then a lock that a new letter lifts) and per address', async () => {
      const p = await registered(t);
      for (let i = 0; i < 5; i++) assert.equal(await outcome(activate(p.kvnr, 'AAAA-BBBB-CCCC', `203.0.114.${i}`)), '401 insured.activation_invalid');
      assert.equal(await outcome(activate(p.kvnr, 'AAAA-BBBB-CCC2', '203.0.114.9')), '401 insured.activation_invalid');
      // locked now: even the right code waits, from any address
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.10')), '429 insured.activation_too_many');
      t.clock.advance(16 * 60_000);
      assert.equal(await outcome(activate(p.kvnr, p.code, '203.0.114.10')), 'ok');

      const q = await registered(t);
      for (let i = 0; i < 6; i++) await outcome(activate(q.kvnr, 'AAAA-BBBB-CCCC', '203.0.114.20'));
      assert.equal(await outcome(activate(q.kvnr, q.code, '203.0.114.21')), '429 insured.activation_too_many');
      const renewed = await t.system.deps.insured.newLetter(ACTOR, q.id, 'in_person');
      assert.equal(await outcome(activate(q.kvnr, renewed.code, '203.0.114.21')), 'ok');

      // one address trying many KVNRs: 20 free, then locked for every KVNR
      const ip = '203.0.114.30';
      for (let i = 0; i < 20; i++) assert.equal(await outcome(activate(freshKvnr(), 'AAAA-BBBB-CCCC', ip)), '401 insured.activation_invalid');
      const r = await registered(t);
      assert.equal(await outcome(activate(r.kvnr, 'AAAA-BBBB-CCCC', ip)), '401 insured.activation_invalid');
      assert.equal(await outcome(activate(r.kvnr, r.code, ip)), '429 insured.activation_too_many');
      assert.equal(await outcome(activate(r.kvnr, r.code, '203.0.114.31')), 'ok');
      const failed = await t.system.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'insured.activation_failed').where('ip', '=', ip).execute();
      assert.equal(failed.length, 21);
    });
  });
}
