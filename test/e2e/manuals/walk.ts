/**
 * What the manuals' walks do between the screens they check: browsers for the desk and the
 * phone, reading a mail in the embedded mailbox, the 2-factor app's steps, the insurer's
 * activation in the back office. Fields by label, buttons by role and name.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { addStaff } from '../support/backoffice-journey.ts';
import { backofficeLogin } from '../support/partner-journey.ts';

export interface Devices {
  /** the desk's browser (portal, mailbox) */
  desk: Page;
  /** the phone with the 2-factor app, its own profile */
  phone: Page;
  /** a third browser for the insurer's clerk */
  office: Page;
  close(): Promise<void>;
}

let clients = 0;

/** Three browser profiles, each posing as its own client (the test server trusts X-Forwarded-For). */
export async function devices(browser: Browser): Promise<Devices> {
  const contexts: BrowserContext[] = [];
  const open = async (kind: 'desktop' | 'phone') => {
    clients += 1;
    const context = await browser.newContext({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      acceptDownloads: true,
      extraHTTPHeaders: { 'x-forwarded-for': `192.0.2.${clients}` },
      ...(kind === 'desktop' ? { viewport: { width: 1280, height: 900 } } : { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
    });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  };
  const [desk, phone, office] = await Promise.all([open('desktop'), open('phone'), open('desktop')]);
  return { desk, phone, office, close: async () => void (await Promise.all(contexts.map((c) => c.close().catch(() => {})))) };
}

interface Listed {
  id: string;
  to: string;
  subject: string;
}

/** Waits for the mail (delivery is asynchronous), then opens it in the mailbox as a person does; returns its subject and HTML. */
export async function openMail(page: Page, baseUrl: string, to: string, subject: RegExp): Promise<{ subject: string; mail: FrameLocator }> {
  const deadline = Date.now() + 15_000;
  let hit: Listed | undefined;
  while (!hit) {
    const list = (await (await fetch(`${baseUrl}/mailbox/api/messages`)).json()) as Listed[];
    hit = list.find((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject));
    if (!hit) {
      assert.ok(Date.now() < deadline, `no mail to ${to} with a subject like ${subject}: ${list.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await page.goto(`${baseUrl}/mailbox`);
  await page.getByRole('heading', { name: 'Posteingang', level: 1 }).waitFor();
  await page.getByRole('row').filter({ hasText: to }).getByRole('link', { name: hit.subject, exact: true }).first().click();
  await page.waitForURL(/\/mailbox\/\d+$/);
  await page.getByRole('heading', { name: hit.subject, exact: true, level: 1 }).waitFor();
  const mail = page.frameLocator('iframe[title="E-Mail (HTML)"]');
  await mail.locator('body').getByText('Guten Tag,').waitFor();
  return { subject: hit.subject, mail };
}

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The app screen on show: the script shows one section at a time. */
export function appScreen(app: Page): Locator {
  return app.locator('section.app-screen:not([hidden])');
}

/** Manual 002 §2.3 "Schritt 1": the terms accepted with their checkbox and "Akzeptieren". */
export async function acceptAppTerms(app: Page) {
  await app.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere diese.', { exact: true }).check();
  await app.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
}

/** Manual 002 §2.3 "Schritt 2": user name and activation code, then on to the PIN. */
export async function enterActivation(app: Page, email: string, code: string) {
  await app.getByLabel('Benutzername / E-Mail Adresse:', { exact: true }).fill(email);
  await app.getByLabel('Aktivierungscode:', { exact: true }).fill(code);
  await appScreen(app).getByRole('button', { name: 'Weiter', exact: true }).click();
  await app.getByLabel('PIN:', { exact: true }).waitFor();
}

/** The PIN twice and "Aktivieren"; ends on "Glückwunsch". */
export async function choosePin(app: Page, pin: string) {
  await app.getByLabel('PIN:', { exact: true }).fill(pin);
  await app.getByLabel('Bitte wiederholen Sie Ihren Code (PIN) und bestätigen ihn:', { exact: true }).fill(pin);
  await app.getByRole('button', { name: 'Aktivieren', exact: true }).click();
  await app.getByRole('heading', { name: 'Glückwunsch', exact: true }).waitFor();
}

/** PIN and "Anmelden" in the app; the security code it shows for the waiting login ("123 456"). */
export async function codeFromApp(app: Page, pin: string): Promise<string> {
  await app.getByLabel(/^PIN für /).fill(pin);
  await app.getByRole('button', { name: 'Anmelden', exact: true }).click();
  const shown = appScreen(app).getByText(/^\d{3} \d{3}$/);
  await shown.waitFor({ timeout: 10_000 });
  return (await shown.innerText()).trim();
}

/**
 * The activation code as the portal's page shows it (two groups of four). A code is made by a
 * POST only, never by opening the page: where the page asks for the click first, the walk
 * clicks and says so (the manuals show the code at once).
 */
export async function shownActivationCode(page: Page, note: (message: string) => void): Promise<string> {
  const ask = page.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true });
  if (await ask.isVisible()) {
    note('the activation code shows after „Aktivierungscode anzeigen“, one click more than the manual');
    await ask.click();
  }
  const dd = page.locator('dt', { hasText: 'Aktivierungscode' }).locator('xpath=following-sibling::dd[1]');
  return (await dd.getByText(/^\d{4} \d{4}$/).innerText()).trim();
}

/** "Weiter" (a link on the device pages) and the page it leads to. */
export async function weiter(page: Page, where: RegExp) {
  await page.getByRole('link', { name: 'Weiter', exact: true }).click();
  await page.waitForURL(where);
}

/** A clerk of the given AOK, made with the operator's CLI as in operations. */
export function clerkOf(t: TestSystem, aok: string): Promise<Clerk> {
  return addStaff(t, { email: `sachbearbeitung.${aok}.${Date.now()}@aok.example`, name: 'Sabine Sachbearbeitung', role: 'clerk', aok });
}

export type Clerk = Awaited<ReturnType<typeof addStaff>>;

/**
 * The clerk of the registration's AOK logs in to the back office, opens the registration from
 * "Registrierungen zur Prüfung" and presses "Aktivieren".
 */
export async function activateAsStaff(t: TestSystem, office: Page, clerk: Clerk, registration: { email: string; identifier: string }) {
  await backofficeLogin(t, office, clerk);
  await office.getByRole('row').filter({ hasText: registration.email }).getByRole('link', { name: registration.identifier, exact: true }).click();
  await office.getByRole('button', { name: 'Aktivieren', exact: true }).click();
  await office.waitForURL(/\?aktiviert=1$/);
}

/**
 * The page a step starts on. The step before led here (and failed if it did not); when it did
 * not, the walk opens the page itself, so one broken step does not fail every step after it.
 */
export async function at(page: Page, baseUrl: string, where: RegExp, path: string, note: (message: string) => void) {
  if (where.test(new URL(page.url()).pathname + new URL(page.url()).search)) return;
  await page.waitForURL(where, { timeout: 3_000 }).catch(async () => {
    note(`the step before did not lead to ${path}: opened it directly`);
    await page.goto(`${baseUrl}${path}`);
  });
}

/** With PFORTE_E2E_SCREENSHOTS=<dir>, a picture of each page after its step. */
export async function picture(page: Page, name: string) {
  const dir = process.env.PFORTE_E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true }).catch(() => {});
}
