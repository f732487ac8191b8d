import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { CODE, registered } from '../modules/ident-devices/support.ts';

/**
 * Manual 003's "AOK Ident" app on a phone in Chromium (JavaScript on: the app makes and keeps its key):
 * activation with the letter's KVNR and code, the GesundheitsID-Code twice, the key kept in IndexedDB
 * and not extractable, "Geräte" behind the code, and "Code vergessen".
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`AOK Ident app in the browser (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    let phone: Page;
    let person: Awaited<ReturnType<typeof registered>>;

    before(async () => {
      phone = await browsers(browser()).page({ device: 'phone' });
      person = await registered(t);
    });

    test('activation with the letter: the KVNR is checked at the field, the code against its rule, the key stays on the phone', async () => {
      await phone.goto(`${t.baseUrl}/ident/app/`);
      await heading(phone, 'AOK Ident aktivieren');
      const kvnr = phone.getByLabel('Versichertennummer (KVNR)');
      await kvnr.fill(`${person.kvnr.slice(0, 9)}${(Number(person.kvnr[9]) + 1) % 10}`);
      await phone.getByLabel('Aktivierungscode').focus();
      await phone.getByText('Die Prüfziffer der Krankenversichertennummer stimmt nicht.').waitFor();
      await kvnr.fill(person.kvnr);
      await phone.getByLabel('Aktivierungscode').fill(person.code);
      await phone.getByRole('button', { name: 'Weiter' }).click();
      await heading(phone, 'GesundheitsID-Code festlegen');
      const choose = phone.getByRole('region', { name: 'GesundheitsID-Code festlegen' });
      await choose.getByLabel('GesundheitsID-Code', { exact: true }).fill('123456');
      await choose.getByLabel('GesundheitsID-Code wiederholen').fill('123456');
      await choose.getByRole('button', { name: 'Aktivieren' }).click();
      await choose.getByRole('alert').filter({ hasText: 'Zahlenreihe' }).waitFor();
      await choose.getByLabel('GesundheitsID-Code', { exact: true }).fill(CODE);
      await choose.getByLabel('GesundheitsID-Code wiederholen').fill(CODE);
      await choose.getByRole('button', { name: 'Aktivieren' }).click();
      await heading(phone, 'Ihre AOK Ident-App ist aktiviert');
      await phone.getByText(`Erika Mustermann · ${person.kvnr}`).waitFor();
      const stored = await phone.evaluate(
        () =>
          new Promise<{ extractable: boolean; type: string }>((resolve, reject) => {
            const open = indexedDB.open('pforte-ident', 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('keys').objectStore('keys').get('device');
              get.onsuccess = () => resolve({ extractable: get.result.privateKey.extractable, type: get.result.privateKey.type });
            };
          }),
      );
      assert.deepEqual(stored, { extractable: false, type: 'private' });
      const devices = await t.system.deps.db.selectFrom('ident_devices').select(['name', 'public_key']).where('insured_id', '=', person.id).execute();
      assert.equal(devices.length, 1);
      assert.ok(!('d' in devices[0]!.public_key), 'only the public key reached the server');
    });

    test('after a reload the app knows its person; "Geräte" needs the code and lists this phone; "Code vergessen" names the AOK', async () => {
      await phone.reload();
      await heading(phone, 'Anmeldung in Ihrer ePA');
      await phone.getByText(`Erika Mustermann · ${person.kvnr}`).waitFor();
      await phone.getByRole('button', { name: 'Geräte' }).click();
      const unlock = phone.getByRole('region', { name: 'Geräte' });
      await unlock.getByLabel('GesundheitsID-Code').fill('909090');
      await unlock.getByRole('button', { name: 'Weiter' }).click();
      await unlock.getByRole('alert').filter({ hasText: 'Der GesundheitsID-Code ist falsch. Verbleibende Versuche: 4.' }).waitFor();
      await unlock.getByLabel('GesundheitsID-Code').fill(CODE);
      await unlock.getByRole('button', { name: 'Weiter' }).click();
      await heading(phone, 'Geräte');
      await phone.getByRole('listitem').filter({ hasText: '(dieses Gerät)' }).getByRole('button', { name: /^Entfernen/ }).waitFor();
      await phone.getByRole('button', { name: 'Zurück' }).click();
      await phone.getByRole('button', { name: 'Geräte' }).click();
      await phone.getByRole('button', { name: 'Code vergessen' }).click();
      await heading(phone, 'Code vergessen');
      await phone.getByText('AOK Baden-Württemberg').waitFor();
    });
  });
}
