import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { activateIdentApp, readQr } from './steps/epa.ts';
import { CODE, registered } from '../modules/ident-devices/support.ts';
import { discover, exchange, loopbackForSuite, pushLogin } from '../modules/ident-provider/support.ts';

/**
 * Manual 003 §4.1–4.2 in Chromium (JavaScript on): the AOK Ident app activated on a phone of its own,
 * a desktop client's login page whose QR code is read from its screenshot with jsQR (the app's decoder),
 * the number matched in the app, the approval with the GesundheitsID-Code, and the page following the
 * answer without a reload to "Öffne AOK Mein Leben.app", which reaches the client's loopback callback.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`AOK Ident QR login in the browser (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    const callback = loopbackForSuite();

    /** The AOK Ident app activated on a phone of its own with the person's letter. */
    async function activatedPhone(profiles: ReturnType<typeof browsers>, person: Awaited<ReturnType<typeof registered>>): Promise<Page> {
      const phone = await profiles.page({ device: 'phone' });
      await activateIdentApp(phone, t.baseUrl, person);
      return phone;
    }

    /** The desktop client: PAR and PKCE with openid-client, then the browser at the login page. */
    async function desktopLogin(profiles: ReturnType<typeof browsers>) {
      const config = await discover(t);
      const pushed = await pushLogin(config, `${callback().base}/callback`);
      const desktop = await profiles.page();
      await desktop.goto(pushed.url.href);
      await heading(desktop, '„AOK Ident“-App Anmeldung');
      return { config, pushed, desktop };
    }

    test('the phone scans the login page’s QR code, picks its number and approves; the page goes on to the client by itself', async () => {
      const person = await registered(t);
      const profiles = browsers(browser());
      const phone = await activatedPhone(profiles, person);
      const { config, pushed, desktop } = await desktopLogin(profiles);
      const number = (await desktop.locator('.ident-qr__number strong').textContent())!;
      const link = await readQr(await desktop.screenshot());
      assert.match(link, new RegExp(`^${t.baseUrl}/ident/app/#login=`));
      await desktop.evaluate(() => ((window as unknown as { unchanged: boolean }).unchanged = true));

      // the phone opens the QR code's address: who asks, three numbers, the code
      await phone.goto(link);
      await heading(phone, 'Anmeldung bestätigen');
      const request = phone.getByRole('region', { name: 'Anmeldung bestätigen' });
      await request.getByText('AOK Mein Leben', { exact: true }).waitFor();
      assert.match((await request.locator('#request-browser').textContent())!, /^Chrome \d+ auf Linux$/);
      await request.getByRole('radio', { name: number, exact: true }).check();
      await request.getByLabel('GesundheitsID-Code').fill(CODE);
      await request.getByRole('button', { name: 'Anmelden' }).click();
      await heading(phone, 'Anmeldung bestätigt');

      // manual 003 §4.2: the page shows the way back without a reload, and it reaches the loopback
      const back = desktop.getByRole('link', { name: 'Öffne AOK Mein Leben.app' });
      await back.waitFor();
      assert.equal(await desktop.evaluate(() => (window as unknown as { unchanged?: boolean }).unchanged), true, 'no reload');
      await back.click();
      await desktop.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
      const hit = new URL(callback().hits.at(-1)!);
      assert.equal(hit.searchParams.get('state'), pushed.state);
      const tokens = await exchange(config, pushed, hit);
      assert.equal(tokens.claims()!.kvnr, person.kvnr);
      await profiles.close();
    });

    test('"Ablehnen" on the phone, signed by its key without the code: the phone says so, and the page follows without a reload', async () => {
      const person = await registered(t);
      const profiles = browsers(browser());
      const phone = await activatedPhone(profiles, person);
      const { desktop } = await desktopLogin(profiles);
      await desktop.evaluate(() => ((window as unknown as { unchanged: boolean }).unchanged = true));
      await phone.goto(await readQr(await desktop.screenshot()));
      await heading(phone, 'Anmeldung bestätigen');
      await phone.getByRole('button', { name: 'Ablehnen' }).click();
      await heading(phone, 'Anmeldung abgelehnt');
      await desktop.getByText('Die Anmeldung wurde in der „AOK Ident“-App abgelehnt.').waitFor();
      await desktop.getByRole('button', { name: 'Neuen QR-Code anzeigen' }).waitFor();
      assert.equal(await desktop.evaluate(() => (window as unknown as { unchanged?: boolean }).unchanged), true, 'no reload');
      await profiles.close();
    });
  });
}
