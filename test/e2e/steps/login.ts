/** Manual 001 in the browser: the login data, then the security code from the 2-factor device. */
import type { Page } from 'playwright-core';
import { heading } from './page.ts';

export type Portal = 'arbeitgeber' | 'partner';

const PORTAL_NAME: Record<Portal, string> = { arbeitgeber: 'Mein AOK Arbeitgeberservice', partner: 'Mein AOK Gesundheitspartnerservice' };

export const portalName = (portal: Portal) => PORTAL_NAME[portal];

/** E-mail address and password on the login page that is open, and "Login". */
export async function enterLoginData(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Login', exact: true }).click();
}

/** The security code on "Eingabe Sicherheitscode", and "Weiter". */
export async function enterSecurityCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Sicherheitscode', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
}

/**
 * From the open login page to the portal's start page: the login data, "Eingabe Sicherheitscode",
 * the code the device shows (asked for only once the login waits for it).
 */
export async function signIn(page: Page, portal: Portal, who: { email: string; password: string }, code: () => Promise<string>): Promise<void> {
  await heading(page, 'Login', 1);
  await enterLoginData(page, who.email, who.password);
  await heading(page, 'Eingabe Sicherheitscode', 1);
  await enterSecurityCode(page, await code());
  await page.waitForURL(new RegExp(`/${portal}/startseite$`));
  await heading(page, `Startseite von ${PORTAL_NAME[portal]}`, 1);
}

/** The same from anywhere: opens the portal's login page first. */
export async function openLoginAndSignIn(page: Page, baseUrl: string, portal: Portal, who: { email: string; password: string }, code: () => Promise<string>): Promise<void> {
  await page.goto(`${baseUrl}/${portal}/login`);
  await page.waitForURL(new RegExp(`/${portal}/login\\?flow=`));
  await signIn(page, portal, who, code);
}
