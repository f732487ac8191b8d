import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { PIN, PASSWORD, activatedEmployer, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { HOUR } from '../../../src/core/clock/clock.ts';
import { hashWork } from '../../../src/core/passwords/passwords.ts';
import { checkPin } from '../../../src/modules/devices/pin-rules.ts';
import { samplePdf } from '../../support/samples.ts';
import { signedInStaff } from '../../support/staff.ts';

async function api(t: TestSystem, path: string, body?: unknown, token?: string, method = 'POST') {
  const r = await fetch(`${t.baseUrl}/api/authenticator${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: r.status, data: (await r.json().catch(() => ({}))) as Record<string, any> };
}

async function loginWithPassword(t: TestSystem, email: string, password = PASSWORD) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email, password }, '/arbeitgeber/login');
  return c;
}

test('pin rules › manual 000 step 12', () => {
  for (const ok of ['470815', '112233', '909192', '135790', '102938']) assert.deepEqual(checkPin(ok), { ok: true }, ok);
  const bad: [string, string][] = [
    ['123456', 'pin.sequence'],
    ['654321', 'pin.sequence'],
    ['345678', 'pin.sequence'],
    ['111111', 'pin.too_few_digits'],
    ['112211', 'pin.too_few_digits'],
    ['12345', 'pin.format'],
    ['1234567', 'pin.format'],
    ['12a456', 'pin.format'],
    ['', 'pin.format'],
    ['１２３４５６', 'pin.format'],
  ];
  for (const [pin, code] of bad) assert.deepEqual(checkPin(pin), { ok: false, code }, pin);
});

for (const kind of databaseKinds) {
  describe(`device registration and login (${kind})`, () => {
    const t = testSystemFor(kind);

    test('manual 000 steps 8–13 and 001 › terminal app, activation, login with the code, dashboard, Abmelden', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/geraet');
      assert.match(client.text(), /Die Zwei-Faktor-Authentifizierung bezeichnet den Identitätsnachweis/);
      await client.get('/arbeitgeber/registrierung/geraet/app');
      assert.match(client.text(), /AOK 2-Faktor App für Windows laden/);
      assert.match(client.text(), /AOK 2-Faktor App für Apple App Store laden/);
      for (const platform of ['windows', 'macos', 'android', 'ios']) assert.match(client.lastHtml, new RegExp(`href="/arbeitgeber/zwei-faktor-authentifizierung/${platform}"`));
      const code = await readActivationCode(client);
      assert.match(client.text(), new RegExp(`Aktivierungscode ${code.slice(0, 4)} ${code.slice(4)}`));
      assert.ok(client.text().includes(fields.email));
      const stored = await t.system.deps.db.selectFrom('tokens').select('hash').where('kind', '=', 'device_activation').execute();
      assert.ok(stored.every((r) => !r.hash.includes(code)), 'only a hash is stored');

      await client.get('/arbeitgeber/registrierung/abschluss');
      assert.equal(client.lastStatus, 200);
      assert.match(client.text(), /Es fehlt noch:[^]*Geräteregistrierung ?: Authentifikations-Gerät hinzufügen/, 'not yet activated in the app');

      const state = mkdtempSync(join(tmpdir(), 'pforte-auth-'));
      const activation = await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', `${code.slice(0, 4)} ${code.slice(4)}`, '--pin', PIN, '--state', state]);
      assert.equal(activation.code, 0, activation.err.join('\n'));
      const keyFile = readdirSync(state).find((f) => f.startsWith('device-'))!;
      assert.equal(statSync(join(state, keyFile)).mode & 0o777, 0o600);
      const status = await authenticator(['status', '--state', state]);
      assert.match(status.out.join('\n'), new RegExp(fields.email.replace(/\./g, '\\.')));

      await client.get('/arbeitgeber/registrierung/abschluss');
      assert.equal(client.lastStatus, 200);
      // no certificate uploaded: the Abschluss does not call the registration complete
      assert.doesNotMatch(client.text(), /Ihre Registrierung ist vollständig/);
      assert.match(client.text(), /Es fehlt noch:[^]*Upload Arbeitgeberbescheinigung/);
      assert.doesNotMatch(client.text(), /Es fehlt noch:[^]*Geräteregistrierung ?:/);
      assert.match(client.lastHtml, /stepper__step--current[^]*Abschluss/);
      await client.get('/arbeitgeber/registrierung/status');
      assert.match(client.text(), /Geräteregistrierung Erfolgreich abgeschlossen/);
      assert.match(client.text(), /Aktivierung durch AOK-Administrator Steht noch aus/);

      // not yet activated by staff: said only after the right password
      let login = await loginWithPassword(t, fields.email);
      assert.equal(login.lastStatus, 403);
      assert.match(login.text(), /Der Login ist erst nach Prüfung durch Ihre AOK möglich/);
      login = await loginWithPassword(t, fields.email, 'Falsches-Passwort-123');
      assert.equal(login.lastStatus, 401);
      assert.doesNotMatch(login.text(), /Prüfung durch Ihre AOK/);

      const { main: cli } = await import('../../../src/cli.ts');
      assert.equal(await cli(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} }), 0);

      login = await loginWithPassword(t, fields.email);
      assert.equal(login.lastStatus, 200);
      assert.match(login.lastUrl, /\/arbeitgeber\/login\/sicherheitscode\?flow=/);
      assert.match(login.text(), /Eingabe Sicherheitscode/);
      assert.match(login.text(), /Wir haben Ihnen den zur Fortsetzung des Prozesses benötigten Sicherheitscode in Ihre AOK 2-Faktor App gesendet/);
      assert.match(login.text(), /Keinen Zugriff auf Authentifikations-Gerät \(AOK 2-Faktor App\)\?/);
      const before = login.lastHtml.match(/pforte_session=/);
      void before;

      const shown = await authenticator(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', state]);
      assert.equal(shown.code, 0, shown.err.join('\n'));
      assert.equal(shown.out.length, 1);
      assert.match(shown.out[0]!, /^\d{6}$/);
      await login.postForm({ code: shown.out[0]! }, '/sicherheitscode');
      assert.equal(login.lastStatus, 200);
      assert.match(login.lastUrl, /\/arbeitgeber\/startseite$/);
      assert.match(login.text(), /Startseite von Mein AOK Arbeitgeberservice/);
      assert.match(login.text(), /Abmelden/);
      assert.match(login.text(), /09912342/);

      await login.postForm({}, '/abmelden');
      await login.get('/arbeitgeber/startseite');
      assert.match(login.lastUrl, /\/arbeitgeber\/login\?flow=.*hinweis=login\.required/);
    });

    test('security code › wrong codes, a code of another login, a code twice, five wrong end the login', async () => {
      const a = await activatedEmployer(t);
      const b = await activatedEmployer(t);
      const loginA = await loginWithPassword(t, a.fields.email);
      const loginB = await loginWithPassword(t, b.fields.email);
      const codeB = (await authenticator(['code', '--server', t.baseUrl, '--email', b.fields.email, '--pin', PIN, '--state', b.state])).out[0]!;
      const codeA = (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]!;
      assert.notEqual(codeA, codeB);
      await loginA.postForm({ code: codeB }, '/sicherheitscode');
      assert.equal(loginA.lastStatus, 422);
      assert.match(loginA.fieldError('code') ?? '', /nicht korrekt.*Verbleibende Versuche: 4/);
      await loginA.postForm({ code: 'abc' }, '/sicherheitscode');
      assert.equal(loginA.lastStatus, 422);
      await loginA.postForm({ code: codeA }, '/sicherheitscode');
      assert.match(loginA.lastUrl, /startseite$/);
      // the same code again, in a replay of the code page, is refused
      const replay = await loginB.postForm({ code: codeA }, '/sicherheitscode');
      void replay;
      assert.equal(loginB.lastStatus, 422);
      for (let i = 0; i < 3; i++) {
        await loginB.postForm({ code: '000000' }, '/sicherheitscode');
        assert.equal(loginB.lastStatus, 422);
      }
      const codePage = loginB.lastHtml;
      await loginB.postForm({ code: '000000' }, '/sicherheitscode');
      assert.match(loginB.lastUrl, /\/arbeitgeber\/login\?flow=.*hinweis=login\.code_too_many/);
      assert.match(loginB.text(), /zu oft falsch eingegeben/);
      // a sixth try on the old page, even with the right code, finds the login ended
      loginB.lastHtml = codePage;
      await loginB.postForm({ code: codeB }, '/sicherheitscode');
      assert.doesNotMatch(loginB.lastUrl, /startseite$/);
      await loginB.get('/arbeitgeber/startseite');
      assert.doesNotMatch(loginB.lastUrl, /startseite$/);
    });

    test('security code › timed out (manual 001 step 5): "Akzeptieren" renews nothing; after the login data again it gives the new code at once', async () => {
      const a = await activatedEmployer(t);
      const app = (...extra: string[]) => authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state, ...extra]);
      const login = await loginWithPassword(t, a.fields.email);
      const first = (await app()).out[0]!;
      t.clock.advance(5 * 60_000 + 1000);
      const stale = await app('--accept');
      assert.equal(stale.code, 4, 'no code while only the timed-out login waits');
      assert.match(stale.err.join('\n'), /Der Sicherheitscode ist abgelaufen\. Bitte geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein/);
      await login.postForm({ code: first }, '/sicherheitscode');
      assert.match(login.lastUrl, /hinweis=login\.code_expired/);
      assert.match(login.text(), /Die Zeit für die Eingabe des Sicherheitscodes ist abgelaufen/);
      assert.match(login.lastHtml, /Benutzername\/E-Mail-Adresse/, 'the login page asks for the login data again');

      const again = await loginWithPassword(t, a.fields.email);
      const accepted = await app('--accept');
      assert.equal(accepted.code, 0, accepted.err.join('\n'));
      assert.notEqual(accepted.out[0], first, 'the new login has its own code');
      await again.postForm({ code: accepted.out[0]! }, '/sicherheitscode');
      assert.match(again.lastUrl, /startseite$/);
    });

    test('terminal app › no pending login, wait for one, wrong PIN with attempts left, locked after five', async () => {
      const a = await activatedEmployer(t);
      const none = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.equal(none.code, 4);
      assert.match(none.err.join('\n'), /keine Anmeldung/);
      const waiting = authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state, '--wait', '20']);
      await new Promise((r) => setTimeout(r, 300));
      const login = await loginWithPassword(t, a.fields.email);
      const got = await waiting;
      assert.equal(got.code, 0, got.err.join('\n'));
      await login.postForm({ code: got.out[0]! }, '/sicherheitscode');
      assert.match(login.lastUrl, /startseite$/);

      const unreachable = await authenticator(['code', '--server', 'http://127.0.0.1:9', '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.ok([3, 7].includes(unreachable.code));
      for (let i = 1; i <= 4; i++) {
        const wrong = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', '909192', '--state', a.state]);
        assert.equal(wrong.code, 5);
        assert.match(wrong.err.join('\n'), new RegExp(`Verbleibende Versuche: ${5 - i}`));
      }
      const locked = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', '909192', '--state', a.state]);
      assert.equal(locked.code, 6);
      const evenRight = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.equal(evenRight.code, 6, 'a locked device stays locked');
      const audit = await t.system.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'device.locked').execute();
      assert.ok(audit.length >= 1);
    });

    test('activation › wrong and reused codes; bad PINs; no second device while one is registered; bad keys', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
      const first = await readActivationCode(client);
      const second = await readActivationCode(client);
      const csrf = client.csrf();
      assert.notEqual(first, second);
      const activate = (body: Record<string, unknown>) => api(t, '/activate', { email: fields.email, activationCode: second, pin: PIN, publicKey: key, ...body });
      assert.equal((await activate({ activationCode: first })).status, 410, 'a new code invalidates the old');
      assert.equal((await activate({ activationCode: '00000000' })).data.error, 'app.activation_invalid');
      assert.equal((await activate({ email: 'fremd@example.de' })).data.error, 'app.activation_invalid');
      assert.equal((await activate({ activationCode: 'abcdefgh' })).status, 400);
      for (const pin of ['123456', '111111', '112211', '12345', 'abcdef']) {
        const r = await activate({ pin });
        assert.equal(r.status, 422, pin);
        assert.match(r.data.error, /^pin\./);
      }
      assert.equal((await activate({ publicKey: { kty: 'RSA', n: 'x', e: 'AQAB' } })).data.error, 'app.public_key_invalid');
      assert.equal((await activate({ publicKey: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' } })).data.error, 'app.public_key_invalid');
      assert.equal((await api(t, '/activate', 'kaputt')).status, 400);
      const ok = await activate({});
      assert.equal(ok.status, 201);
      const again = await activate({});
      assert.equal(again.status, 410);
      assert.equal(again.data.error, 'app.activation_used');
      const devices = await t.system.deps.db.selectFrom('devices').innerJoin('accounts', 'accounts.id', 'devices.account_id').select('devices.pin_hash').where('accounts.email', '=', fields.email).execute();
      assert.equal(devices.length, 1);
      assert.match(devices[0]!.pin_hash, /^\$argon2id\$/);

      // the device is registered: the page offers no code, the button makes none
      await client.get('/arbeitgeber/registrierung/geraet/aktivierungscode');
      assert.match(client.text(), /Ihr Authentifikations-Gerät ist registriert/);
      assert.doesNotMatch(client.lastHtml, /data-code=|Aktivierungscode anzeigen/);
      const r = await client.request('POST', '/arbeitgeber/registrierung/geraet/aktivierungscode', `_csrf=${csrf}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 409);
      assert.doesNotMatch(client.lastHtml, /data-code=/);
      assert.equal(
        (await t.system.deps.db.selectFrom('tokens').innerJoin('accounts', 'accounts.id', 'tokens.account_id').select('tokens.hash').where('accounts.email', '=', fields.email).where('tokens.kind', '=', 'device_activation').where('tokens.used_at', 'is', null).execute()).length,
        0,
      );
    });

    test('activation › a code older than 72 hours is expired', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
      const code = await readActivationCode(client);
      t.clock.advance(72 * HOUR + 1000);
      try {
        const r = await api(t, '/activate', { email: fields.email, activationCode: code, pin: PIN, publicKey: key });
        assert.equal(r.data.error, 'app.activation_expired');
      } finally {
        t.clock.advance(-(72 * HOUR + 1000));
      }
    });

    test('app API › replayed nonce, forged signature, no or forged session: refused, nothing changed', async () => {
      const { client, fields } = await registerAndConfirm(t);
      const code = await readActivationCode(client);
      const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const { data } = await api(t, '/activate', { email: fields.email, activationCode: code, pin: PIN, publicKey: keys.publicKey.export({ format: 'jwk' }) });
      const deviceId = data.deviceId as string;
      const signed = (nonce: string, key = keys.privateKey) =>
        sign('sha256', Buffer.from(`pforte-authenticator:login:${nonce}:${deviceId}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      const nonce = (await api(t, '/challenge')).data.nonce as string;
      const good = await api(t, '/login', { deviceId, nonce, signature: signed(nonce), pin: PIN });
      assert.equal(good.status, 200);
      const replay = await api(t, '/login', { deviceId, nonce, signature: signed(nonce), pin: PIN });
      assert.equal(replay.data.error, 'app.nonce_invalid');

      const nonce2 = (await api(t, '/challenge')).data.nonce as string;
      const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const forged = await api(t, '/login', { deviceId, nonce: nonce2, signature: signed(nonce2, stranger), pin: PIN });
      assert.equal(forged.status, 401);
      assert.equal(forged.data.error, 'app.signature_invalid');
      const nonce3 = (await api(t, '/challenge')).data.nonce as string;
      assert.equal((await api(t, '/login', { deviceId, nonce: nonce3, signature: 'AAAA', pin: PIN })).data.error, 'app.signature_invalid');
      assert.equal((await api(t, '/login', { deviceId: 'x', nonce: 'y', signature: 'z', pin: 1 })).status, 401);
      const device = await t.system.deps.db.selectFrom('devices').select(['failed_pins', 'status']).where('id', '=', deviceId).executeTakeFirstOrThrow();
      assert.deepEqual(device, { failed_pins: 0, status: 'active' }, 'forged requests do not count against the PIN');

      assert.equal((await api(t, '/code', undefined, undefined, 'GET')).status, 401);
      assert.equal((await api(t, '/code', undefined, 'x'.repeat(43), 'GET')).status, 401);
      assert.equal((await api(t, '/accept', {}, 'nope')).status, 401);
      const codeView = await api(t, '/code', undefined, good.data.token, 'GET');
      assert.deepEqual(codeView.data, { pending: false });
      assert.equal((await api(t, '/accept', {}, good.data.token)).data.error, 'app.no_pending_login');
    });

    test('login › unknown address costs the same hash as a known one, and the same answer', async () => {
      const a = await activatedEmployer(t);
      let before = hashWork.verifications;
      const known = await loginWithPassword(t, a.fields.email, 'Falsch-aber-lang-genug');
      const knownWork = hashWork.verifications - before;
      before = hashWork.verifications;
      const unknown = await loginWithPassword(t, `niemand.${Date.now()}@example.de`, 'Falsch-aber-lang-genug');
      const unknownWork = hashWork.verifications - before;
      assert.equal(knownWork, 1);
      assert.equal(unknownWork, 1);
      assert.equal(known.lastStatus, unknown.lastStatus);
      assert.equal(known.fieldError('email'), unknown.fieldError('email'));
    });

    test('login › wrong passwords: free tries, then growing locks, the same for unknown addresses; audit entries', async () => {
      const a = await activatedEmployer(t);
      for (const email of [a.fields.email, `unbekannt.${Date.now()}@example.de`]) {
        for (let i = 0; i < 4; i++) assert.equal((await loginWithPassword(t, email, 'Falsch-aber-lang-genug')).lastStatus, 401);
        assert.equal((await loginWithPassword(t, email, 'Falsch-aber-lang-genug')).lastStatus, 401, 'fifth failure still answered, then locked');
        const locked = await loginWithPassword(t, email, email === a.fields.email ? PASSWORD : 'egal-egal-egal');
        assert.equal(locked.lastStatus, 429);
        assert.match(locked.text(), /Zu viele fehlgeschlagene Anmeldeversuche/);
      }
      t.clock.advance(61_000);
      const after = await loginWithPassword(t, a.fields.email);
      assert.match(after.lastUrl, /sicherheitscode/, 'after the lock the right password works');
      const actions = (await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow()).id).execute()).map((r) => r.action);
      assert.ok(actions.includes('login.locked'));
      assert.ok(actions.includes('login.unlocked'));
    });

    test('login › unconfirmed registration and device not registered get their message only after the password', async () => {
      const fields = person();
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/registrierung');
      await c.postForm(fields, '/arbeitgeber/registrierung');
      const unconfirmed = await loginWithPassword(t, fields.email);
      assert.equal(unconfirmed.lastStatus, 403);
      assert.match(unconfirmed.text(), /Der Login ist erst nach Prüfung durch Ihre AOK möglich/);
      const { main: cli } = await import('../../../src/cli.ts');
      await cli(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} });
      const noDevice = await loginWithPassword(t, fields.email);
      assert.equal(noDevice.lastStatus, 403);
      assert.match(noDevice.text(), /kein aktives Authentifikations-Gerät/);
    });
    test('password reset › mail link, new password, security code; old password and all sessions end', async () => {
      const a = await activatedEmployer(t);
      // a running portal session and app session, both must end
      const session = await loginWithPassword(t, a.fields.email);
      const code = (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]!;
      await session.postForm({ code }, '/sicherheitscode');
      assert.match(session.lastUrl, /startseite$/);

      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/login');
      await c.get('/arbeitgeber/passwort-vergessen');
      await c.postForm({ email: a.fields.email.toUpperCase() }, '/passwort-vergessen');
      assert.equal(c.lastStatus, 200);
      const sentText = c.text();
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neues Passwort' });
      assert.match(mail.text, /innerhalb der nächsten Stunde/);

      // unknown addresses get the same page and no mail
      const stranger = `niemand.${Date.now()}@example.de`;
      const d = new FormClient(t.baseUrl);
      await d.get('/arbeitgeber/passwort-vergessen');
      await d.postForm({ email: stranger }, '/passwort-vergessen');
      assert.equal(d.text().replace(stranger, a.fields.email), sentText.replace(a.fields.email.toUpperCase(), a.fields.email));
      assert.equal((await mailsTo(t.baseUrl, stranger)).length, 0);

      const link = linkAfter(mail.text, 'Passwort zurücksetzen:');
      await c.get(link);
      assert.equal(c.lastStatus, 200);
      assert.doesNotMatch(c.lastUrl, /token=/);
      await c.postForm({ password: 'kurz', passwordRepeat: 'kurz' }, '/passwort-zuruecksetzen');
      assert.equal(c.lastStatus, 422);
      assert.match(c.fieldError('password') ?? '', /mindestens 12 Zeichen/);
      const NEW = 'Ganz-neues-Passwort-2026';
      await c.postForm({ password: NEW, passwordRepeat: NEW }, '/passwort-zuruecksetzen');
      assert.match(c.lastUrl, /passwort-zuruecksetzen\/sicherheitscode/);
      assert.match(c.text(), /Eingabe Sicherheitscode/);
      // not changed yet
      assert.equal((await loginWithPassword(t, a.fields.email, NEW)).lastStatus, 401);
      await c.postForm({ code: '000000' }, '/sicherheitscode');
      assert.equal(c.lastStatus, 422);
      const resetCode = (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]!;
      await c.postForm({ code: resetCode }, '/sicherheitscode');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Ihr Passwort wurde geändert/);

      await session.get('/arbeitgeber/startseite');
      assert.doesNotMatch(session.lastUrl, /startseite$/, 'the old session ended');
      assert.equal((await loginWithPassword(t, a.fields.email, PASSWORD)).lastStatus, 401, 'the old password is gone');
      const fresh = await loginWithPassword(t, a.fields.email, NEW);
      assert.match(fresh.lastUrl, /sicherheitscode/);

      // the link works once
      const again = new FormClient(t.baseUrl);
      await again.get(link);
      assert.equal(again.lastStatus, 410);
      assert.match(again.text(), /bereits verwendet/);
    });

    test('password reset › link older than an hour is refused', async () => {
      const a = await activatedEmployer(t);
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/passwort-vergessen');
      await c.postForm({ email: a.fields.email }, '/passwort-vergessen');
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neues Passwort' });
      t.clock.advance(HOUR + 1000);
      await c.get(linkAfter(mail.text, 'Passwort zurücksetzen:'));
      assert.equal(c.lastStatus, 410);
      assert.match(c.text(), /abgelaufen/);
      await c.get('/arbeitgeber/passwort-zuruecksetzen?token=' + 'z'.repeat(43));
      assert.equal(c.lastStatus, 404);
      await c.get('/arbeitgeber/passwort-vergessen');
      await c.postForm({ email: 'kaputt' }, '/passwort-vergessen');
      assert.equal(c.lastStatus, 422);
    });

    test('password reset › the link opened in several tabs at once opens the form in exactly one', async () => {
      const a = await activatedEmployer(t);
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/passwort-vergessen');
      await c.postForm({ email: a.fields.email }, '/passwort-vergessen');
      const mail = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neues Passwort' });
      const link = linkAfter(mail.text, 'Passwort zurücksetzen:');
      const tabs = [1, 2, 3, 4].map(() => new FormClient(t.baseUrl));
      await Promise.all(tabs.map((tab) => tab.get(link)));
      const statuses = tabs.map((tab) => tab.lastStatus).sort();
      assert.deepEqual(statuses, [200, 410, 410, 410]);
      for (const tab of tabs.filter((x) => x.lastStatus === 410)) assert.match(tab.text(), /bereits verwendet/);
    });
    test('device reset › after the password; old device works until staff approve a new certificate; then a new device', async () => {
      const a = await activatedEmployer(t);
      // first login completes the registration
      const first = await loginWithPassword(t, a.fields.email);
      await first.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]! }, '/sicherheitscode');
      const reg = await t.system.deps.db.selectFrom('registrations').innerJoin('accounts', 'accounts.id', 'registrations.account_id').select('registrations.status').where('accounts.email', '=', a.fields.email).executeTakeFirstOrThrow();
      assert.equal(reg.status, 'completed');

      const c = await loginWithPassword(t, a.fields.email);
      const link = c.lastHtml.match(/href="(\/arbeitgeber\/geraet-zuruecksetzen\?flow=[^"]+)"/)![1]!;
      await c.get(link.replace(/&amp;/g, '&'));
      assert.match(c.text(), /Keinen Zugriff auf Authentifikations-Gerät\?/);
      await c.postForm({}, '/geraet-zuruecksetzen');
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastUrl, /registrierung\/status$/);
      assert.match(c.text(), /Rücksetzung des Authentifikations-Gerätes/);
      assert.match(c.text(), /Prüfung durch AOK-Administrator Steht noch aus/);
      assert.match(c.text(), /bleibt nutzbar/);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzung beantragt – waren Sie das nicht?' });

      const still = await loginWithPassword(t, a.fields.email);
      assert.match(still.lastUrl, /sicherheitscode/, 'the old device still logs in');
      const old = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.equal(old.code, 0, old.err.join('\n'));
      await still.postForm({ code: old.out[0]! }, '/sicherheitscode');
      assert.match(still.lastUrl, /startseite$/);
      await c.get('/arbeitgeber/registrierung/geraet/aktivierungscode');
      assert.equal(c.lastStatus, 409);

      await c.get('/arbeitgeber/registrierung/bescheinigung');
      assert.doesNotMatch(c.text(), /\.pdf \(/, 'the first certificate is archived, not counted');
      await c.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'neu.pdf', bytes: await samplePdf('neu') }]);
      assert.equal(c.lastStatus, 200);
      await c.get('/arbeitgeber/registrierung/status');
      assert.match(c.text(), /Upload Arbeitgeberbescheinigung Erledigt/);
      const staff = await signedInStaff(t, 'clerk', 'by');
      await staff.get('/backoffice/geraete-ruecksetzungen');
      const accountId = (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', a.fields.email).executeTakeFirstOrThrow()).id;
      await staff.postForm({}, `/backoffice/geraete-ruecksetzungen/${accountId}/bestaetigen`);
      assert.match(staff.text(), /Das Zurücksetzen wurde bestätigt/);
      const gone = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state]);
      assert.equal(gone.code, 7, 'the approval switches the old device off');
      const blocked = await loginWithPassword(t, a.fields.email);
      assert.equal(blocked.lastStatus, 403);
      assert.match(blocked.text(), /wird zurückgesetzt/);

      const approved = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' });
      await c.get(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      assert.match(c.text(), /Prüfung durch AOK-Administrator Erledigt\. Erfolgreich abgeschlossen/);
      assert.match(c.lastHtml, />Authentifikations-Gerät hinzufügen</);

      const code = await readActivationCode(c);
      const state = mkdtempSync(join(tmpdir(), 'pforte-auth-new-'));
      const activation = await authenticator(['activate', '--server', t.baseUrl, '--email', a.fields.email, '--activation-code', code, '--pin', '909192', '--state', state]);
      assert.equal(activation.code, 0, activation.err.join('\n'));
      const login = await loginWithPassword(t, a.fields.email);
      const fresh = await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', '909192', '--state', state]);
      await login.postForm({ code: fresh.out[0]! }, '/sicherheitscode');
      assert.match(login.lastUrl, /startseite$/);
      const resets = await t.system.deps.db.selectFrom('device_resets').select('status').execute();
      assert.ok(resets.some((r) => r.status === 'completed'));
      const actions = (await t.system.deps.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
      for (const a2 of ['device_reset.requested', 'device.disabled', 'device_reset.approved']) assert.ok(actions.includes(a2), a2);
      // the reset is over: the status link from the decision mail continues nothing
      await c.get(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      assert.match(c.text(), /Ihre Registrierung ist abgeschlossen/);
    });

    test('device reset › only after the right password', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/login');
      const flow = new URL(c.lastUrl).searchParams.get('flow')!;
      await c.get(`/arbeitgeber/geraet-zuruecksetzen?flow=${flow}`);
      assert.match(c.lastUrl, /hinweis=flow\.expired/);
      const r = await c.request('POST', `/arbeitgeber/geraet-zuruecksetzen?flow=${flow}`, `_csrf=${c.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.ok([303, 200, 410].includes(r.status));
      assert.equal((await t.system.deps.db.selectFrom('device_resets').select('id').execute()).length <= 1, true);
    });
  });
}
