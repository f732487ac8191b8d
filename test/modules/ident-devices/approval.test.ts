import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import { identMessage } from '../../../src/modules/ident-devices/signed.ts';
import { activated, approval, CODE, deviceKey, newLetter, outcome, registered, signed } from './support.ts';

const IP = '198.51.100.40';
const actions = async (t: TestSystem, insuredId: string, prefix = 'insured.') =>
  (await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', insuredId).where('action', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.action);

for (const kind of databaseKinds) {
  describe(`AOK Ident app › approval with the device key and the GesundheitsID-Code (${kind})`, () => {
    const t = testSystemFor(kind);
    const approve = (input: Awaited<ReturnType<typeof approval>>) => t.system.deps.identDevices.approve(input, IP);

    test('the device’s signature over its challenge and the right code name the person and what was approved; the same signature again is refused', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      const input = await approval(t, device, CODE, 'request-42');
      assert.deepEqual(await approve(input), { insuredId: p.id, kvnr: p.kvnr, deviceId: device.deviceId, context: 'request-42' });
      assert.equal(await outcome(approve(input)), '401 app.nonce_invalid');
      const last = await t.system.deps.db.selectFrom('ident_devices').select('last_used_at').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
      assert.ok(last.last_used_at);
    });

    test('a signature bound to something else is refused: another context, another device, another purpose, another key', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      const other = await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) });
      const { nonce } = await t.system.deps.identDevices.approvalChallenge(device.deviceId, 'request-1');
      const sign = (message: string) => device.key.sign(message);
      assert.equal(await outcome(approve({ deviceId: device.deviceId, nonce, signature: sign(identMessage('approve', nonce, device.deviceId, 'request-2')), pin: CODE })), '401 app.signature_invalid');
      const second = await t.system.deps.identDevices.approvalChallenge(device.deviceId, 'request-1');
      // the other device's id with this device's challenge: the challenge is bound to its device
      assert.equal(await outcome(approve({ deviceId: other.deviceId, nonce: second.nonce, signature: other.key.sign(identMessage('approve', second.nonce, other.deviceId, 'request-1')), pin: CODE })), '401 app.nonce_invalid');
      const login = await t.system.deps.identDevices.challenge(device.deviceId, 'login');
      assert.equal(await outcome(approve({ deviceId: device.deviceId, nonce: login.nonce, signature: sign(identMessage('approve', login.nonce, device.deviceId, '')), pin: CODE })), '401 app.nonce_invalid');
      const third = await t.system.deps.identDevices.approvalChallenge(device.deviceId, 'request-1');
      assert.equal(await outcome(approve({ deviceId: device.deviceId, nonce: third.nonce, signature: deviceKey().sign(identMessage('approve', third.nonce, device.deviceId, 'request-1')), pin: CODE })), '401 app.signature_invalid');
      assert.equal(await outcome(approve({ deviceId: device.deviceId, nonce: 'x'.repeat(43), signature: 'AAAA', pin: CODE })), '401 app.nonce_invalid');
      assert.ok((await actions(t, p.id)).includes('insured.signature_invalid'));
    });

    test('five wrong GesundheitsID-Codes lock the device, counted on the server; the right code is refused afterwards', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      for (let left = 4; left >= 1; left--) {
        await assert.rejects(approve(await approval(t, device, '909090')), (error: { code: string; details: Record<string, string> }) => {
          assert.equal(error.code, 'ident_app.code_wrong');
          assert.equal(error.details.attemptsLeft, String(left));
          return true;
        });
      }
      assert.equal(await outcome(approve(await approval(t, device, '909090'))), '423 ident_app.device_locked');
      assert.equal(await outcome(approve(await approval(t, device, CODE))), '423 ident_app.device_locked');
      const row = await t.system.deps.db.selectFrom('ident_devices').select(['status', 'failed_codes']).where('id', '=', device.deviceId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { status: 'locked', failed_codes: 5 });
      const log = await actions(t, p.id);
      assert.equal(log.filter((a) => a === 'insured.code_wrong').length, 4);
      assert.equal(log.filter((a) => a === 'insured.device_locked').length, 1);
    });

    test('wrong codes sent at once: five are checked, the device locks', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      const inputs = await Promise.all(Array.from({ length: 12 }, () => approval(t, device, '909090')));
      const results = await Promise.all(inputs.map((input) => outcome(approve(input))));
      assert.equal(results.filter((r) => r === '401 ident_app.code_wrong').length, 4);
      assert.equal(results.filter((r) => r === '423 ident_app.device_locked').length, 8);
      const row = await t.system.deps.db.selectFrom('ident_devices').select('status').where('id', '=', device.deviceId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'locked');
    });

    test('a right code in between starts the count afresh', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      for (let i = 0; i < 4; i++) await outcome(approve(await approval(t, device, '909090')));
      await approve(await approval(t, device));
      assert.equal(await outcome(approve(await approval(t, device, '909090'))), '401 ident_app.code_wrong');
    });

    test('a person locked by staff approves nothing, and their open "Geräte" ends', async () => {
      const p = await registered(t);
      const device = await activated(t, p);
      const session = await t.system.deps.identDevices.login({ ...(await signed(t, device, 'login')), pin: CODE }, IP);
      await t.system.deps.insured.setLocked({ ...SYSTEM_ACTOR, actor: 'operator:cli' }, p.id, true, 'Missbrauchsverdacht');
      assert.equal(await outcome(approve(await approval(t, device))), '403 insured.person_locked');
      assert.equal(await outcome(t.system.deps.identDevices.list(session.token)), '403 insured.person_locked');
    });
  });

  describe(`AOK Ident app › "Geräte" (${kind})`, () => {
    const t = testSystemFor(kind);
    const devices = () => t.system.deps.identDevices;

    test('the code opens a session that lists the person’s devices; a signed request removes the other one, whose session ends with it', async () => {
      const p = await registered(t);
      const phone = await activated(t, p);
      t.clock.advance(1000);
      const terminal = await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) }, { kind: 'cli' });
      const session = await devices().login({ ...(await signed(t, phone, 'login')), pin: CODE }, '198.51.100.50');
      const other = await devices().login({ ...(await signed(t, terminal, 'login')), pin: CODE }, '198.51.100.51');
      const list = await devices().list(session.token);
      assert.deepEqual(list.map((d) => [d.id, d.kind, d.current]), [[phone.deviceId, 'app', true], [terminal.deviceId, 'cli', false]]);
      // the signature must name the device it removes
      const forAnother = await signed(t, phone, 'remove', phone.deviceId);
      assert.equal(await outcome(devices().remove(session.token, { ...forAnother, remove: terminal.deviceId }, null)), '401 app.signature_invalid');
      // the session's own device signs, not another
      assert.equal(await outcome(devices().remove(session.token, { ...(await signed(t, terminal, 'remove', terminal.deviceId)), remove: terminal.deviceId }, null)), '401 app.signature_invalid');
      await devices().remove(session.token, { ...(await signed(t, phone, 'remove', terminal.deviceId)), remove: terminal.deviceId }, '198.51.100.50');
      assert.deepEqual((await devices().list(session.token)).map((d) => d.id), [phone.deviceId]);
      assert.equal(await outcome(devices().list(other.token)), '401 app.session_invalid');
      assert.ok((await actions(t, p.id)).includes('insured.device_removed'));
    });

    test('another person’s device is not found; removing this device ends its session', async () => {
      const p = await registered(t);
      const q = await registered(t);
      const mine = await activated(t, p);
      const theirs = await activated(t, q);
      const session = await devices().login({ ...(await signed(t, mine, 'login')), pin: CODE }, null);
      assert.equal(await outcome(devices().remove(session.token, { ...(await signed(t, mine, 'remove', theirs.deviceId)), remove: theirs.deviceId }, null)), '404 ident_app.device_not_found');
      await devices().remove(session.token, { ...(await signed(t, mine, 'remove', mine.deviceId)), remove: mine.deviceId }, null);
      assert.equal(await outcome(devices().list(session.token)), '401 app.session_invalid');
      assert.equal(await outcome(devices().login({ ...(await signed(t, mine, 'login')), pin: CODE }, null)), '401 app.signature_invalid');
    });

    test('a wrong code opens nothing and counts like any other', async () => {
      const p = await registered(t);
      const phone = await activated(t, p);
      assert.equal(await outcome(devices().login({ ...(await signed(t, phone, 'login')), pin: '909090' }, null)), '401 ident_app.code_wrong');
      assert.equal(await outcome(devices().list('x'.repeat(43))), '401 app.session_invalid');
      assert.deepEqual(await actions(t, p.id, 'insured.code'), ['insured.code_wrong']);
    });
  });
}
