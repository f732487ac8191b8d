import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSkipReason, newContext } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';

/**
 * The portals in English through Chromium (SPEC §8): the switch on the employer start page, the
 * registration form with English labels and English error messages at the fields, the choice kept
 * on the next pages, and Accept-Language: en giving English without the switch.
 */

const skip = chromiumSkipReason();

describe('The employer portal in English (Chromium)', { skip }, () => {
  const { t, browser } = systemAndChromium('pglite');

  test('switch to EN, register with a mistake, the language stays', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/arbeitgeber/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'EN' }).click();
    await page.waitForURL(`${t.baseUrl}/arbeitgeber/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'EN' }).getAttribute('aria-current'), 'true');

    await page.getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Personal data' }).waitFor();
    await page.getByLabel('Your company number (Betriebsnummer)').fill('09912343');
    await page.getByLabel('First name').fill('Jane');
    await page.getByLabel('Last name').fill('Doe');
    await page.getByLabel('E-mail address').fill('jane.doe@company.example');
    await page.getByLabel('Password', { exact: true }).fill('Korrekt-Pferd-Batterie-42');
    await page.getByLabel('Repeat password').fill('Korrekt-Pferd-Batterie-43');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Next' }).click()]);

    await page.locator('.error-summary').getByRole('heading', { name: 'Please correct your entries' }).waitFor();
    assert.match(await page.title(), /^Error: /);
    const repeat = page.getByLabel('Repeat password');
    assert.equal(await repeat.getAttribute('aria-invalid'), 'true');
    const describedBy = (await repeat.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${describedBy.split(/\s+/).find((id) => id.endsWith('-error'))}"]`).textContent();
    assert.match(message ?? '', /The two passwords do not match\./);
    // what the person typed stays as typed
    assert.equal(await page.getByLabel('First name').inputValue(), 'Jane');

    // the choice is kept on the next page, whatever the browser's language
    await page.goto(`${t.baseUrl}/arbeitgeber/login`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor();

    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'DE' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).waitFor();
    await context.close();
  });

  test('a browser set to English gets English without the switch', async () => {
    // the one browser here that is not German: what it asks for is what is tested
    const context = await newContext(browser(), { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/arbeitgeber/`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Register', exact: true }).waitFor();
    await context.close();
  });
});
