/** Manual 004 in the browser: the Jobmaster's login (e-mail and password, no second factor) and Ausloggen. */
import type { Page } from 'playwright-core';
import { heading } from './page.ts';

/** From anywhere: the login page, e-mail and password, "Login", until "Mein Konto" (or the Stellenverwaltung) shows. */
export async function signInToJobmaster(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/login`);
  await heading(page, 'Login', 1);
  await page.getByLabel('E-Mail', { exact: true }).fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Login', exact: true }).click();
  await page.waitForURL(/\/jobmaster\/(konto|stellenverwaltung)$/);
}

/** "Ausloggen" on "Mein Konto": back on the start page, and "Mein Konto" asks for the login again. */
export async function signOutOfJobmaster(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/jobmaster/konto`);
  await heading(page, 'Mein Konto', 1);
  await page.getByRole('button', { name: 'Ausloggen', exact: true }).click();
  await page.waitForURL(/\/jobmaster\/$/);
  await page.goto(`${baseUrl}/jobmaster/konto`);
  await page.waitForURL(/\/jobmaster\/login/);
}
