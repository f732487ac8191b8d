import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { followMailLink, openMailInMailbox } from './steps/mailbox.ts';

/**
 * Manual 004 "Registrierung" without JavaScript: an employer chooses "Arbeitgeber", fills in both
 * parts, and confirms through the link of the mail in the embedded mailbox.
 */
const skip = chromiumSkipReason();
const PASSWORD = 'Stellen-Finden-2026!';

for (const kind of journeyDatabase('pglite')) {
  describe(`Jobmaster registration in Chromium (${kind})`, { skip, timeout: 120_000 }, () => {
    const { t, browser } = systemAndChromium(kind);

    test('an employer registers in both parts and confirms from the mailbox', async () => {
      const open = browsers(browser());
      try {
        const page = await open.page({ javaScriptEnabled: false });
        const email = `arbeitgeber.${Date.now()}@firma.example`;
        await page.goto(`${t.baseUrl}/jobmaster/registrierung`);
        await heading(page, 'Legen Sie ein Konto an.', 2);
        await page.getByRole('link', { name: 'Arbeitgeber', exact: true }).click();
        await heading(page, 'Firmeninformationen', 2);
        await page.getByLabel('Firmenname', { exact: true }).fill('Gärtnerei Grünwald');
        await page.getByLabel('Betriebsnummer', { exact: true }).fill('98094032');
        await page.getByLabel('Straße', { exact: true }).fill('Kasernenstraße');
        await page.getByLabel('Hausnummer', { exact: true }).fill('61');
        await page.getByLabel('PLZ', { exact: true }).fill('40213');
        await page.getByLabel('Ort', { exact: true }).fill('Düsseldorf');
        await page.getByRole('button', { name: 'Weiter' }).click();
        await page.getByLabel('Anrede', { exact: true }).selectOption('Herr');
        await page.getByLabel('Vorname', { exact: true }).fill('Gustav');
        await page.getByLabel('Nachname', { exact: true }).fill('Grünwald');
        await page.getByLabel('Telefon', { exact: true }).fill('0211 987654');
        await page.getByLabel('E-Mail', { exact: true }).fill(email);
        await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Passwort wiederholen', { exact: true }).fill(PASSWORD);
        await page.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: 'Wie hieß Ihr erstes Haustier?' });
        await page.getByLabel('Antwort', { exact: true }).fill('Waldi');
        await page.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
        await page.getByRole('checkbox', { name: /Nutzungsbedingungen/ }).check();
        await page.getByRole('button', { name: 'Registrieren' }).click();
        await heading(page, 'Fast geschafft', 1);
        const { mail } = await openMailInMailbox(page, t.baseUrl, email, 'Bestätigung Ihrer Registrierung im Jobmaster');
        await followMailLink(page, mail, 'Registrierung bestätigen', /\/jobmaster\/registrierung\/bestaetigung/);
        await heading(page, 'Registrierung bestätigt', 1);
        assert.match(await page.locator('main').innerText(), /Ein AOK-Mitarbeiter überprüft zeitnah Ihre Eingaben/);
      } finally {
        await open.close();
      }
    });
  });
}
