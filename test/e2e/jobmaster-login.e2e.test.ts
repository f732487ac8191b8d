import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { signInToJobmaster, signOutOfJobmaster } from './steps/jobmaster.ts';
import { JM_PASSWORD, jobmasterAccount } from '../modules/jobmaster-login/accounts.ts';

/**
 * Manual 004 "Login" and "Mein Konto": a job starter logs in, sees "Letzter Zugriff" and the
 * Loginverlauf, and logs out, once without JavaScript and once with it (the pages need none).
 */
const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster login in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    for (const javaScriptEnabled of [false, true]) {
      test(`Login, Letzter Zugriff, Loginverlauf and Ausloggen (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const { email } = await jobmasterAccount(t.system.deps.db);
        const who = { email, password: JM_PASSWORD };
        const open = browsers(browser());
        try {
          const page = await open.page({ javaScriptEnabled });
          await signInToJobmaster(page, t.baseUrl, who);
          await heading(page, 'Mein Konto', 1);
          assert.match(await page.locator('main').innerText(), /Dies ist Ihr erster Zugriff\./);
          await signOutOfJobmaster(page, t.baseUrl);
          t.clock.advance(5 * 60_000);
          await signInToJobmaster(page, t.baseUrl, who);
          await heading(page, 'Mein Konto', 1);
          assert.match(await page.locator('main').innerText(), /Letzter Zugriff: \d{2}\.\d{2}\.\d{4} um \d{2}:\d{2} Uhr/);
          await page.getByRole('link', { name: 'Loginverlauf', exact: true }).click();
          await heading(page, 'Loginverlauf', 1);
          assert.equal(await page.getByRole('row').filter({ hasText: 'Erfolgreich' }).count(), 2);
          await signOutOfJobmaster(page, t.baseUrl);
        } finally {
          await open.close();
        }
      });
    }
  });
}
