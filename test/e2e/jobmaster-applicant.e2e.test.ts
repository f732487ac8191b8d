import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { confirmRegistrationFromMail, registerAsBewerber, searchByPlzAndUmkreis, signInToJobmaster } from './steps/jobmaster.ts';
import { publishPosting, releasedEmployer } from './steps/jobmaster-employer.ts';
import { DAY } from '../../src/core/clock/clock.ts';
import type { TestSystem } from '../support/system.ts';

/**
 * Manual 004 for a job starter (Berufsstarter): registers as Bewerber, confirms from the mailbox, logs
 * in, searches by PLZ and Umkreis, saves a posting on the Merkliste, and sees it gone once its
 * Bewerbungsschluss has passed and the housekeeping has run. Once without JavaScript, once with it.
 */
const skip = chromiumSkipReason();
const PASSWORD = 'Lehrstelle-Gesucht-2026!';
const DEADLINE_DAYS = 10;

/** A released employer with two active postings through the Stellenverwaltung's service: one in Hamburg, one in Lübeck (~60 km away). */
async function seedPostings(t: TestSystem, run: string) {
  const { accountId } = await releasedEmployer(t);
  const applyUntil = new Date(t.clock.now().getTime() + DEADLINE_DAYS * DAY).toISOString().slice(0, 10);
  const base = {
    kind: 'ausbildung' as const, startsOn: '2027-08-01', startsMonth: true, description: 'Wir bilden aus.', requirements: '',
    applyUntil, contactId: null, applyUrl: null, applyEmail: 'bewerbung@firma.example',
  };
  const near = { ...base, title: `Ausbildung Fachkraft Lagerlogistik Alster ${run}`, postalCode: '22041', city: 'Hamburg' };
  const far = { ...base, title: `Ausbildung Fachkraft Lagerlogistik Trave ${run}`, postalCode: '23552', city: 'Lübeck' };
  for (const values of [near, far]) await publishPosting(t, accountId, values);
  return { near: near.title, far: far.title };
}

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster job starter in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    for (const javaScriptEnabled of [false, true]) {
      const js = javaScriptEnabled ? 'on' : 'off';
      test(`registers as Bewerber, searches by PLZ and Umkreis, Merken, and the posting expires (JavaScript ${js})`, async () => {
        const { near, far } = await seedPostings(t, `JS ${js}`);
        const email = `bewerber.${js}.${Date.now()}@schule.example`;
        const open = browsers(browser());
        try {
          const page = await open.page({ javaScriptEnabled });
          await registerAsBewerber(page, t.baseUrl, {
            salutation: 'Frau', firstName: 'Lena', lastName: 'Krüger', email, password: PASSWORD, question: 'Wie hieß Ihr erstes Haustier?', answer: 'Mimi',
          });
          await confirmRegistrationFromMail(page, t.baseUrl, email);

          await signInToJobmaster(page, t.baseUrl, { email, password: PASSWORD });
          await searchByPlzAndUmkreis(page, t.baseUrl, '20095', '25 km');
          assert.equal(await page.getByRole('link', { name: far, exact: true }).count(), 0, 'Lübeck lies outside 25 km');
          await page.getByRole('link', { name: near, exact: true }).click();
          await heading(page, near, 1);
          const posting = page.url();

          await page.getByRole('button', { name: 'Merken', exact: true }).click();
          await page.getByRole('button', { name: 'Von der Merkliste entfernen', exact: true }).waitFor();
          await page.goto(`${t.baseUrl}/jobmaster/merkliste`);
          await page.getByRole('link', { name: near, exact: true }).waitFor();

          // the Bewerbungsschluss passes on the test clock (the session ends with it); the housekeeping deactivates the posting
          t.clock.advance((DEADLINE_DAYS + 2) * DAY);
          await t.system.jobs.housekeeping();
          await page.goto(posting);
          await heading(page, 'Diese Stelle ist nicht mehr verfügbar', 1);
          await signInToJobmaster(page, t.baseUrl, { email, password: PASSWORD });
          await page.goto(`${t.baseUrl}/jobmaster/merkliste`);
          const row = page.getByRole('row').filter({ hasText: near });
          assert.match(await row.innerText(), /\(nicht mehr verfügbar\)/);
          assert.equal(await page.getByRole('link', { name: near, exact: true }).count(), 0);
        } finally {
          await open.close();
        }
      });
    }
  });
}
