import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail, linkAfter } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { PIN, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { main as pforte } from '../../../src/cli.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STAFF_PASSWORD = 'Backoffice-Passwort-2026';

async function addStaff(t: TestSystem, role: 'admin' | 'clerk', aok?: string) {
  const email = `${role}.${aok ?? 'alle'}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@kasse.example`;
  const lines: string[] = [];
  const args = ['staff', 'add', '--email', email, '--password', STAFF_PASSWORD, '--role', role, ...(aok ? ['--aok', aok] : [])];
  assert.equal(await pforte(args, { database: t.system.database, fileKey: t.system.deps.fileKey, out: (l) => lines.push(l) }), 0, lines.join('\n'));
  const secret = lines.find((l) => l.includes('base32'))!.split(': ')[1]!.trim();
  assert.match(lines.find((l) => l.includes('otpauth'))!, /otpauth:\/\/totp\//);
  return { email, secret };
}

function totp(t: TestSystem, secret: string, offsetSteps = 0) {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: t.clock.now().getTime() + offsetSteps * 30_000 });
}

async function staffLogin(t: TestSystem, who: { email: string; secret: string }, offsetSteps = 0) {
  const c = new FormClient(t.baseUrl);
  await c.get('/backoffice/login');
  await c.postForm({ email: who.email, password: STAFF_PASSWORD }, '/backoffice/login');
  assert.match(c.text(), /Einmalcode/);
  await c.postForm({ code: totp(t, who.secret, offsetSteps) }, '/backoffice/login/code');
  return c;
}

/** A registration with everything done: confirmed, certificate downloaded and uploaded, device registered. */
async function completeRegistration(t: TestSystem, insurerId: string, withDevice = true) {
  const fields = person({ insurerId });
  const { client } = await registerAndConfirm(t, fields);
  await client.get('/arbeitgeber/registrierung/bescheinigung.pdf');
  await client.get('/arbeitgeber/registrierung/bescheinigung');
  await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
  const state = mkdtempSync(join(tmpdir(), 'pforte-bo-'));
  if (withDevice) {
    const code = await readActivationCode(client);
    assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', PIN, '--state', state])).code, 0);
  }
  const registration = await t.system.deps.db.selectFrom('registrations').innerJoin('accounts', 'accounts.id', 'registrations.account_id').select('registrations.id').where('accounts.email', '=', fields.email).executeTakeFirstOrThrow();
  return { fields, state, id: registration.id };
}

/** A registration of AOK Bayern activated by its clerk, whose employer has entered the password at the login. */
async function activatedAndPasswordEntered(t: TestSystem) {
  const clerk = await addStaff(t, 'clerk', 'by');
  const reg = await completeRegistration(t, 'by');
  const c = await staffLogin(t, clerk);
  await c.get(`/backoffice/registrierungen/${reg.id}`);
  await c.postForm({}, '/aktivieren');
  const user = new FormClient(t.baseUrl);
  await user.get('/arbeitgeber/login');
  await user.postForm({ email: reg.fields.email, password: 'Korrekt-Pferd-Batterie-42' }, '/arbeitgeber/login');
  return { clerk, reg, c, user };
}

