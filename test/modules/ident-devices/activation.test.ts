import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { freshKvnr } from '../insured/kvnr.ts';
import { activated, CODE, deviceKey, newLetter, outcome, registered } from './support.ts';
import { activationIpKey } from '../../../src/modules/insured/activation.ts';
import { activationAttemptKey, activationPairKey } from '../../../src/modules/insured/letters.ts';

const devicesOf = (t: TestSystem, insuredId: string) =>
  t.system.deps.db.selectFrom('ident_devices').select(['id', 'kind', 'name', 'status']).where('insured_id', '=', insuredId).orderBy('created_at').execute();

/** The wrong activation codes counted for the KVNR, for the KVNR from this address, and for the address (0 where none). */
async function attemptCounts(t: TestSystem, kvnr: string, ip: string) {
  const keys = [activationAttemptKey(kvnr), activationPairKey(kvnr, ip), activationIpKey(ip)];
  const rows = await t.system.deps.db.selectFrom('login_attempts').select(['key', 'failures']).where('key', 'in', keys).execute();
  return keys.map((key) => rows.find((r) => r.key === key)?.failures ?? 0);
}

const actions = async (t: TestSystem, insuredId: string) =>
  (await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', insuredId).orderBy('id').execute()).map((r) => r.action);

for (const kind of databaseKinds) {
  describe(`AOK Ident app › activation (${kind})`, () => {
    const t = testSystemFor(kind);
    const activate = (input: Record<string, unknown>, ip = '198.51.100.1') => t.system.deps.identDevices.activate(input as never, { ip });

    test('KVNR, the letter’s code and a GesundheitsID-Code: a device with its public key, the person and their AOK, both logged', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      assert.deepEqual(device.person, { kvnr: p.kvnr, firstName: 'Erika', lastName: 'Mustermann' });
      assert.equal(device.insurer?.name, 'AOK Baden-Württemberg');
      const rows = await t.system.deps.db.selectFrom('ident_devices').selectAll().where('insured_id', '=', p.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.id, device.deviceId);
      assert.equal(rows[0]!.name, 'Chrome 124 auf Android');
      assert.deepEqual(rows[0]!.public_key, device.key.publicKey);
      assert.ok(!rows[0]!.code_hash.includes(CODE), 'only the hash of the code is kept');
      assert.deepEqual((await actions(t, p.id)).slice(-2), ['insured.device_added', 'insured.activated']);
    });

    test('a GesundheitsID-Code against the rule or a bad key is refused before the letter’s code is tried: the code stays good', async () => {
      const p = await registered(t);
      const base = { kvnr: p.kvnr, activationCode: p.code, publicKey: deviceKey().publicKey, kind: 'app' };
      assert.equal(await outcome(activate({ ...base, pin: '123456' })), '422 ident_app.code_sequence');
      assert.equal(await outcome(activate({ ...base, pin: '111222' })), '422 ident_app.code_too_few_digits');
      assert.equal(await outcome(activate({ ...base, pin: '12345' })), '422 ident_app.code_format');
      assert.equal(await outcome(activate({ ...base, pin: CODE, publicKey: { ...deviceKey().publicKey, d: 'secret' } })), '400 app.public_key_invalid');
      assert.equal(await outcome(activate({ ...base, pin: CODE })), 'ok');
    });

    test('a wrong KVNR and a wrong code get one answer; no device is made', async () => {
      const p = await registered(t);
      const key = deviceKey().publicKey;
      const wrongCode = await outcome(activate({ kvnr: p.kvnr, activationCode: 'AAAA-BBBB-CCCC', pin: CODE, publicKey: key }, '198.51.100.2'));
      const unknownKvnr = await outcome(activate({ kvnr: freshKvnr('H'), activationCode: p.code, pin: CODE, publicKey: key }, '198.51.100.2'));
      assert.equal(wrongCode, '401 insured.activation_invalid');
      assert.equal(unknownKvnr, wrongCode);
      assert.deepEqual(await devicesOf(t, p.id), []);
    });

    test('activations with one code at the same moment: one device', async () => {
      for (let round = 0; round < 3; round++) {
        const p = await registered(t);
        const results = await Promise.all([1, 2, 3, 4].map((n) => outcome(activated(t, p, { ip: `198.51.100.${10 + n}` }))));
        assert.deepEqual(results.sort(), ['410 insured.activation_used', '410 insured.activation_used', '410 insured.activation_used', 'ok']);
        assert.equal((await devicesOf(t, p.id)).length, 1);
      }
    });

    test('two devices, each from its own letter; a third is refused with its own message, its code stays unused and works once one is removed', async () => {
      const p = await registered(t);
      const first = await activated(t, p);
      const second = await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) }, { kind: 'cli' });
      const thirdCode = await newLetter(t, p.id);
      assert.equal(await outcome(activated(t, { kvnr: p.kvnr, code: thirdCode })), '409 ident_app.device_limit');
      assert.deepEqual((await devicesOf(t, p.id)).map((d) => [d.id, d.kind, d.name]), [
        [first.deviceId, 'app', 'Chrome 124 auf Android'],
        [second.deviceId, 'cli', 'Terminal'],
      ]);
      const unused = await t.system.deps.db.selectFrom('insured_activation_codes').select('id').where('insured_id', '=', p.id).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
      assert.equal(unused.length, 1, 'the refused activation did not use the code');
      assert.ok((await actions(t, p.id)).includes('insured.device_refused'));
      await t.system.deps.db.deleteFrom('ident_devices').where('id', '=', first.deviceId).execute();
      assert.equal(await outcome(activated(t, { kvnr: p.kvnr, code: thirdCode })), 'ok');
    });

    test('a refused third activation costs no attempt: the counts stay as they were, however often it is tried; once staff remove a device it succeeds', async () => {
      const p = await registered(t);
      const first = await activated(t, p);
      await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) });
      const third = { kvnr: p.kvnr, code: await newLetter(t, p.id) };
      const ip = '198.51.100.60';
      assert.equal(await outcome(activated(t, { kvnr: p.kvnr, code: 'AAAA-BBBB-CCCC' }, { ip })), '401 insured.activation_invalid');
      const before = await attemptCounts(t, p.kvnr, ip);
      assert.deepEqual(before, [1, 1, 1]);
      for (let i = 0; i < 7; i++) assert.equal(await outcome(activated(t, third, { ip })), '409 ident_app.device_limit');
      assert.deepEqual(await attemptCounts(t, p.kvnr, ip), before);

      await t.system.deps.identDevices.staff.remove({ actor: 'staff:test', insurerId: 'bw', ip: null }, p.id, first.deviceId, 'Altes Handy verkauft');
      assert.equal(await outcome(activated(t, third, { ip })), 'ok');
    });

    test('a device locked by wrong codes does not count: the person activates a new one with a new letter', async () => {
      const p = await registered(t);
      const first = await activated(t, p);
      await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) });
      await t.system.deps.db.updateTable('ident_devices').set({ status: 'locked' }).where('id', '=', first.deviceId).execute();
      assert.equal(await outcome(activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) })), 'ok');
      assert.deepEqual((await devicesOf(t, p.id)).map((d) => d.status), ['locked', 'active', 'active']);
    });
  });
}
