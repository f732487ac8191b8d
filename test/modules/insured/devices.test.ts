import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import type { FormClient } from '../../support/browser-client.ts';
import { signedInStaff } from '../../support/staff.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { formatDateTime } from '../../../src/core/ui/components.tsx';
import { CODE, activated, approval, newLetter, outcome, registered, signed } from '../ident-devices/support.ts';
import { PATH } from './support.ts';

const removal = (id: string, deviceId: string) => `${PATH}/${id}/geraete/${deviceId}/entfernen`;
const deviceIds = async (t: TestSystem, insuredId: string) =>
  (await t.system.deps.db.selectFrom('ident_devices').select('id').where('insured_id', '=', insuredId).orderBy('created_at').execute()).map((d) => d.id);

/** Posts the removal form as a browser would, with the page's CSRF token. */
async function postRemoval(c: FormClient, path: string, reason: string) {
  await c.get(PATH);
  return c.request('POST', path, new URLSearchParams({ _csrf: c.csrf(), reason }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
}

for (const kind of databaseKinds) {
  describe(`Backoffice › Versicherte › Geräte der AOK Ident-App (${kind})`, () => {
    const t = testSystemFor(kind);
    const devices = () => t.system.deps.identDevices;

    test('the person’s page lists their devices with name, activation and last use', async () => {
      const p = await registered(t);
      const activatedAt = t.clock.now();
      const phone = await activated(t, p);
      t.clock.advance(60_000);
      await activated(t, { kvnr: p.kvnr, code: await newLetter(t, p.id) }, { kind: 'cli' });
      await devices().approve(await approval(t, phone), '198.51.100.7');
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(`${PATH}/${p.id}`);
      assert.match(clerk.text(), /Geräte der AOK Ident-App Gerät Aktiviert Zuletzt verwendet Status Aktion/);
      const at = (d: Date) => formatDateTime(d);
      assert.ok(clerk.text().includes(`Chrome 124 auf Android (App) ${at(activatedAt)} ${at(t.clock.now())} aktiv Gerät entfernen`), clerk.text());
      assert.ok(clerk.text().includes(`Terminal (Terminal-Programm) ${at(t.clock.now())} noch nie aktiv Gerät entfernen`), clerk.text());
    });

    test('"Gerät entfernen" asks first and needs a reason; then the device is gone, logged with the reason, and can neither approve nor sign', async () => {
      const p = await registered(t);
      const phone = await activated(t, p);
      const session = await devices().login({ ...(await signed(t, phone, 'login')), pin: CODE }, null);
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(removal(p.id, phone.deviceId));
      assert.equal(clerk.lastStatus, 200);
      assert.match(clerk.text(), /Möchten Sie das Gerät „Chrome 124 auf Android“ von Erika Mustermann wirklich entfernen/);
      assert.match(clerk.lastHtml, new RegExp(`href="${PATH}/${p.id}">Abbrechen`));

      await clerk.postForm({ reason: '  ' }, removal(p.id, phone.deviceId));
      assert.equal(clerk.lastStatus, 422);
      assert.equal(clerk.fieldError('reason'), de['insured.reason_required']);
      assert.deepEqual(await deviceIds(t, p.id), [phone.deviceId]);

      await clerk.postForm({ reason: 'Handy verloren, Anruf der Versicherten' }, removal(p.id, phone.deviceId));
      assert.match(clerk.lastUrl, new RegExp(`${PATH}/${p.id}`));
      assert.match(clerk.text(), /Das Gerät ist entfernt\./);
      assert.match(clerk.text(), /Die Person hat kein Gerät aktiviert\./);
      assert.match(clerk.text(), /AOK Ident-App: Gerät von der AOK entfernt Handy verloren, Anruf der Versicherten/);
      assert.deepEqual(await deviceIds(t, p.id), []);
      const log = await t.system.deps.db.selectFrom('audit_log').select(['actor', 'data']).where('subject', '=', p.id).where('action', '=', 'insured.device_removed_by_staff').execute();
      assert.equal(log.length, 1);
      assert.ok(log[0]!.actor.startsWith('staff:'));
      assert.deepEqual(log[0]!.data, { device: phone.deviceId, name: 'Chrome 124 auf Android', kind: 'app', reason: 'Handy verloren, Anruf der Versicherten' });

      assert.equal(await outcome(devices().approve(await approval(t, phone), null)), '401 app.signature_invalid');
      assert.equal(await outcome(devices().login({ ...(await signed(t, phone, 'login')), pin: CODE }, null)), '401 app.signature_invalid');
      assert.equal(await outcome(devices().list(session.token)), '401 app.session_invalid');
      // removed once: the same removal again finds nothing
      await postRemoval(clerk, removal(p.id, phone.deviceId), 'nochmal');
      assert.equal(clerk.lastStatus, 404);
    });

    test('a clerk of another AOK gets "not found" for the page and the removal, which is logged; the device keeps working', async () => {
      const p = await registered(t, 'bw');
      const phone = await activated(t, p);
      const other = await signedInStaff(t, 'clerk', 'by');
      await other.get(removal(p.id, phone.deviceId));
      assert.equal(other.lastStatus, 404);
      await postRemoval(other, removal(p.id, phone.deviceId), 'Versuch');
      assert.equal(other.lastStatus, 404);
      const denied = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', p.id).where('outcome', '=', 'denied').execute();
      assert.deepEqual(denied.map((d) => d.action), ['insured.denied', 'insured.denied']);
      assert.deepEqual(await deviceIds(t, p.id), [phone.deviceId]);
      assert.equal(await outcome(devices().approve(await approval(t, phone), null)), 'ok');

      // a device of another person, named under this person's address, is not found either
      const q = await registered(t, 'bw');
      const theirs = await activated(t, q);
      const clerk = await signedInStaff(t, 'clerk', 'bw');
      await clerk.get(removal(p.id, theirs.deviceId));
      assert.equal(clerk.lastStatus, 404);
      await postRemoval(clerk, removal(p.id, theirs.deviceId), 'falsche Person');
      assert.equal(clerk.lastStatus, 404);
      assert.deepEqual(await deviceIds(t, q.id), [theirs.deviceId]);
    });
  });
}
