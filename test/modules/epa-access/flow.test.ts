import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { auditCounts } from '../../support/audit.ts';
import { loopbackForSuite, verifiedJwt } from '../ident-provider/support.ts';
import { approveWithTerminal, terminalPerson } from '../ident-login/support.ts';
import { clockAtRealTime, codeFromMail, epaLogin, lastMailId } from './support.ts';

for (const kind of databaseKinds) {
  describe(`ePA record service: Endgerät freischalten with openid-client and pforte-ident (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);

    test('login with a DPoP key, QR approval in pforte-ident, device registered by the mailed code, then the record answers', async () => {
      const person = await terminalPerson(t);
      const email = 'erika@example.org';
      const session = await epaLogin(t, `${callback().base}/callback`, (login) => approveWithTerminal(login, person.data));

      // the access token is bound to the desktop client's key
      const access = await verifiedJwt(t, session.accessToken);
      assert.deepEqual(access.payload.cnf, { jkt: session.jkt });
      assert.equal(access.payload.client_id, 'pforte-epa');

      // logged in, but this computer is not unlocked yet
      const first = await session.call('GET', '/session');
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, { kvnr: person.kvnr, device: null });
      const locked = await session.call('GET', '/devices');
      assert.equal(locked.status, 403);
      assert.equal(locked.body.error, 'epa.device_not_registered');

      // "Endgerät freischalten": the code goes to the person's e-mail
      const before = await lastMailId(t, email);
      const registered = await session.call('POST', '/devices', { name: 'Laptop Wohnzimmer' });
      assert.equal(registered.status, 201);
      assert.equal(registered.body.device.status, 'pending');
      const mail = await codeFromMail(t, email, before);
      assert.equal(mail.subject, 'Ihr Bestätigungscode für die elektronische Patientenakte (ePA)');
      // the mail names the request as the server saw it; the name typed on the device is not in it
      assert.match(mail.text, /Zeitpunkt: \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\nIP-Adresse: 127\.0\.0\.1\nGerät: ePA Desktop Client/);
      assert.doesNotMatch(mail.text, /Laptop Wohnzimmer/);
      assert.match(mail.text, /Er gilt 6 Stunden, bis \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr/);
      const stored = await t.system.deps.db.selectFrom('epa_devices').select('code_hash').where('id', '=', registered.body.device.id).executeTakeFirstOrThrow();
      assert.notEqual(stored.code_hash, mail.code, 'only a hash is stored');
      assert.doesNotMatch(stored.code_hash!, new RegExp(mail.code));

      const confirmed = await session.call('POST', '/devices/confirm', { code: mail.code });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.device.status, 'confirmed');

      // the record's routes now answer this device
      const devices = await session.call('GET', '/devices');
      assert.equal(devices.status, 200);
      assert.deepEqual(
        devices.body.devices.map((d: { name: string; status: string; current: boolean }) => [d.name, d.status, d.current]),
        [['Laptop Wohnzimmer', 'confirmed', true]],
      );
      const now = await session.call('GET', '/session');
      assert.deepEqual(now.body.device, { id: registered.body.device.id, name: 'Laptop Wohnzimmer' });

      const count = await auditCounts(t);
      assert.equal(count('epa_access.login'), 1, 'one entry for the login, however many requests');
      assert.equal(count('epa_access.device_registration_started'), 1);
      assert.equal(count('epa_access.device_confirmed'), 1);
      // and the person reads it in their Protokoll, from the newest
      const protocol = await t.system.deps.epaProtocol.list(person.id);
      assert.deepEqual(
        protocol.rows.map((r) => [r.action, r.device_name]),
        [
          ['device.registered', 'Laptop Wohnzimmer'],
          ['device.registration_started', 'Laptop Wohnzimmer'],
          ['login.success', null],
        ],
      );
    });
  });
}
