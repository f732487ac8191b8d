import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { signInToJobmaster } from './steps/jobmaster.ts';
import { newId } from '../../src/core/ids/secrets.ts';
import { JM_PASSWORD, jobmasterAccount } from '../modules/jobmaster-login/accounts.ts';

/**
 * Manual 004 "Unternehmensdaten" and "Ihre Ansprechpartner" without JavaScript: an employer opens
 * Persönliche Daten, uploads a company logo by its label, adds a contact and sees both cards.
 */
const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster Unternehmensdaten in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('Persönliche Daten › Upload Firmenlogo, Hinzufügen of a contact, the card Hauptansprechpartner:In (JavaScript off)', async () => {
      const db = t.system.deps.db;
      const { id, email } = await jobmasterAccount(db, { role: 'employer' });
      const { company } = await db.selectFrom('accounts').select('company').where('id', '=', id).executeTakeFirstOrThrow();
      await db
        .insertInto('jobmaster_contacts')
        .values({ id: newId(), employer_id: company!, salutation: 'Herr', title: null, first_name: 'Test', last_name: 'Ansprechpartner', phone: '0221 1', email, is_main: true, created_at: new Date() })
        .execute();
      const logo = await sharp({ create: { width: 300, height: 100, channels: 3, background: { r: 0, g: 120, b: 60 } } }).png().toBuffer();
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        await signInToJobmaster(page, t.baseUrl, { email, password: JM_PASSWORD });
        await page.goto(`${t.baseUrl}/jobmaster/konto`);
        await page.getByRole('link', { name: 'Persönliche Daten', exact: true }).click();
        await heading(page, 'Unternehmensdaten', 1);
        await page.getByRole('link', { name: 'Upload Firmenlogo', exact: true }).click();
        await heading(page, 'Upload Firmenlogo', 1);
        await page.getByLabel('Firmenlogo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
        await page.getByRole('button', { name: 'Hochladen' }).click();
        await heading(page, 'Unternehmensdaten', 1);
        const img = page.getByRole('img', { name: /Firmenlogo von/ });
        assert.equal(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth), 300);
        await page.getByRole('link', { name: 'Hinzufügen', exact: true }).click();
        await heading(page, 'Ansprechpartner hinzufügen', 1);
        await page.getByLabel('Anrede').selectOption('Frau');
        await page.getByLabel('Vorname').fill('Petra');
        await page.getByLabel('Nachname').fill('Personal');
        await page.getByLabel('Telefon').fill('0221 555');
        await page.getByLabel('E-Mail', { exact: true }).fill('petra@example.org');
        await page.getByRole('button', { name: 'Speichern' }).click();
        await heading(page, 'Unternehmensdaten', 1);
        const main = await page.locator('main').innerText();
        assert.match(main, /Der Ansprechpartner wurde hinzugefügt\./);
        assert.match(main, /Hauptansprechpartner:In\s+Herr Test Ansprechpartner/);
        assert.match(main, /Frau Petra Personal/);
        assert.equal(await page.locator('strong', { hasText: 'Herr Test Ansprechpartner' }).count(), 1);
      } finally {
        await open.close();
      }
    });
  });
}
