import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { addContact, openUnternehmensdaten, plainLogo, signInAsReleasedEmployer, uploadCompanyLogo } from './steps/jobmaster-employer.ts';

/**
 * Manual 004 "Unternehmensdaten" and "Ihre Ansprechpartner" without JavaScript: an employer opens
 * Persönliche Daten, uploads a company logo by its label, adds a contact and sees both cards.
 */
const skip = chromiumSkipReason();

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster Unternehmensdaten in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('Persönliche Daten › Upload Firmenlogo, Hinzufügen of a contact, the card Hauptansprechpartner:In (JavaScript off)', async () => {
      const logo = await plainLogo(300, 100, { r: 0, g: 120, b: 60 });
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        await signInAsReleasedEmployer(t, page);
        await openUnternehmensdaten(page, t.baseUrl);
        await uploadCompanyLogo(page, logo);
        assert.equal(await page.getByRole('img', { name: /Firmenlogo von/ }).evaluate((el) => (el as HTMLImageElement).naturalWidth), 300);
        await addContact(page, { salutation: 'Frau', firstName: 'Petra', lastName: 'Personal', phone: '0221 555', email: 'petra@example.org' });
        const main = await page.locator('main').innerText();
        assert.match(main, /Hauptansprechpartner:In\s+Frau Erika Mustermann/);
        assert.match(main, /Frau Petra Personal/);
        assert.equal(await page.locator('strong', { hasText: 'Frau Erika Mustermann' }).count(), 1);
      } finally {
        await open.close();
      }
    });
  });
}
