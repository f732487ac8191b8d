import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { PASSWORD, PIN, activatedEmployer, authenticator, person } from '../../support/journeys.ts';
import { DAY } from '../../../src/core/clock/clock.ts';

async function login(t: TestSystem, email: string, password: string, state: string, pin = PIN) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email, password }, '/arbeitgeber/login');
  await c.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', email, '--pin', pin, '--state', state])).out[0]! }, '/sicherheitscode');
  assert.match(c.lastUrl, /startseite$/);
  return c;
}

for (const kind of databaseKinds) {
  describe(`company users (${kind})`, () => {
    const t = testSystemFor(kind);

    test('the administrator invites a user, who sets name and password, registers a device and logs in; lock, unlock, remove', async () => {
      const a = await activatedEmployer(t, person({ betriebsnummer: '66667777', insurerId: 'ni' }));
      const admin = await login(t, a.fields.email, PASSWORD, a.state);
      assert.match(admin.text(), /Nutzerverwaltung/);
      await admin.get('/arbeitgeber/nutzer');
      await admin.postForm({ email: 'kaputt' }, '/arbeitgeber/nutzer');
      assert.equal(admin.lastStatus, 422);
      // an address that has an access: the answer of a new one, its holder gets a mail instead
      await admin.postForm({ email: a.fields.email }, '/arbeitgeber/nutzer');
      assert.equal(admin.lastStatus, 200);
      assert.match(admin.text(), /Die Einladung wurde per E-Mail versendet/);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'nicht zugestellt' });
      const userEmail = `kollegin.${Date.now()}@firma-beispiel.de`;
      await admin.postForm({ email: userEmail }, '/arbeitgeber/nutzer');
      assert.match(admin.text(), /Die Einladung wurde per E-Mail versendet/);
      assert.match(admin.text(), /eingeladen am/);

      const mail = await waitForMail(t.baseUrl, userEmail, { subject: 'Einladung' });
      assert.match(mail.text, /Jürgen Weiß hat Sie als Nutzerin bzw\. Nutzer Ihres Unternehmens/);
      const link = linkAfter(mail.text, 'Einladung annehmen:');
      const user = new FormClient(t.baseUrl);
      await user.get(link);
      assert.doesNotMatch(user.lastUrl, /token=/);
      await user.postForm({ salutation: '', firstName: '', lastName: 'Schmidt', password: 'kurz', passwordRepeat: 'kurz' }, '/arbeitgeber/einladung');
      assert.equal(user.lastStatus, 422);
      assert.ok(user.fieldError('salutation') && user.fieldError('firstName'));
      assert.match(user.lastHtml, /value="Schmidt"/);
      const USER_PW = 'Kollegin-Passwort-2026';
      await user.postForm({ salutation: 'Frau', title: '', firstName: 'Petra', lastName: 'Schmidt', password: USER_PW, passwordRepeat: USER_PW }, '/arbeitgeber/einladung');
      assert.equal(user.lastStatus, 200);
      assert.doesNotMatch(user.lastHtml, /data-code=/, 'opening the page makes no code');
      await user.postForm({}, '/arbeitgeber/einladung/aktivierungscode');
      const first = user.lastHtml.match(/data-code="(\d{8})"/)![1]!;
      // "Neuen Aktivierungscode anfordern" gives a new code and the old one stops working
      await user.postForm({}, '/arbeitgeber/einladung/aktivierungscode');
      const code = user.lastHtml.match(/data-code="(\d{8})"/)![1]!;
      assert.notEqual(code, first);
      const state = mkdtempSync(join(tmpdir(), 'pforte-user-'));
      assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', userEmail, '--activation-code', code, '--pin', '909192', '--state', state])).code, 0);
      const again = new FormClient(t.baseUrl);
      await again.get(link);
      assert.equal(again.lastStatus, 410, 'the invitation works once');

      const u = await login(t, userEmail, USER_PW, state, '909192');
      assert.doesNotMatch(u.text(), /Nutzer verwalten/);
      await u.get('/arbeitgeber/nutzer');
      assert.equal(u.lastStatus, 403);
      await u.get('/arbeitgeber/postfach');
      assert.equal(u.lastStatus, 200, 'the company postbox is open to its users');

      await admin.get('/arbeitgeber/nutzer');
      assert.match(admin.text(), /Petra Schmidt Nutzer aktiv/);
      await admin.postForm({}, '/sperren');
      assert.match(admin.text(), /Der Nutzer ist gesperrt/);
      await u.get('/arbeitgeber/startseite');
      assert.doesNotMatch(u.lastUrl, /startseite$/, 'a locked user is out at once');
      await admin.postForm({}, '/entsperren');
      assert.match(admin.text(), /Der Nutzer ist entsperrt/);
      await admin.postForm({}, '/entfernen');
      assert.match(admin.text(), /Der Nutzer wurde entfernt/);
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', userEmail).execute()).length, 0);

      // another company's administrator cannot act on this company's users
      const b = await activatedEmployer(t, person({ betriebsnummer: '98094032' }));
      const other = await login(t, b.fields.email, PASSWORD, b.state);
      await admin.postForm({ email: `zweite.${Date.now()}@firma-beispiel.de` }, '/arbeitgeber/nutzer');
      const id = admin.lastHtml.match(/\/arbeitgeber\/nutzer\/([0-9a-f-]{36})\/entfernen/)![1]!;
      const r = await other.request('POST', `/arbeitgeber/nutzer/${id}/entfernen`, `_csrf=${other.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 404);
    });

    test('an invitation expires after 7 days and is removed', async () => {
      const a = await activatedEmployer(t, person({ betriebsnummer: '32349289' }));
      const admin = await login(t, a.fields.email, PASSWORD, a.state);
      await admin.get('/arbeitgeber/nutzer');
      const email = `spaet.${Date.now()}@firma-beispiel.de`;
      await admin.postForm({ email }, '/arbeitgeber/nutzer');
      const mail = await waitForMail(t.baseUrl, email, { subject: 'Einladung' });
      t.clock.advance(7 * DAY + 1000);
      const late = new FormClient(t.baseUrl);
      await late.get(linkAfter(mail.text, 'Einladung annehmen:'));
      assert.equal(late.lastStatus, 410);
      assert.match(late.text(), /abgelaufen/);
      await t.system.jobs.housekeeping();
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', email).execute()).length, 0);
      t.clock.advance(-(7 * DAY + 1000));
    });
  });
}
