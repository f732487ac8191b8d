import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { followMailLink, openMailInMailbox } from './steps/mailbox.ts';
import { signInToJobmaster } from './steps/jobmaster.ts';
import { DAY } from '../../src/core/clock/clock.ts';
import { createJobPostings } from '../../src/modules/job-postings/service.ts';
import { jobmasterAccount } from '../modules/jobmaster-login/accounts.ts';
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
  const deps = t.system.deps;
  const postings = createJobPostings(deps, 'jobmaster');
  const account = await jobmasterAccount(deps.db, { role: 'employer', insurerId: deps.config.insurers[0]!.id });
  const employer = (await postings.employerOf(account.id))!;
  const applyUntil = new Date(t.clock.now().getTime() + DEADLINE_DAYS * DAY).toISOString().slice(0, 10);
  const base = {
    kind: 'ausbildung' as const, startsOn: '2027-08-01', startsMonth: true, description: 'Wir bilden aus.', requirements: '',
    applyUntil, contactId: null, applyUrl: null, applyEmail: 'bewerbung@firma.example',
  };
  const near = { ...base, title: `Ausbildung Fachkraft Lagerlogistik Alster ${run}`, postalCode: '22041', city: 'Hamburg' };
  const far = { ...base, title: `Ausbildung Fachkraft Lagerlogistik Trave ${run}`, postalCode: '23552', city: 'Lübeck' };
  for (const values of [near, far]) {
    const id = await postings.create(employer, values, null);
    await postings.setActive(employer, id, true, null);
  }
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
          await page.goto(`${t.baseUrl}/jobmaster/`);
          await page.getByRole('link', { name: 'Jetzt registrieren', exact: true }).click();
          await heading(page, 'Legen Sie ein Konto an.', 2);
          await page.getByRole('link', { name: 'Bewerber', exact: true }).click();
          await heading(page, 'Registrierung als Bewerber', 1);
          await page.getByLabel('Anrede', { exact: true }).selectOption('Frau');
          await page.getByLabel('Vorname', { exact: true }).fill('Lena');
          await page.getByLabel('Nachname', { exact: true }).fill('Krüger');
          await page.getByLabel('E-Mail', { exact: true }).fill(email);
          await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
          await page.getByLabel('Passwort wiederholen', { exact: true }).fill(PASSWORD);
          await page.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: 'Wie hieß Ihr erstes Haustier?' });
          await page.getByLabel('Antwort', { exact: true }).fill('Mimi');
          await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
          await page.getByRole('checkbox', { name: /Nutzungsbedingungen/ }).check();
          await page.getByRole('button', { name: 'Registrieren' }).click();
          await heading(page, 'Fast geschafft', 1);
          const { mail } = await openMailInMailbox(page, t.baseUrl, email, 'Bestätigung Ihrer Registrierung im Jobmaster');
          await followMailLink(page, mail, 'Registrierung bestätigen', /\/jobmaster\/registrierung\/bestaetigung/);
          await heading(page, 'Registrierung bestätigt', 1);

          await signInToJobmaster(page, t.baseUrl, { email, password: PASSWORD });
          await page.goto(`${t.baseUrl}/jobmaster/`);
          await page.getByLabel('Wo (Ort oder PLZ)', { exact: true }).fill('20095');
          await page.getByRole('button', { name: 'Suchen' }).click();
          await heading(page, 'Stellenangebote suchen', 1);
          await page.getByLabel('Umkreis', { exact: true }).selectOption({ label: '25 km' });
          await page.getByRole('button', { name: 'Suchen' }).click();
          await page.getByRole('heading', { name: /\d+ Stellenangebote? bei/, level: 2 }).waitFor();
          assert.match(page.url(), /umkreis=25/);
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