for (const kind of databaseKinds) {
  describe(`back office (${kind})`, () => {
    const t = testSystemFor(kind);

    test('staff add › bad input refused with a message', async () => {
      const lines: string[] = [];
      const run = (args: string[]) => pforte(['staff', 'add', ...args], { database: t.system.database, fileKey: t.system.deps.fileKey, out: (l) => lines.push(l) });
      assert.equal(await run(['--email', 'x@kasse.example', '--password', STAFF_PASSWORD, '--role', 'clerk']), 1);
      assert.match(lines.at(-1)!, /Kassen/);
      assert.equal(await run(['--email', 'x@kasse.example', '--password', 'kurz', '--role', 'admin']), 1);
      assert.equal(await run(['--email', 'x@kasse.example', '--password', STAFF_PASSWORD, '--role', 'chef']), 1);
      assert.equal(await run(['--email', 'x@kasse.example']), 2);
    });

    test('clerk › sees the registrations of their insurer, activates one, the employer gets the mail and logs in', async () => {
      const clerk = await addStaff(t, 'clerk', 'by');
      const other = await addStaff(t, 'clerk', 'he');
      const reg = await completeRegistration(t, 'by');
      const c = await staffLogin(t, clerk);
      assert.match(c.lastUrl, /\/backoffice\/registrierungen$/);
      assert.match(c.text(), /Registrierungen zur Prüfung/);
      assert.ok(c.text().includes(reg.fields.email));

      const o = await staffLogin(t, other);
      assert.ok(!o.text().includes(reg.fields.email), 'another insurer does not see it');
      await o.get(`/backoffice/registrierungen/${reg.id}`);
      assert.equal(o.lastStatus, 404);
      const denied = await t.system.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'backoffice.registration_denied').where('subject', '=', reg.id).execute();
      assert.equal(denied.length, 1);

      await c.get(`/backoffice/registrierungen/${reg.id}`);
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /09912342 – Prüfziffer korrekt/);
      assert.match(c.text(), /Bescheinigung\.pdf/);
      const fileLink = c.lastHtml.match(/href="(\/backoffice\/registrierungen\/[^"]+\/dateien\/[^"?]+)"/)![1]!;
      const file = await c.get(fileLink);
      assert.equal(file.headers.get('content-type'), 'application/pdf');
      assert.match(file.headers.get('content-disposition') ?? '', /^inline/);
      assert.match(file.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.equal(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
      const download = await c.get(`${fileLink}?download=1`);
      assert.match(download.headers.get('content-disposition') ?? '', /^attachment/);

      await c.get(`/backoffice/registrierungen/${reg.id}`);
      const page = c.lastHtml;
      await c.postForm({}, '/aktivieren');
      assert.match(c.text(), /Der Zugang wurde aktiviert/);
      const mail = await waitForMail(t.baseUrl, reg.fields.email, { subject: 'wurde aktiviert' });
      assert.match(mail.text, /Ihre AOK Bayern - Die Gesundheitskasse/);
      assert.match(linkAfter(mail.text, 'Zum Login:'), /\/arbeitgeber\/login$/);

      // the same button again (a second tab): nothing changes
      c.lastHtml = page;
      await c.postForm({}, '/aktivieren');
      assert.equal(c.lastStatus, 409);
      assert.match(c.text(), /bereits entschieden/);

      const login = new FormClient(t.baseUrl);
      await login.get('/arbeitgeber/login');
      await login.postForm({ email: reg.fields.email, password: 'Korrekt-Pferd-Batterie-42' }, '/arbeitgeber/login');
      assert.match(login.lastUrl, /sicherheitscode/);
      const shown = await authenticator(['code', '--server', t.baseUrl, '--email', reg.fields.email, '--pin', PIN, '--state', reg.state]);
      await login.postForm({ code: shown.out[0]! }, '/sicherheitscode');
      assert.match(login.lastUrl, /startseite$/);
    });

    test('activation › refused while a step is open; forged CSRF; not in the list before upload', async () => {
      const admin = await addStaff(t, 'admin');
      const reg = await completeRegistration(t, 'no', false);
      const c = await staffLogin(t, admin);
      assert.ok(c.text().includes(reg.fields.email), 'administrators see every insurer');
      await c.get(`/backoffice/registrierungen/${reg.id}`);
      assert.match(c.lastHtml, /<button type="submit" class="button" disabled[^>]*>Aktivieren/);
      assert.match(c.text(), /Es fehlt noch: Geräteregistrierung\./);
      const r = await c.request('POST', `/backoffice/registrierungen/${reg.id}/aktivieren`, `_csrf=${c.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 409);
      const forged = await c.request('POST', `/backoffice/registrierungen/${reg.id}/aktivieren`, `_csrf=${'A'.repeat(43)}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(forged.status, 403);
      const account = await t.system.deps.db.selectFrom('accounts').select('status').where('email', '=', reg.fields.email).executeTakeFirstOrThrow();
      assert.equal(account.status, 'pending');

      const fresh = person({ insurerId: 'no' });
      await registerAndConfirm(t, fresh);
      await c.get('/backoffice/registrierungen');
      assert.ok(!c.text().includes(fresh.email), 'without upload not in the list');
      await c.get(`/backoffice/registrierungen/nicht-da`);
      assert.equal(c.lastStatus, 404);
    });

    test('staff login › a TOTP code works once; wrong codes; sessions end after 15 idle minutes', async () => {
      const admin = await addStaff(t, 'admin');
      const first = await staffLogin(t, admin);
      assert.match(first.lastUrl, /registrierungen$/);
      const c = new FormClient(t.baseUrl);
      await c.get('/backoffice/login');
      await c.postForm({ email: admin.email, password: STAFF_PASSWORD }, '/backoffice/login');
      await c.postForm({ code: totp(t, admin.secret) }, '/backoffice/login/code');
      assert.equal(c.lastStatus, 422);
      assert.match(c.text(), /bereits verwendet/);
      await c.postForm({ code: '000000' }, '/backoffice/login/code');
      assert.equal(c.lastStatus, 422);
      await c.postForm({ code: totp(t, admin.secret, 1) }, '/backoffice/login/code');
      assert.match(c.lastUrl, /registrierungen$/);

      const wrong = new FormClient(t.baseUrl);
      await wrong.get('/backoffice/login');
      await wrong.postForm({ email: admin.email, password: 'falsch-falsch-falsch' }, '/backoffice/login');
      assert.equal(wrong.lastStatus, 401);

      t.clock.advance(16 * 60_000);
      await c.get('/backoffice/registrierungen');
      assert.match(c.lastUrl, /\/backoffice\/login\?flow=/);
      await wrong.get('/backoffice/registrierungen');
      assert.match(wrong.lastUrl, /\/backoffice\/login\?flow=/, 'no session, no list');
    });

    test('staff login › a code sent more than 5 minutes after the password starts again with the password and says why', async () => {
      const admin = await addStaff(t, 'admin');
      const c = new FormClient(t.baseUrl);
      await c.get('/backoffice/login');
      assert.doesNotMatch(c.text(), /abgelaufen/, 'a first visit has nothing to explain');
      await c.postForm({ email: admin.email, password: STAFF_PASSWORD }, '/backoffice/login');
      assert.match(c.text(), /Einmalcode/);
      t.clock.advance(5 * 60_000 + 1000);
      await c.postForm({ code: totp(t, admin.secret) }, '/backoffice/login/code');
      assert.match(c.lastUrl, /\/backoffice\/login\?flow=.*hinweis=abgelaufen/);
      assert.match(c.text(), /Ihre Anmeldung ist abgelaufen\. Bitte melden Sie sich erneut an\./);
      await c.get('/backoffice/registrierungen');
      assert.match(c.lastUrl, /\/backoffice\/login\?flow=/, 'not signed in');
      await c.postForm({ email: admin.email, password: STAFF_PASSWORD }, '/backoffice/login');
      await c.postForm({ code: totp(t, admin.secret) }, '/backoffice/login/code');
      assert.match(c.lastUrl, /registrierungen$/);
    });
    test('reject › needs a reason; the mail tells it; a corrected upload sends the registration back', async () => {
      const clerk = await addStaff(t, 'clerk', 'by');
      const reg = await completeRegistration(t, 'by');
      const c = await staffLogin(t, clerk);
      await c.get(`/backoffice/registrierungen/${reg.id}`);
      await c.postForm({ reason: '   ' }, '/ablehnen');
      assert.equal(c.lastStatus, 422);
      assert.match(c.fieldError('reason') ?? '', /Grund/);
      await c.postForm({ reason: 'Die Bescheinigung ist nicht unterschrieben.' }, '/ablehnen');
      assert.match(c.lastUrl, /registrierungen\?abgelehnt=1/);
      assert.ok(!c.text().includes(reg.fields.email), 'no longer in the list');
      const mail = await waitForMail(t.baseUrl, reg.fields.email, { subject: 'Bitte korrigieren' });
      assert.match(mail.text, /Grund: Die Bescheinigung ist nicht unterschrieben\./);

      const user = new FormClient(t.baseUrl);
      await user.get(linkAfter(mail.text, 'Zum Registrierungsstatus →'));
      assert.match(user.text(), /Grund: Die Bescheinigung ist nicht unterschrieben\./);
      assert.match(user.text(), /Upload Arbeitgeberbescheinigung Dokument \(erneut\) hochladen/);
      await user.get('/arbeitgeber/registrierung/bescheinigung');
      await user.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung-unterschrieben.pdf', bytes: await samplePdf('unterschrieben') }]);
      assert.equal(user.lastStatus, 200);
      await c.get('/backoffice/registrierungen');
      assert.ok(c.text().includes(reg.fields.email), 'back in the list');
      await c.get(`/backoffice/registrierungen/${reg.id}`);
      assert.match(c.text(), /Bescheinigung\.pdf \(PDF, [^)]*, archiviert\)/);
      assert.match(c.text(), /Bescheinigung-unterschrieben\.pdf/);
    });
    test('accounts › search, lock ends the sessions at once, unlock, staff device reset, login history', async () => {
      // the employer logs in
      const { clerk, reg, c, user } = await activatedAndPasswordEntered(t);
      await user.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', reg.fields.email, '--pin', PIN, '--state', reg.state])).out[0]! }, '/sicherheitscode');
      assert.match(user.lastUrl, /startseite$/);

      await c.get(`/backoffice/zugaenge?q=${encodeURIComponent(reg.fields.email.slice(0, 12))}`);
      assert.ok(c.text().includes(reg.fields.email));
      const accountId = c.lastHtml.match(/href="\/backoffice\/zugaenge\/([0-9a-f-]{36})"/)![1]!;
      await c.get(`/backoffice/zugaenge/${accountId}`);
      assert.match(c.text(), /Anmeldeverlauf/);
      assert.match(c.text(), /Anmeldung erfolgreich/, 'the history in words');
      await c.postForm({}, '/sperren');
      assert.match(c.text(), /Der Zugang ist gesperrt/);
      await user.get('/arbeitgeber/startseite');
      assert.doesNotMatch(user.lastUrl, /startseite$/, 'the session ended at once');
      const locked = new FormClient(t.baseUrl);
      await locked.get('/arbeitgeber/login');
      await locked.postForm({ email: reg.fields.email, password: 'Korrekt-Pferd-Batterie-42' }, '/arbeitgeber/login');
      assert.equal(locked.lastStatus, 403);
      assert.match(locked.text(), /Ihr Zugang ist gesperrt/);
      await c.postForm({}, '/entsperren');
      assert.match(c.text(), /Der Zugang ist entsperrt/);

      await c.postForm({}, '/geraet-zuruecksetzen');
      assert.match(c.text(), /Das Gerät wurde zurückgesetzt/);
      const old = await authenticator(['code', '--server', t.baseUrl, '--email', reg.fields.email, '--pin', PIN, '--state', reg.state]);
      assert.equal(old.code, 7);
      const mail = await waitForMail(t.baseUrl, reg.fields.email, { subject: 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' });
      const status = new FormClient(t.baseUrl);
      await status.get(linkAfter(mail.text, 'Zum Registrierungsstatus →'));
      assert.match(status.lastHtml, />Authentifikations-Gerät hinzufügen</);
      const actions = (await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', accountId).execute()).map((r) => r.action);
      for (const a of ['account.locked', 'account.unlocked', 'device_reset.approved']) assert.ok(actions.includes(a), a);

      // another insurer's clerk cannot open the account
      const other = await staffLogin(t, await addStaff(t, 'clerk', 'he'));
      await other.get(`/backoffice/zugaenge/${accountId}`);
      assert.equal(other.lastStatus, 404);
    });

    test('device reset requests › refused with a reason, then approved after a new upload', async () => {
      const { reg, c, user } = await activatedAndPasswordEntered(t);
      const link = user.lastHtml.match(/href="(\/arbeitgeber\/geraet-zuruecksetzen\?flow=[^"]+)"/)![1]!;
      await user.get(link);
      await user.postForm({}, '/geraet-zuruecksetzen');
      await user.get('/arbeitgeber/registrierung/bescheinigung');
      await user.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'neu.pdf', bytes: await samplePdf('neu') }]);

      await c.get('/backoffice/geraete-ruecksetzungen');
      assert.ok(c.text().includes(reg.fields.email));
      assert.match(c.text(), /Neue Arbeitgeberbescheinigung: hochgeladen/);
      await c.postForm({ reason: '' }, '/ablehnen');
      assert.equal(c.lastStatus, 422);
      await c.postForm({ reason: 'Unterschrift fehlt.' }, '/ablehnen');
      assert.match(c.text(), /Das Zurücksetzen wurde abgelehnt/);
      const refused = await waitForMail(t.baseUrl, reg.fields.email, { subject: 'nicht möglich' });
      assert.match(refused.text, /Grund: Unterschrift fehlt\./);
      assert.match(c.text(), /Neue Arbeitgeberbescheinigung: fehlt noch/);

      await user.get('/arbeitgeber/registrierung/bescheinigung');
      await user.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'neu-unterschrieben.pdf', bytes: await samplePdf('neu2') }]);
      await c.get('/backoffice/geraete-ruecksetzungen');
      await c.postForm({}, '/bestaetigen');
      assert.match(c.text(), /Das Zurücksetzen wurde bestätigt/);
      const approved = await waitForMail(t.baseUrl, reg.fields.email, { subject: 'bestätigt' });
      // the approval ends the session that made the request: the holder goes on through the decision mail
      await user.get('/arbeitgeber/registrierung/status');
      assert.equal(user.lastStatus, 401);
      await user.get(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      assert.match(user.lastHtml, />Authentifikations-Gerät hinzufügen</);
    });

    test('Protokoll › administrators filter and export CSV; clerks get not found; no way to change entries', async () => {
      const admin = await addStaff(t, 'admin');
      const clerk = await addStaff(t, 'clerk', 'by');
      const c = await staffLogin(t, admin);
      await c.get('/backoffice/protokoll?art=staff.login');
      assert.equal(c.lastStatus, 200);
      const table = c.lastHtml.match(/<tbody>[\s\S]*<\/tbody>/)![0];
      assert.match(table, /Anmeldung im Backoffice/);
      assert.doesNotMatch(table, /Registrierung begonnen/);
      await c.get('/backoffice/protokoll?von=kaputt&bis=2026-13-45&seite=-3');
      assert.equal(c.lastStatus, 200);
      const csv = await c.get('/backoffice/protokoll.csv?art=staff.');
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
      const bytes = Buffer.from(await csv.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so spreadsheets read UTF-8');
      const body = bytes.subarray(3).toString('utf8');
      assert.match(body, /^id;zeit;akteur;aktion;betroffen;ip;ergebnis;daten/);
      assert.match(body, /staff\.login/);
      const k = await staffLogin(t, clerk);
      await k.get('/backoffice/protokoll');
      assert.equal(k.lastStatus, 404);
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        const r = await c.request(method, '/backoffice/protokoll');
        assert.ok(r.status === 404 || r.status === 405, `${method} ${r.status}`);
      }
    });
    test('Mitarbeitende › an administrator adds a clerk (QR code once), locks them: their session ends at once', async () => {
      const admin = await addStaff(t, 'admin');
      const c = await staffLogin(t, admin);
      await c.get('/backoffice/mitarbeitende');
      await c.postForm({ email: 'kaputt', name: '', role: 'clerk', insurerId: '', password: 'kurz' }, '/backoffice/mitarbeitende');
      assert.equal(c.lastStatus, 422);
      for (const f of ['email', 'name', 'insurerId']) assert.ok(c.fieldError(f), f);
      const email = `neu.${Date.now()}@kasse.example`;
      await c.postForm({ email, name: 'Erika Mustermann', role: 'clerk', insurerId: 'he', password: STAFF_PASSWORD }, '/backoffice/mitarbeitende');
      assert.equal(c.lastStatus, 201);
      assert.match(c.lastHtml, /<img src="data:image\/png;base64,/);
      const secret = c.lastHtml.match(/<code>([A-Z2-7]+)<\/code>/)![1]!;
      t.clock.advance(30_000);
      const clerk = await staffLogin(t, { email, secret });
      assert.match(clerk.lastUrl, /registrierungen$/);
      assert.match(clerk.text(), /Sachbearbeitung, AOK Hessen/);

      await c.get('/backoffice/mitarbeitende');
      const id = (await t.system.deps.db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      const r = await c.request('POST', `/backoffice/mitarbeitende/${id}/sperren`, `_csrf=${c.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 200);
      assert.match(c.text(), /Der Zugang ist gesperrt/);
      await clerk.get('/backoffice/registrierungen');
      assert.match(clerk.lastUrl, /\/backoffice\/login/, 'the locked clerk is out at once');
      const again = new FormClient(t.baseUrl);
      await again.get('/backoffice/login');
      await again.postForm({ email, password: STAFF_PASSWORD }, '/backoffice/login');
      assert.equal(again.lastStatus, 403);
      const self = (await t.system.deps.db.selectFrom('staff').select('id').where('email', '=', admin.email).executeTakeFirstOrThrow()).id;
      const own = await c.request('POST', `/backoffice/mitarbeitende/${self}/sperren`, `_csrf=${c.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(own.status, 409);
    });
  });
}
