import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { signedInStaff } from '../../support/staff.ts';
import { PASSWORD, PIN, activatedEmployer, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';

const BETRIEBSNUMMER = '66667777';

async function login(t: TestSystem, email: string, state: string) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email, password: PASSWORD }, '/arbeitgeber/login');
  await c.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', email, '--pin', PIN, '--state', state])).out[0]! }, '/sicherheitscode');
  assert.match(c.lastUrl, /startseite$/);
  return c;
}

const form = (c: FormClient) => ({ body: new URLSearchParams({ _csrf: c.csrf() }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

for (const kind of databaseKinds) {
  describe(`a second administrator for the same Betriebsnummer (${kind})`, () => {
    let t: TestSystem;
    let first: Awaited<ReturnType<typeof activatedEmployer>>;
    let firstId: string;
    let second: { fields: ReturnType<typeof person>; state: string; registrationId: string };
    let staff: FormClient;
    before(async () => {
      t = await startTestSystem(kind);
      first = await activatedEmployer(t, person({ betriebsnummer: BETRIEBSNUMMER, insurerId: 'ni', firstName: 'Erste', lastName: 'Chefin' }));
      firstId = (await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', first.fields.email).executeTakeFirstOrThrow()).id;
      // the second registration: everything done, waiting for the insurer's check
      const fields = person({ betriebsnummer: BETRIEBSNUMMER, insurerId: 'ni', firstName: 'Zweiter', lastName: 'Antrag' });
      const { client } = await registerAndConfirm(t, fields);
      await client.get('/arbeitgeber/registrierung/bescheinigung.pdf');
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
      const state = mkdtempSync(join(tmpdir(), 'pforte-second-'));
      const code = await readActivationCode(client);
      assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', PIN, '--state', state])).code, 0);
      const registration = await t.system.deps.db.selectFrom('registrations').innerJoin('accounts', 'accounts.id', 'registrations.account_id').select('registrations.id').where('accounts.email', '=', fields.email).executeTakeFirstOrThrow();
      second = { fields, state, registrationId: registration.id };
      staff = await signedInStaff(t, 'clerk', 'ni');
    });
    after(async () => {
      await t?.close();
    });

    test('work list › the registration is marked: the Betriebsnummer has an active access, with its administrator', async () => {
      await staff.get('/backoffice/registrierungen');
      assert.match(staff.text(), /Für diese Betriebsnummer besteht bereits ein aktiver Zugang/);
      await staff.get(`/backoffice/registrierungen/${second.registrationId}`);
      assert.match(staff.text(), /Für diese Betriebsnummer besteht bereits ein aktiver Zugang/);
      assert.ok(staff.text().includes(`Erste Chefin (${first.fields.email}), Administrator`));
    });

    test('activation › the existing administrator gets a mail that names the new one', async () => {
      await staff.get(`/backoffice/registrierungen/${second.registrationId}`);
      await staff.postForm({}, `/backoffice/registrierungen/${second.registrationId}/aktivieren`);
      assert.match(staff.lastUrl, /aktiviert=1/);
      const mail = await waitForMail(t.baseUrl, first.fields.email, { subject: 'Weiterer Administrator' });
      assert.ok(mail.text.includes(second.fields.email));
      assert.match(mail.text, /Betriebsnummer 66667777/);
      assert.match(mail.text, /wenden Sie sich bitte umgehend an Ihre AOK/);
    });

    test('Nutzerverwaltung › each administrator sees the other, marked Administrator, with no button to lock or remove', async () => {
      const c = await login(t, second.fields.email, second.state);
      await c.get('/arbeitgeber/nutzer');
      const row = c.lastHtml.split('<tr>').find((r) => r.includes(first.fields.email));
      assert.ok(row, 'the first administrator is listed');
      assert.match(row, /Administrator/);
      assert.doesNotMatch(row, /sperren|entfernen/);
      const a = await login(t, first.fields.email, first.state);
      await a.get('/arbeitgeber/nutzer');
      assert.ok(a.text().includes(second.fields.email), 'and the first sees the second');
    });

    test('a forged lock or remove of another administrator is refused with 403 and audited; nothing changes', async () => {
      const c = await login(t, second.fields.email, second.state);
      for (const action of ['sperren', 'entfernen']) {
        await c.get('/arbeitgeber/nutzer');
        const { body, headers } = form(c);
        const r = await c.request('POST', `/arbeitgeber/nutzer/${firstId}/${action}`, body, headers);
        assert.equal(r.status, 403, action);
      }
      const account = await t.system.deps.db.selectFrom('accounts').select(['status', 'role']).where('id', '=', firstId).executeTakeFirstOrThrow();
      assert.deepEqual(account, { status: 'active', role: 'admin' });
      const audit = await t.system.deps.db.selectFrom('audit_log').select('outcome').where('action', '=', 'users.admin_protected').where('subject', '=', firstId).execute();
      assert.equal(audit.length, 2);
      assert.ok(audit.every((e) => e.outcome === 'denied'));
      // the first administrator still signs in
      await login(t, first.fields.email, first.state);
    });

    test('staff › can lock an administrator in Zugänge', async () => {
      await staff.get(`/backoffice/zugaenge/${firstId}`);
      await staff.postForm({}, '/sperren');
      assert.match(staff.text(), /Der Zugang ist gesperrt/);
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('status').where('id', '=', firstId).executeTakeFirstOrThrow()).status, 'locked');
    });
  });
}
