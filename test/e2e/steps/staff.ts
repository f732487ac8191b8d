/** The insurer's staff in the back office, in the browser: made with the operator's CLI, signed in with password and TOTP. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { STAFF_PASSWORD, createStaff, totpAt, type StaffMember } from '../../support/staff.ts';
import { describedByText, heading } from './page.ts';

export { STAFF_PASSWORD, createStaff, totpAt, type StaffMember };

export type Clerk = StaffMember & { name: string };

/** A staff account with a name (the back office greets by it). */
export async function addStaff(t: TestSystem, input: { email: string; name: string; role: 'admin' | 'clerk'; aok?: string }): Promise<Clerk> {
  return { ...(await createStaff(t, input)), name: input.name };
}

/** A clerk of the given AOK with a fresh address. */
export function clerkOf(t: TestSystem, aok: string, name = 'Sabine Sachbearbeitung'): Promise<Clerk> {
  return addStaff(t, { email: `sachbearbeitung.${aok}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@aok.example`, name, role: 'clerk', aok });
}

export interface StaffLoginOptions {
  /** a wrong password first: the message at the field, the address kept */
  wrongPasswordFirst?: boolean;
  /** called at the login form (filled), at its error, and at the one-time code */
  onScreen?: (screen: 'login' | 'login-fehler' | 'einmalcode', page: Page) => Promise<void>;
}

/** The back-office login: e-mail and password, then the one-time code of the staff member's authenticator; ends on the work list. */
export async function staffLogin(t: TestSystem, page: Page, who: Clerk, options: StaffLoginOptions = {}): Promise<void> {
  const onScreen = options.onScreen ?? (async () => {});
  await page.goto(`${t.baseUrl}/backoffice/login`);
  await page.waitForURL(/\/backoffice\/login\?flow=/);
  await heading(page, 'Anmeldung für Mitarbeitende', 1);
  const email = page.getByLabel('E-Mail-Adresse', { exact: true });
  const password = page.getByLabel('Passwort', { exact: true });
  await email.fill(who.email);
  if (options.wrongPasswordFirst) {
    await password.fill('Falsches-Passwort-2026');
    await onScreen('login', page);
    await page.getByRole('button', { name: 'Weiter', exact: true }).click();
    await page.locator('.error-summary').getByRole('link', { name: /E-Mail-Adresse/ }).waitFor();
    assert.match(await page.title(), /^Fehler: /);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.match(await describedByText(page, email), /Fehler: /);
    assert.equal(await email.inputValue(), who.email);
    assert.equal(await password.inputValue(), '');
    await onScreen('login-fehler', page);
  }
  await password.fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(/\/backoffice\/login\/code\?flow=/);
  await heading(page, 'Einmalcode', 1);
  await page.getByLabel('Einmalcode', { exact: true }).fill(totpAt(t, who.secret));
  await onScreen('einmalcode', page);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await page.waitForURL(/\/backoffice\/registrierungen$/);
  await heading(page, 'Registrierungen zur Prüfung', 1);
  await page.getByText(`Angemeldet: ${who.name}`).waitFor();
}

/** The clerk of the registration's AOK opens it from "Registrierungen zur Prüfung" and presses "Aktivieren". */
export async function activateAsStaff(t: TestSystem, office: Page, clerk: Clerk, registration: { email: string; identifier: string }): Promise<void> {
  await staffLogin(t, office, clerk);
  await office.getByRole('row').filter({ hasText: registration.email }).getByRole('link', { name: registration.identifier, exact: true }).click();
  await office.getByRole('button', { name: 'Aktivieren', exact: true }).click();
  await office.waitForURL(/\?aktiviert=1$/);
}
