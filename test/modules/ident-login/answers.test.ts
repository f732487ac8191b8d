import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { CODE, deviceKey } from '../ident-devices/support.ts';
import { identMessage } from '../../../src/modules/ident-devices/signed.ts';
import { appApprove, appCall, appDecline, appSigned, personWithApp, qrLogin, shownRequest, wrongNumber } from './support.ts';

/**
 * Who may answer a QR login request, read as an attacker would: someone who saw the QR code or its
 * short code (over the shoulder, on a relayed screen), someone with an Ident app of their own, someone
 * who knows a victim's device id, and a replayed signed answer.
 */

const JUNK_SIGNATURE = 'A'.repeat(86);

const failedCodes = async (t: TestSystem, deviceId: string) =>
  (await t.system.deps.db.selectFrom('ident_devices').select('failed_codes').where('id', '=', deviceId).executeTakeFirstOrThrow()).failed_codes;

const pageState = async (login: Awaited<ReturnType<typeof qrLogin>>, requestId: string) =>
  (await (await login.browser.get(`/ident/interaction/${login.uid}/status?request=${requestId}`)).json()).state;

for (const kind of databaseKinds) {
  describe(`AOK Ident › QR login: who may answer a request (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    const login = () => qrLogin(t, callback);

    test('the short code seen over the shoulder is not enough to decline: without a device, a made-up device or a junk signature the request stays waiting', async () => {
      const p = await personWithApp(t);
      const started = await login();
      const shown = shownRequest(started.browser);
      const onlooker = '203.0.113.61';
      const { data: context } = await appCall(t, '', { code: shown.shortCode }, onlooker);
      const bare = await appCall(t, '/decline', { id: context.id }, onlooker);
      assert.deepEqual([bare.status, bare.data.error], [401, 'app.nonce_invalid']);
      const madeUp = await appCall(t, '/challenge', { id: context.id, deviceId: 'x'.repeat(22), purpose: 'decline' }, onlooker);
      assert.deepEqual([madeUp.status, madeUp.data.error], [401, 'app.signature_invalid']);
      const junk = await appCall(t, '/decline', { id: context.id, deviceId: 'x'.repeat(22), nonce: 'y'.repeat(43), signature: JUNK_SIGNATURE }, onlooker);
      assert.equal(junk.status, 401);
      assert.equal(await pageState(started, shown.id), 'waiting');
      assert.equal((await appApprove(t, p.device, shown.id, shown.number)).status, 200, 'the person still approves');
    });

    test('the first device that fetches a challenge holds the request: another app is refused with a clear message, the page still waits, the holding device approves', async () => {
      const p = await personWithApp(t);
      const other = await personWithApp(t);
      const started = await login();
      const shown = shownRequest(started.browser);
      const held = await appSigned(t, p.device, shown.id, 'approve');
      assert.ok(held.body);

      for (const purpose of ['approve', 'decline'] as const) {
        const refused = (await appSigned(t, other.device, shown.id, purpose)).refused;
        assert.deepEqual([refused?.status, refused?.data.error], [409, 'ident.request_other_device']);
        assert.match(refused!.data.message, /bereits auf einem anderen Gerät geöffnet und kann nur dort bestätigt oder abgelehnt werden/);
      }
      // a nonce of its own, signed by its own key, sent for this request: refused before anything is checked
      const ownNonce = await t.system.deps.identDevices.approvalChallenge(other.device.deviceId, shown.id, 'decline');
      const signature = other.device.key.sign(identMessage('decline', ownNonce.nonce, other.device.deviceId, shown.id));
      const foreign = await appCall(t, '/decline', { id: shown.id, deviceId: other.device.deviceId, nonce: ownNonce.nonce, signature });
      assert.equal(foreign.data.error, 'ident.request_other_device');
      const refusedLog = await t.system.deps.db.selectFrom('audit_log').select('data').where('action', '=', 'ident.request_refused').execute();
      assert.ok(refusedLog.some((e) => (e.data as Record<string, unknown>).request === shown.id && (e.data as Record<string, unknown>).state === 'other_device'));

      assert.equal(await pageState(started, shown.id), 'waiting');
      await started.browser.get(`/ident/interaction/${started.uid}`);
      assert.equal(shownRequest(started.browser).id, shown.id, 'the page shows the same QR code, nothing about an answer');
      const approved = await appCall(t, '/approve', { ...held.body, number: shown.number, pin: CODE });
      assert.equal(approved.status, 200, JSON.stringify(approved.data));
    });

    test('a decline needs a signature over a decline challenge: an approval’s signature does not decline', async () => {
      const p = await personWithApp(t);
      const started = await login();
      const shown = shownRequest(started.browser);
      const forApproval = await appSigned(t, p.device, shown.id, 'approve');
      const declined = await appCall(t, '/decline', forApproval.body);
      assert.deepEqual([declined.status, declined.data.error], [401, 'app.nonce_invalid']);
      assert.equal(await pageState(started, shown.id), 'waiting');
      assert.equal((await appDecline(t, p.device, shown.id)).status, 204);
    });

    test('a wrong number without the holding device’s signature ends nothing, even with that device’s id', async () => {
      const p = await personWithApp(t);
      const started = await login();
      const shown = shownRequest(started.browser);
      const { data } = await appCall(t, '', { id: shown.id });
      await appSigned(t, p.device, shown.id, 'approve');
      const challenge = await appCall(t, '/challenge', { id: shown.id, deviceId: p.device.deviceId }, '203.0.113.62');
      const forged = await appCall(
        t,
        '/approve',
        { id: shown.id, number: wrongNumber(data.choices, shown.number), deviceId: p.device.deviceId, nonce: challenge.data.nonce, signature: deviceKey().sign(identMessage('approve', challenge.data.nonce, p.device.deviceId, shown.id)), pin: '909090' },
        '203.0.113.62',
      );
      assert.deepEqual([forged.status, forged.data.error], [401, 'app.signature_invalid']);
      assert.equal(await pageState(started, shown.id), 'waiting');
      assert.equal(await failedCodes(t, p.device.deviceId), 0);
      assert.equal((await appApprove(t, p.device, shown.id, shown.number)).status, 200);
    });

    test('20 approvals with junk signatures naming a victim’s device id do not stop the victim approving with the right code', async () => {
      const victim = await personWithApp(t);
      const attacker = '203.0.113.63';
      // the attacker's own logins, held for the victim's device: the id is all the attacker has
      for (let round = 0; round < 2; round++) {
        const own = shownRequest((await login()).browser);
        for (let i = 0; i < 10; i++) {
          const challenge = await appCall(t, '/challenge', { id: own.id, deviceId: victim.device.deviceId }, attacker);
          assert.equal(challenge.status, 200);
          const junk = await appCall(t, '/approve', { id: own.id, number: own.number, deviceId: victim.device.deviceId, nonce: challenge.data.nonce, signature: JUNK_SIGNATURE, pin: '909090' }, attacker);
          assert.deepEqual([junk.status, junk.data.error], [401, 'app.signature_invalid']);
        }
      }
      assert.equal(await failedCodes(t, victim.device.deviceId), 0);
      const started = await login();
      const shown = shownRequest(started.browser);
      const approved = await appApprove(t, victim.device, shown.id, shown.number, CODE, '198.51.100.77');
      assert.equal(approved.status, 200, JSON.stringify(approved.data));
    });

    test('answers without a good signature are limited: ten per request, twenty per address; another address and request go on', async () => {
      const p = await personWithApp(t);
      const first = shownRequest((await login()).browser);
      await appSigned(t, p.device, first.id, 'approve');
      const junk = (id: string, ip: string) => appCall(t, '/approve', { id, number: 10, deviceId: p.device.deviceId, nonce: 'n'.repeat(43), signature: JUNK_SIGNATURE, pin: '909090' }, ip);
      for (let i = 0; i < 10; i++) assert.equal((await junk(first.id, '203.0.113.64')).status, 401);
      assert.equal((await junk(first.id, '203.0.113.65')).status, 429, 'the request has had its ten');
      const second = shownRequest((await login()).browser);
      await appSigned(t, p.device, second.id, 'approve');
      for (let i = 0; i < 10; i++) assert.equal((await junk(second.id, '203.0.113.64')).status, 401);
      const third = shownRequest((await login()).browser);
      assert.equal((await appCall(t, '/decline', { id: third.id }, '203.0.113.64')).status, 429, 'the address has had its twenty');
      assert.equal((await appApprove(t, p.device, third.id, third.number, CODE, '198.51.100.78')).status, 200);
    });

    test('a signed approval replayed, for the same request or another one of the same device, is refused and counts no code', async () => {
      const p = await personWithApp(t);
      const a = await login();
      const b = await login();
      const first = shownRequest(a.browser);
      const second = shownRequest(b.browser);
      const forFirst = await appSigned(t, p.device, first.id, 'approve');
      await appSigned(t, p.device, second.id, 'approve');
      const elsewhere = await appCall(t, '/approve', { ...forFirst.body, id: second.id, number: second.number, pin: '909090' });
      assert.deepEqual([elsewhere.status, elsewhere.data.error], [401, 'app.nonce_invalid']);
      assert.equal(await failedCodes(t, p.device.deviceId), 0);
      assert.equal(await pageState(b, second.id), 'waiting');

      const fresh = await appSigned(t, p.device, first.id, 'approve');
      const body = { ...fresh.body, number: first.number, pin: CODE };
      assert.equal((await appCall(t, '/approve', body)).status, 200);
      const again = await appCall(t, '/approve', body);
      assert.deepEqual([again.status, again.data.error], [409, 'ident.request_answered']);
    });

    test('a signature made in time does not outlive its request: after 90 seconds, or after the page showed a new QR code, approving and declining are refused', async () => {
      const p = await personWithApp(t);
      const started = await login();
      const first = shownRequest(started.browser);
      const late = await appSigned(t, p.device, first.id, 'approve');
      const lateDecline = await appSigned(t, p.device, first.id, 'decline');
      t.clock.advance(91_000);
      const expired = await appCall(t, '/approve', { ...late.body, number: first.number, pin: '909090' });
      assert.deepEqual([expired.status, expired.data.error], [410, 'ident.request_expired']);
      assert.equal((await appCall(t, '/decline', lateDecline.body)).data.error, 'ident.request_expired');

      await started.browser.get(`/ident/interaction/${started.uid}`);
      await started.browser.postForm({}, `/ident/interaction/${started.uid}/neu`);
      const second = shownRequest(started.browser);
      const renewedAway = await appSigned(t, p.device, second.id, 'approve');
      const csrf = /data-csrf="([^"]+)"/.exec(started.browser.lastHtml)![1]!;
      await started.browser.request('POST', `/ident/interaction/${started.uid}/neu`, new URLSearchParams({ _csrf: csrf }), { 'content-type': 'application/x-www-form-urlencoded' });
      const renewed = await appCall(t, '/approve', { ...renewedAway.body, number: second.number, pin: CODE });
      assert.deepEqual([renewed.status, renewed.data.error], [410, 'ident.request_expired']);
      assert.equal(await failedCodes(t, p.device.deviceId), 0);
      assert.equal((await appApprove(t, p.device, shownRequest(started.browser).id, shownRequest(started.browser).number)).status, 200);
    });
  });
}
