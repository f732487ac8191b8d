import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { PIN, PASSWORD, activatedEmployer, authenticator, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { STAFF_PASSWORD, addStaff, staffLogin } from '../../support/staff.ts';
import { hashWork } from '../../../src/core/passwords/passwords.ts';

const AT_ONCE = 25;
const WRONG = 'Falsch-aber-lang-genug';

let serial = 0;
/** Another address for each attacker, so per-address limits never answer in place of the per-account rule. */
const nextIp = () => `203.0.113.${(serial = (serial % 250) + 1)}`;

/** Clients that each opened the login page first, ready to send their form at the same moment. */
async function openLogins(t: TestSystem, path: string, ips: string[]) {
  const clients = ips.map((ip) => new FormClient(t.baseUrl, ip));
  for (const c of clients) await c.get(path);
  return clients;
}

async function statuses(requests: Promise<unknown>[], clients: FormClient[]) {
  await Promise.all(requests);
  const counts: Record<number, number> = {};
  for (const c of clients) counts[c.lastStatus] = (counts[c.lastStatus] ?? 0) + 1;
  return counts;
}

async function auditCount(t: TestSystem, action: string, subject: string) {
  const rows = await t.system.deps.db.selectFrom('audit_log').select('id').where('action', '=', action).where('subject', '=', subject).execute();
  return rows.length;
}

function totp(secret: string, timestamp: number) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });
}

/** Six digits that are none of the codes the server accepts now (it allows one step either side). */
function wrongTotp(secret: string, now: number, n: number) {
  const valid = new Set([-1, 0, 1].map((s) => totp(secret, now + s * 30_000)));
  let code = 100_000 + n * 7919;
  while (valid.has(String(code))) code += 1;
  return String(code);
}

