/**
 * The 2-factor device: the app (PWA at /app/) on a phone, read and tapped as its user does, and
 * the terminal app (`pforte-authenticator`, in-process) where a journey needs a device without a phone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { authenticator } from '../../support/journeys.ts';
import { definition } from './page.ts';

export const APP_NAME = 'AOK Zweifaktor App';

/** The app screen on show (the script shows one section at a time), or the one with this title. */
export function appScreen(app: Page, title?: string): Locator {
  return title === undefined ? app.locator('section.app-screen:not([hidden])') : app.getByRole('region', { name: title, exact: true });
}

/** Manual 002 §2.3 "Schritt 1": the terms accepted with their checkbox and "Akzeptieren". */
export async function acceptAppTerms(app: Page): Promise<void> {
  await app.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere diese.', { exact: true }).check();
  await app.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
}

/** Manual 002 §2.3 "Schritt 2": user name and activation code, then on to the PIN. */
export async function enterActivation(app: Page, email: string, code: string): Promise<void> {
  await app.getByLabel('Benutzername / E-Mail Adresse:', { exact: true }).fill(email);
  await app.getByLabel('Aktivierungscode:', { exact: true }).fill(code);
  await appScreen(app).getByRole('button', { name: 'Weiter', exact: true }).click();
  await app.getByLabel('PIN:', { exact: true }).waitFor();
}

/** "Schritt 3": the PIN twice and "Aktivieren"; ends on "Glückwunsch". */
export async function choosePin(app: Page, pin: string): Promise<void> {
  await app.getByLabel('PIN:', { exact: true }).fill(pin);
  await app.getByLabel('Bitte wiederholen Sie Ihren Code (PIN) und bestätigen ihn:', { exact: true }).fill(pin);
  await app.getByRole('button', { name: 'Aktivieren', exact: true }).click();
  await app.getByRole('heading', { name: 'Glückwunsch', exact: true }).waitFor();
}

/** The app opened on the phone, its terms accepted, address, code and PIN entered; ends on its login screen. */
export async function activateApp(app: Page, baseUrl: string, email: string, activationCode: string, pin: string): Promise<void> {
  await app.goto(`${baseUrl}/app/`);
  await appScreen(app).waitFor();
  await acceptAppTerms(app);
  await appScreen(app).getByText('Schritt 1 von 2').waitFor();
  await enterActivation(app, email, activationCode);
  await appScreen(app).getByText('Schritt 2 von 2').waitFor();
  await choosePin(app, pin);
  await app.getByRole('button', { name: 'Jetzt einloggen', exact: true }).click();
  await appScreen(app, `${APP_NAME} Login`).getByText(email, { exact: true }).waitFor();
}

/** PIN and "Anmelden" in the app; the security code it shows for the waiting login, as shown ("123 456"). */
export async function codeFromApp(app: Page, pin: string): Promise<string> {
  await app.getByLabel(/^PIN für /).fill(pin);
  await app.getByRole('button', { name: 'Anmelden', exact: true }).click();
  const shown = appScreen(app).getByText(/^\d{3} \d{3}$/);
  await shown.waitFor({ timeout: 10_000 });
  return (await shown.innerText()).trim();
}

/** A code as one types it: the digits without the reading aid's spaces. */
export const digits = (code: string) => code.replace(/\s+/g, '');

/** "Aktivierungscode anzeigen" (a POST: opening the page makes no code) and the code the page then shows. */
export async function showActivationCode(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
  const code = await page.locator('[data-code]').getAttribute('data-code');
  assert.match(code ?? '', /^\d{8}$/, 'activation code on the page');
  return code!;
}

/** The activation code as the eye reads it off the page (two groups of four), after the user name it is for. */
export async function activationCodeOnPage(page: Page, email?: string): Promise<string> {
  if (email !== undefined) assert.equal((await definition(page, 'Benutzername/E-Mail-Adresse').innerText()).trim(), email);
  const shown = (await definition(page, 'Aktivierungscode').getByText(/^\d{4} \d{4}$/).innerText()).trim();
  assert.match(shown, /^\d{4} \d{4}$/, 'two groups of four digits');
  return shown;
}

/** The terminal app activated with the code from the page; its state directory. */
export async function activateTerminalApp(t: TestSystem, email: string, activationCode: string, pin: string, prefix = 'pforte-e2e-'): Promise<string> {
  const state = mkdtempSync(join(tmpdir(), prefix));
  const activated = await authenticator(['activate', '--server', t.baseUrl, '--email', email, '--activation-code', activationCode, '--pin', pin, '--state', state]);
  assert.equal(activated.code, 0, activated.err.join('\n'));
  return state;
}

/** The security code the terminal app prints for the waiting login. */
export async function terminalAppCode(t: TestSystem, email: string, pin: string, state: string): Promise<string> {
  const shown = await authenticator(['code', '--server', t.baseUrl, '--email', email, '--pin', pin, '--state', state]);
  assert.equal(shown.code, 0, shown.err.join('\n'));
  assert.match(shown.out[0] ?? '', /^\d{6}$/);
  return shown.out[0]!;
}
