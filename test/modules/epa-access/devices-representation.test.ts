import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { createRecordApi, dpopProofs } from '../../../src/apps/epa-desktop/record-api.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, loggedInPerson, unlock } from './support.ts';
import { ok, refusal } from '../epa-records/api-support.ts';

/**
 * "Registrierte Geräte" is one's own: with the Vertretung header (Pforte-Vertretung) of a confirmed
 * representation, the device routes still act on the caller, so a representative can neither see nor
 * rename nor remove the represented person's devices.
 */
for (const kind of databaseKinds) {
  describe(`ePA devices are the caller's own, also for a representative (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);

    async function person(device: string) {
      const p = await loggedInPerson(t, `${callback().base}/callback`);
      const deviceId = await unlock(t, p, device);
      const api = (representation?: string) => createRecordApi({ server: t.baseUrl, accessToken: () => p.session.accessToken, proof: dpopProofs(p.session.keys), representation });
      return { ...p, deviceId, api };
    }

    test("acting for Anna, Bernd's device list is his own, and her device is not found to rename or remove", async () => {
      const anna = await person('Annas Laptop');
      const bernd = await person('Bernds PC');
      const named = ok(await anna.api().nameRepresentative({ kvnr: bernd.kvnr, email: bernd.email }));
      ok(await bernd.api().confirmRepresentation(named.representation.id));
      const forAnna = bernd.api(named.representation.id);

      assert.deepEqual(
        ok(await forAnna.devices()).devices.map((d) => [d.name, d.current]),
        [['Bernds PC', true]],
      );
      assert.equal(refusal(await forAnna.renameDevice(anna.deviceId, 'Übernommen')), '404 epa.device_not_found');
      assert.equal(refusal(await forAnna.removeDevice(anna.deviceId)), '404 epa.device_not_found');
      assert.deepEqual(
        ok(await anna.api().devices()).devices.map((d) => d.name),
        ['Annas Laptop'],
      );
    });
  });
}