async function staffId(t: TestSystem, email: string) {
  return (await t.system.deps.db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

for (const kind of databaseKinds) {
  describe(`attempt limits (${kind})`, () => {
    const t = testSystemFor(kind);

    test('portal password › 25 wrong passwords at once: five are checked, the rest refused; the right one is refused while locked', async () => {
      const a = await activatedEmployer(t);
      const accountId = (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow()).id;
      const clients = await openLogins(t, '/arbeitgeber/login', Array.from({ length: AT_ONCE }, nextIp));
      const before = hashWork.verifications;
      const counts = await statuses(
        clients.map((c) => c.postForm({ email: a.fields.email, password: WRONG }, '/arbeitgeber/login')),
        clients,
      );
      assert.equal(hashWork.verifications - before, 5, 'four free failures and the one that locks, nothing more');
      assert.deepEqual(counts, { 401: 5, 429: AT_ONCE - 5 });
      assert.equal(await auditCount(t, 'login.password_wrong', accountId), 5);
      assert.equal(await auditCount(t, 'login.locked', accountId), 1);

      const [right] = await openLogins(t, '/arbeitgeber/login', [nextIp()]);
      await right!.postForm({ email: a.fields.email, password: PASSWORD }, '/arbeitgeber/login');
      assert.equal(right!.lastStatus, 429, 'the right password waits for the lock too');
      assert.match(right!.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);
      t.clock.advance(61_000);
      await right!.get('/arbeitgeber/login');
      await right!.postForm({ email: a.fields.email, password: PASSWORD }, '/arbeitgeber/login');
      assert.match(right!.lastUrl, /sicherheitscode/, 'after the lock the right password works');
      assert.equal(await auditCount(t, 'login.unlocked', accountId), 1);
    });

    test('portal password › every failure after a lock doubles it: 1, 2, 4 … minutes, at most an hour; the same for unknown addresses', async () => {
      const email = `niemand.${Date.now()}@example.de`;
      const key = `arbeitgeber:${email}`;
      const tryOnce = async () => {
        const [c] = await openLogins(t, '/arbeitgeber/login', [nextIp()]);
        await c!.postForm({ email, password: WRONG }, '/arbeitgeber/login');
        return c!.lastStatus;
      };
      for (let i = 0; i < 4; i++) assert.equal(await tryOnce(), 401);
      const locks: number[] = [];
      for (let i = 0; i < 9; i++) {
        assert.equal(await tryOnce(), 401, 'a failure after the lock ran out is checked');
        const row = await t.system.deps.db.selectFrom('login_attempts').select('locked_until').where('key', '=', key).executeTakeFirstOrThrow();
        const ms = new Date(row.locked_until!).getTime() - t.clock.now().getTime();
        locks.push(ms / 60_000);
        t.clock.advance(ms - 1000);
        assert.equal(await tryOnce(), 429, 'refused a second before the lock ends');
        t.clock.advance(1000);
      }
      assert.deepEqual(locks, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    });

    test('security code › 25 codes at once on one login: five are compared, the login ends; the right code afterwards is refused', async () => {
      const a = await activatedEmployer(t);
      const accountId = (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow()).id;
      const login = new FormClient(t.baseUrl, nextIp());
      await login.get('/arbeitgeber/login');
      await login.postForm({ email: a.fields.email, password: PASSWORD }, '/arbeitgeber/login');
      assert.match(login.lastUrl, /sicherheitscode/);
      const flowId = new URL(login.lastUrl).searchParams.get('flow')!;
      const right = (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]!;
      const wrongCodes = Array.from({ length: AT_ONCE }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));

      // the attacker holds the flow's address and sends from many addresses, each with its own page
      const clients = await openLogins(t, `/arbeitgeber/login/sicherheitscode?flow=${flowId}`, wrongCodes.map(nextIp));
      await Promise.all(clients.map((c, i) => c.postForm({ code: wrongCodes[i]! }, '/sicherheitscode')));
      assert.equal(await auditCount(t, 'login.code_wrong', accountId), 5, 'five codes compared, not one more');
      const flow = await t.system.deps.db.selectFrom('flows').select('state').where('id', '=', flowId).executeTakeFirstOrThrow();
      assert.equal(flow.state, 'failed');
      // the rest are sent back to the login: too many codes, or (arriving after it ended) an ended login
      const outcomes = clients.map((c) => (c.lastStatus === 422 ? 'wrong' : (new URL(c.lastUrl).searchParams.get('hinweis') ?? c.lastUrl)));
      assert.equal(outcomes.filter((o) => o === 'wrong').length, 4);
      assert.ok(outcomes.every((o) => ['wrong', 'login.code_too_many', 'flow.expired'].includes(o)), outcomes.join(', '));

      await login.postForm({ code: right }, '/sicherheitscode');
      assert.doesNotMatch(login.lastUrl, /startseite$/, 'the ended login takes no code, not even the right one');
      await login.get('/arbeitgeber/startseite');
      assert.doesNotMatch(login.lastUrl, /startseite$/);
    });

    test('app PIN › 25 logins at once with wrong PINs: five are checked, the device locks; the right PIN afterwards is refused', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const code = await readActivationCode(client);
      const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const api = async (path: string, body: unknown) => {
        const r = await fetch(`${t.baseUrl}/api/authenticator${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() }, body: JSON.stringify(body) });
        return { status: r.status, data: (await r.json()) as Record<string, any> };
      };
      const activated = await api('/activate', { email: fields.email, activationCode: code, pin: PIN, publicKey: keys.publicKey.export({ format: 'jwk' }) });
      assert.equal(activated.status, 201);
      const deviceId = activated.data.deviceId as string;
      const signedLogin = async (pin: string) => {
        const { nonce } = (await api('/challenge', {})).data as { nonce: string };
        const signature = sign('sha256', Buffer.from(`pforte-authenticator:login:${nonce}:${deviceId}`), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
        return { deviceId, nonce, signature, pin };
      };
      // the stolen device signs every request: only the PIN is guessed
      const bodies = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => signedLogin(['909192', '135790', '102938', '112233', '246801'][i % 5]!)));
      const before = hashWork.verifications;
      const answers = await Promise.all(bodies.map((b) => api('/login', b)));
      assert.equal(hashWork.verifications - before, 5, 'five PINs checked, not one more');
      const counts: Record<string, number> = {};
      for (const r of answers) counts[r.data.error] = (counts[r.data.error] ?? 0) + 1;
      assert.deepEqual(counts, { 'app.pin_wrong': 4, 'app.device_locked': AT_ONCE - 4 });
      const device = await t.system.deps.db.selectFrom('devices').select(['status', 'failed_pins']).where('id', '=', deviceId).executeTakeFirstOrThrow();
      assert.deepEqual(device, { status: 'locked', failed_pins: 5 });
      assert.equal((await auditCount(t, 'device.pin_wrong', deviceId)) + (await auditCount(t, 'device.locked', deviceId)), 5);

      const rightPin = await api('/login', await signedLogin(PIN));
      assert.equal(rightPin.status, 423, 'a locked device stays locked');
      assert.equal(rightPin.data.error, 'app.device_locked');
    });

    test('staff password › 40 wrong passwords from two addresses at once: five are checked; the right one is refused; an administrator unlocks; then it works', async () => {
      const admin = await addStaff(t, 'admin');
      const adminClient = await staffLogin(t, admin);
      const clerk = await addStaff(t, 'clerk', 'he');
      const clerkId = await staffId(t, clerk.email);
      const clients = await openLogins(t, '/backoffice/login', [...Array(20).fill('198.18.0.1'), ...Array(20).fill('198.18.0.2')]);
      const before = hashWork.verifications;
      const counts = await statuses(
        clients.map((c) => c.postForm({ email: clerk.email, password: WRONG }, '/backoffice/login')),
        clients,
      );
      assert.equal(hashWork.verifications - before, 5, 'four free failures and the one that locks');
      assert.deepEqual(counts, { 401: 5, 429: 35 });
      assert.ok(clients.some((c) => /Zu viele fehlgeschlagene Anmeldeversuche/.test(c.text())));
      assert.equal(await auditCount(t, 'staff.login_failed', `staff:${clerkId}`), 5);
      assert.equal(await auditCount(t, 'staff.login_locked', `staff:${clerkId}`), 1);

      const [right] = await openLogins(t, '/backoffice/login', ['198.18.0.3']);
      await right!.postForm({ email: clerk.email, password: STAFF_PASSWORD }, '/backoffice/login');
      assert.equal(right!.lastStatus, 429, 'the right password waits for the lock too');
      assert.match(right!.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);

      await adminClient.get('/backoffice/mitarbeitende');
      assert.match(adminClient.text(), /nach Fehlversuchen gesperrt bis/);
      await adminClient.postForm({}, `/backoffice/mitarbeitende/${clerkId}/entsperren`);
      assert.match(adminClient.text(), /Der Zugang ist entsperrt/);
      assert.doesNotMatch(adminClient.text(), /nach Fehlversuchen gesperrt bis/);
      const unlocked = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'staff.login_unlocked').where('subject', '=', `staff:${clerkId}`).execute();
      assert.equal(unlocked.length, 1);
      assert.equal(unlocked[0]!.actor, `staff:${await staffId(t, admin.email)}`);

      const loggedIn = await staffLogin(t, clerk);
      assert.match(loggedIn.lastUrl, /registrierungen$/);
    });

    test('staff TOTP › 25 wrong codes at once after the right password: five are checked, the login ends; the password is refused until an administrator unlocks', async () => {
      const admin = await addStaff(t, 'admin');
      const adminClient = await staffLogin(t, admin);
      const clerk = await addStaff(t, 'clerk', 'by');
      const clerkId = await staffId(t, clerk.email);
      const login = new FormClient(t.baseUrl, nextIp());
      await login.get('/backoffice/login');
      await login.postForm({ email: clerk.email, password: STAFF_PASSWORD }, '/backoffice/login');
      assert.match(login.lastUrl, /\/backoffice\/login\/code\?flow=/);
      const codePage = login.lastUrl.slice(login.lastUrl.indexOf('/backoffice'));
      const clients = await openLogins(t, codePage, Array.from({ length: AT_ONCE }, nextIp));
      const counts = await statuses(
        clients.map((c, i) => c.postForm({ code: wrongTotp(clerk.secret, t.clock.now().getTime(), i) }, '/backoffice/login/code')),
        clients,
      );
      assert.equal(await auditCount(t, 'staff.totp_wrong', `staff:${clerkId}`), 5, 'five codes checked, not one more');
      assert.equal(counts[422], 4, 'four wrong codes answered as wrong');
      // the rest hear of the lock, or (arriving after the login ended) find a fresh login page
      assert.ok(clients.every((c) => c.lastStatus === 422 || c.lastStatus === 429 || /\/backoffice\/login\?flow=/.test(c.lastUrl)));
      assert.equal(await auditCount(t, 'staff.login_locked', `staff:${clerkId}`), 1);

      // the right code on the ended login, and the right password for a new one: both refused
      await login.postForm({ code: totp(clerk.secret, t.clock.now().getTime()) }, '/backoffice/login/code');
      assert.doesNotMatch(login.lastUrl, /registrierungen$/);
      const again = new FormClient(t.baseUrl, nextIp());
      await again.get('/backoffice/login');
      await again.postForm({ email: clerk.email, password: STAFF_PASSWORD }, '/backoffice/login');
      assert.equal(again.lastStatus, 429);

      await adminClient.get('/backoffice/mitarbeitende');
      await adminClient.postForm({}, `/backoffice/mitarbeitende/${clerkId}/entsperren`);
      assert.match(adminClient.text(), /Der Zugang ist entsperrt/);
      t.clock.advance(30_000);
      const loggedIn = await staffLogin(t, clerk);
      assert.match(loggedIn.lastUrl, /registrierungen$/);
    });

    test('staff TOTP › a new login with the right password does not reset wrong codes: the fifth wrong code of any login locks', async () => {
      const clerk = await addStaff(t, 'clerk', 'nw');
      const clerkId = await staffId(t, clerk.email);
      const wrongCodes = async (n: number, offset: number) => {
        const c = new FormClient(t.baseUrl, nextIp());
        await c.get('/backoffice/login');
        await c.postForm({ email: clerk.email, password: STAFF_PASSWORD }, '/backoffice/login');
        assert.match(c.text(), /Einmalcode/);
        for (let i = 0; i < n; i++) await c.postForm({ code: wrongTotp(clerk.secret, t.clock.now().getTime(), offset + i) }, '/backoffice/login/code');
        return c;
      };
      const first = await wrongCodes(3, 0);
      assert.equal(first.lastStatus, 422);
      const second = await wrongCodes(2, 3);
      assert.equal(second.lastStatus, 429, 'the fifth wrong code counted over both logins locks');
      assert.match(second.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);
      assert.equal(await auditCount(t, 'staff.totp_wrong', `staff:${clerkId}`), 5);
      t.clock.advance(61_000);
      const after = await staffLogin(t, clerk);
      assert.match(after.lastUrl, /registrierungen$/, 'after the lock the right password and code work');
    });
  });
}
