import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { escapeRegExp, heading } from './steps/page.ts';
import { searchByPlzAndUmkreis } from './steps/jobmaster.ts';
import { seedJobmasterDemo } from '../../src/modules/job-search/demo.ts';

/**
 * Manual 004 "Suche": a job starter searches from the start page by PLZ, narrows the Umkreis and opens a
 * posting, once without JavaScript and once with it (the pages need none).
 */
const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster search in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);
    let target: { title: string; postal_code: string; city: string };
    before(async () => {
      const { deps } = t.system;
      await seedJobmasterDemo({ ...deps, insurerId: deps.config.insurers[0]!.id });
      target = await deps.db.selectFrom('job_postings').select(['title', 'postal_code', 'city']).orderBy('postal_code').executeTakeFirstOrThrow();
    });

    for (const javaScriptEnabled of [false, true]) {
      test(`search by PLZ and Umkreis from the start page and open a posting (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const open = browsers(browser());
        try {
          const page = await open.page({ javaScriptEnabled });
          await searchByPlzAndUmkreis(page, t.baseUrl, target.postal_code, '10 km');
          await page.getByRole('link', { name: target.title, exact: true }).first().click();
          await heading(page, target.title, 1);
          assert.match(await page.locator('main').innerText(), new RegExp(`${target.postal_code} ${escapeRegExp(target.city)}`));
          await heading(page, 'Beschreibung', 2);
        } finally {
          await open.close();
        }
      });
    }
  });
}
