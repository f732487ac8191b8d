import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { signedInStaff } from '../../support/staff.ts';
import { PASSWORD, PIN, activatedEmployer, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { activationHash } from '../../../src/modules/devices/devices.ts';
import { DAY } from '../../../src/core/clock/clock.ts';

async function api(t: TestSystem, path: string, body: unknown) {
  const r = await fetch(`${t.baseUrl}/api/authenticator${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, data: (await r.json().catch(() => ({}))) as Record<string, any> };
}

const newKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });

/** The holder's device answers with a security code and completes a login: it still works. */
async function deviceLogsIn(t: TestSystem, email: string, state: string, pin = PIN) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email, password: PASSWORD }, '/arbeitgeber/login');
  assert.match(c.lastUrl, /\/arbeitgeber\/login\/sicherheitscode/, c.text().slice(0, 300));
  const shown = await authenticator(['code', '--server', t.baseUrl, '--email', email, '--pin', pin, '--state', state]);
  assert.equal(shown.code, 0, shown.err.join('\n'));
  await c.postForm({ code: shown.out[0]! }, '/sicherheitscode');
  assert.match(c.lastUrl, /\/arbeitgeber\/startseite$/);
  return c;
}

async function accountOf(t: TestSystem, email: string) {
  return (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', email).where('portal', '=', 'arbeitgeber').executeTakeFirstOrThrow()).id;
}

async function unusedCodes(t: TestSystem, accountId: string) {
  return (await t.system.deps.db.selectFrom('tokens').select('hash').where('account_id', '=', accountId).where('kind', '=', 'device_activation').where('used_at', 'is', null).execute()).length;
}

/** Someone who knows the password (and nothing else) chooses "Keinen Zugriff auf Authentifikations-Gerät?". */
async function requestResetWithPassword(t: TestSystem, email: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email, password: PASSWORD }, '/arbeitgeber/login');
  const link = c.lastHtml.match(/href="(\/arbeitgeber\/geraet-zuruecksetzen\?flow=[^"]+)"/)![1]!;
  await c.get(link.replace(/&amp;/g, '&'));
  await c.postForm({}, '/geraet-zuruecksetzen');
  assert.match(c.lastUrl, /registrierung\/status$/);
  return c;
}

for (const kind of databaseKinds) {
  describe(`device takeover (${kind})`, () => {
    const t = testSystemFor(kind);

    test('status link attack › with only the victim’s mails: the status link opens nothing, no code, the API refuses; the victim’s app still works', async () => {
      // the victim registers completely; staff activate; the victim logs in once
      const fields = person();
      const { client } = await registerAndConfirm(t, fields);
      await client.get('/arbeitgeber/registrierung/bescheinigung.pdf');
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
      const state = mkdtempSync(join(tmpdir(), 'pforte-victim-'));
      assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', await readActivationCode(client), '--pin', PIN, '--state', state])).code, 0);
      const registrationId = (await t.system.deps.db.selectFrom('registrations').select('id').where('account_id', '=', await accountOf(t, fields.email)).executeTakeFirstOrThrow()).id;
      const staff = await signedInStaff(t, 'clerk', 'by');
      await staff.get(`/backoffice/registrierungen/${registrationId}`);
      await staff.postForm({}, `/backoffice/registrierungen/${registrationId}/aktivieren`);
      await deviceLogsIn(t, fields.email, state);
      const accountId = await accountOf(t, fields.email);

      // the attacker reads the victim's mailbox once: the confirmation mail and the activation mail
      const confirmation = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
      const activation = await waitForMail(t.baseUrl, fields.email, { subject: 'wurde aktiviert' });
      const attacker = new FormClient(t.baseUrl);
      const sessionsBefore = (await t.system.deps.db.selectFrom('sessions').select('id_hash').where('registration_id', '=', registrationId).execute()).length;
      await attacker.get(linkAfter(confirmation.text, 'Zum Registrierungsstatus →'));
      assert.equal(attacker.lastStatus, 200);
      assert.match(attacker.text(), /Ihre Registrierung ist abgeschlossen/);
      assert.match(attacker.lastHtml, /href="\/arbeitgeber\/login"/);
      assert.equal((await t.system.deps.db.selectFrom('sessions').select('id_hash').where('registration_id', '=', registrationId).execute()).length, sessionsBefore, 'the link binds no session to the registration');

      // the old way to a new code (a GET) and every step page: nothing
      for (const path of ['/registrierung/geraet/aktivierungscode?neu=1', '/registrierung/geraet/aktivierungscode', '/registrierung/geraet', '/registrierung/bescheinigung', '/registrierung/status']) {
        await attacker.get(`/arbeitgeber${path}`);
        assert.ok([401, 403].includes(attacker.lastStatus) || /Ihre Registrierung ist abgeschlossen/.test(attacker.text()), path);
        assert.doesNotMatch(attacker.lastHtml, /data-code=/, path);
      }
      await attacker.get('/arbeitgeber/registrierung/status');
      const r = await attacker.request('POST', '/arbeitgeber/registrierung/geraet/aktivierungscode', `_csrf=${attacker.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 401);
      assert.doesNotMatch(attacker.lastHtml, /data-code=/);
      assert.equal(await unusedCodes(t, accountId), 0, 'no activation code was issued');

      // the activation mail leads to the login, which needs the password and the victim's device
      await attacker.get(linkAfter(activation.text, 'Zum Login:'));
      await attacker.postForm({ email: fields.email, password: 'Geraten-Passwort-2026' }, '/arbeitgeber/login');
      assert.equal(attacker.lastStatus, 401);

      // even a valid code (as if it had leaked) activates no device beside the victim's
      const leaked = '31415926';
      await t.system.deps.db
        .insertInto('tokens')
        .values({ hash: activationHash(t.system.deps.hmacKey, accountId, leaked), kind: 'device_activation', registration_id: registrationId, account_id: accountId, created_at: t.clock.now(), expires_at: new Date(t.clock.now().getTime() + DAY), used_at: null })
        .execute();
      const refused = await api(t, '/activate', { email: fields.email, activationCode: leaked, pin: '909192', publicKey: newKey(), kind: 'cli' });
      assert.equal(refused.status, 409);
      assert.equal(refused.data.error, 'app.device_in_use');
      const devices = await t.system.deps.db.selectFrom('devices').select(['status']).where('account_id', '=', accountId).execute();
      assert.deepEqual(devices.map((d) => d.status), ['active'], 'one device, the victim’s, still active');

      // the victim's app still gets codes and logs in
      await deviceLogsIn(t, fields.email, state);
      const audit = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', accountId).where('action', '=', 'device.activation_refused').execute();
      assert.equal(audit.length, 1);
    });

    test('first device › two parallel activations with the same code: one wins, one device', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const code = await readActivationCode(client);
      const results = await Promise.all([1, 2].map(() => api(t, '/activate', { email: fields.email, activationCode: code, pin: PIN, publicKey: newKey(), kind: 'cli' })));
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 410]);
      const accountId = await accountOf(t, fields.email);
      assert.equal((await t.system.deps.db.selectFrom('devices').select('id').where('account_id', '=', accountId).execute()).length, 1);
    });

    test('reset with the password alone › recorded, the old device keeps working, the holder’s mail link cancels it', async () => {
      const a = await activatedEmployer(t);
      const accountId = await accountOf(t, a.fields.email);
      const attacker = await requestResetWithPassword(t, a.fields.email);
      assert.match(attacker.text(), /Prüfung durch AOK-Administrator Steht noch aus/);
      const row = await t.system.deps.db.selectFrom('device_resets').select(['status', 'cancel_token']).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      assert.equal(row.status, 'requested');
      assert.equal((await t.system.deps.db.selectFrom('devices').select('status').where('account_id', '=', accountId).executeTakeFirstOrThrow()).status, 'active');
      await attacker.get('/arbeitgeber/registrierung/geraet/aktivierungscode');
      assert.equal(attacker.lastStatus, 409, 'no code before the insurer approves');

      // the owner's device still works
      await deviceLogsIn(t, a.fields.email, a.state);

      // the owner's mail: the link shows a button; only the button cancels
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzung beantragt – waren Sie das nicht?' });
      assert.match(mail.text, /Ihr bisheriges Gerät bleibt nutzbar/);
      const link = linkAfter(mail.text, 'Zurücksetzung abbrechen:');
      const token = new URL(link).searchParams.get('token')!;
      assert.ok(!row.cancel_token!.includes(token), 'only a hash is stored');
      const owner = new FormClient(t.baseUrl);
      await owner.get(link);
      assert.equal(owner.lastStatus, 200, `${link} ${owner.text().slice(0, 300)}`);
      assert.equal((await t.system.deps.db.selectFrom('device_resets').select('status').where('account_id', '=', accountId).executeTakeFirstOrThrow()).status, 'requested', 'opening the link changes nothing');
      // the form carries the token in a hidden field, as the browser sends it
      assert.match(owner.lastHtml, new RegExp(`name="token" value="${token}"`));
      const csrf = owner.csrf();
      await owner.postForm({ token }, '/arbeitgeber/geraet-zuruecksetzen/abbrechen');
      assert.equal(owner.lastStatus, 200);
      assert.match(owner.text(), /Der Antrag wurde abgebrochen/);
      assert.equal((await t.system.deps.db.selectFrom('device_resets').select('status').where('account_id', '=', accountId).executeTakeFirstOrThrow()).status, 'cancelled');

      // the attacker's session continues nothing; the link a second time says so
      await attacker.get('/arbeitgeber/registrierung/status');
      assert.equal(attacker.lastStatus, 401);
      await owner.get(link);
      assert.match(owner.text(), /Dieser Antrag wurde bereits abgebrochen/);
      const replay = await owner.request('POST', '/arbeitgeber/geraet-zuruecksetzen/abbrechen', `_csrf=${csrf}&token=${token}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(replay.status, 200);
      assert.match(owner.text(), /bereits abgebrochen/);
      await deviceLogsIn(t, a.fields.email, a.state);
      const actions = (await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', accountId).execute()).map((r) => r.action);
      for (const action of ['device_reset.requested', 'device_reset.cancelled']) assert.ok(actions.includes(action), action);
      assert.ok(!actions.includes('device.disabled'));
    });

    test('reset with the password › after staff approve, the old device stops, the new device is activated; the cancel link then changes nothing', async () => {
      const a = await activatedEmployer(t);
      const accountId = await accountOf(t, a.fields.email);
      const requester = await requestResetWithPassword(t, a.fields.email);
      // a second request while one is open: no second mail
      await requestResetWithPassword(t, a.fields.email);
      await requester.get('/arbeitgeber/registrierung/bescheinigung');
      assert.equal(requester.lastStatus, 401, 'a later request ended the earlier session');
      const mails = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzung beantragt' });
      const session = await requestResetWithPassword(t, a.fields.email);
      await session.get('/arbeitgeber/registrierung/bescheinigung');
      await session.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'neu.pdf', bytes: await samplePdf('neu') }]);
      assert.equal(session.lastStatus, 200);
      const staff = await signedInStaff(t, 'clerk', 'by');
      await staff.get('/backoffice/geraete-ruecksetzungen');
      assert.match(staff.text(), /bis zu Ihrer Bestätigung nutzbar/);
      await staff.postForm({}, `/backoffice/geraete-ruecksetzungen/${accountId}/bestaetigen`);
      assert.match(staff.text(), /Das Zurücksetzen wurde bestätigt/);

      const old = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.equal(old.code, 7, 'the old device stops with the approval');
      const cancel = new FormClient(t.baseUrl);
      await cancel.get(linkAfter(mails.text, 'Zurücksetzung abbrechen:'));
      assert.equal(cancel.lastStatus, 409);
      assert.match(cancel.text(), /bereits entschieden/);
      assert.doesNotMatch(cancel.lastHtml, /name="token"/);
      assert.equal((await t.system.deps.db.selectFrom('device_resets').select('status').where('account_id', '=', accountId).executeTakeFirstOrThrow()).status, 'approved');

      // the first mail's status link is older than the reset: even now it opens nothing
      const confirmation = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
      const oldLink = new FormClient(t.baseUrl);
      await oldLink.get(linkAfter(confirmation.text, 'Zum Registrierungsstatus →'));
      assert.match(oldLink.text(), /Ihre Registrierung ist abgeschlossen/);
      await oldLink.get('/arbeitgeber/registrierung/geraet/aktivierungscode');
      assert.equal(oldLink.lastStatus, 401);
      assert.equal(await unusedCodes(t, accountId), 0);

      const approved = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' });
      const holder = new FormClient(t.baseUrl);
      await holder.get(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      const code = await readActivationCode(holder);
      const state = mkdtempSync(join(tmpdir(), 'pforte-new-device-'));
      assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', a.fields.email, '--activation-code', code, '--pin', '909192', '--state', state])).code, 0);
      await deviceLogsIn(t, a.fields.email, state, '909192');
      // the new device is in use: no further code, by page or by the API
      await holder.get('/arbeitgeber/registrierung/geraet/aktivierungscode');
      assert.doesNotMatch(holder.lastHtml, /data-code=|Aktivierungscode anzeigen/);
      assert.equal(await unusedCodes(t, accountId), 0);
    });

    test('cancel link › unknown, malformed or expired: a clear page, nothing changes', async () => {
      const a = await activatedEmployer(t);
      const accountId = await accountOf(t, a.fields.email);
      await requestResetWithPassword(t, a.fields.email);
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzung beantragt' });
      const c = new FormClient(t.baseUrl);
      for (const bad of ['', 'kaputt', 'A'.repeat(43), '<script>', 'x'.repeat(5000)]) {
        await c.get(`/arbeitgeber/geraet-zuruecksetzen/abbrechen?token=${encodeURIComponent(bad)}`);
        assert.equal(c.lastStatus, 404, bad.slice(0, 20));
      }
      await c.get('/arbeitgeber/geraet-zuruecksetzen/abbrechen');
      assert.equal(c.lastStatus, 404);
      const r = await c.request('POST', '/arbeitgeber/geraet-zuruecksetzen/abbrechen', `_csrf=${c.csrf()}&token=kaputt`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 404);
      t.clock.advance(31 * DAY);
      try {
        await c.get(linkAfter(mail.text, 'Zurücksetzung abbrechen:'));
        assert.equal(c.lastStatus, 410);
      } finally {
        t.clock.advance(-31 * DAY);
      }
      assert.equal((await t.system.deps.db.selectFrom('device_resets').select('status').where('account_id', '=', accountId).executeTakeFirstOrThrow()).status, 'requested');
    });

    test('invited user › the button gives the code before the first device, never after', async () => {
      const a = await activatedEmployer(t, person({ betriebsnummer: '66667777', insurerId: 'ni' }));
      const admin = await deviceLogsIn(t, a.fields.email, a.state);
      const userEmail = `nutzer.${Date.now()}@firma-beispiel.de`;
      await admin.get('/arbeitgeber/nutzer');
      await admin.postForm({ email: userEmail }, '/arbeitgeber/nutzer');
      const invitation = await waitForMail(t.baseUrl, userEmail, { subject: 'Einladung' });
      const user = new FormClient(t.baseUrl);
      await user.get(linkAfter(invitation.text, 'Einladung annehmen:'));
      const USER_PW = 'Kollegin-Passwort-2026';
      await user.postForm({ salutation: 'Frau', title: '', firstName: 'Petra', lastName: 'Schmidt', password: USER_PW, passwordRepeat: USER_PW }, '/arbeitgeber/einladung');
      assert.match(user.text(), /Aktivierungscode anzeigen/);
      assert.doesNotMatch(user.lastHtml, /data-code=/);
      await user.postForm({}, '/arbeitgeber/einladung/aktivierungscode');
      const code = user.lastHtml.match(/data-code="(\d{8})"/)![1]!;
      const state = mkdtempSync(join(tmpdir(), 'pforte-invited-'));
      assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', userEmail, '--activation-code', code, '--pin', '909192', '--state', state])).code, 0);

      const csrf = user.csrf();
      const codeUrl = user.lastUrl;
      await user.get(codeUrl.replace('/einladung/aktivierungscode?', '/einladung?'));
      assert.match(user.text(), /Ihr Authentifikations-Gerät ist registriert/);
      assert.doesNotMatch(user.lastHtml, /data-code=|Aktivierungscode anzeigen/);
      const again = await user.request('POST', codeUrl, `_csrf=${csrf}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(again.status, 409);
      assert.doesNotMatch(user.lastHtml, /data-code=/);
      assert.equal(await unusedCodes(t, await accountOf(t, userEmail)), 0);
    });
  });
}
