/**
 * What the manuals' walks do between the screens they check: browsers for the desk and the
 * phone, and a third for the insurer's clerk; the step before leading to the page a step starts
 * on; pictures. Reading mails, the app's steps and the back office come from ../steps.
 */
import { after, afterEach, before, type TestContext } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { databaseKinds } from '../../support/databases.ts';
import type { TestSystem } from '../../support/system.ts';
import { browsers } from '../steps/browser.ts';
import { systemAndChromium } from '../steps/suite.ts';
import { clerkOf, type Clerk } from '../steps/staff.ts';

export interface Devices {
  /** the desk's browser (portal, mailbox) */
  desk: Page;
  /** the phone with the 2-factor app, its own profile */
  phone: Page;
  /** a third browser for the insurer's clerk */
  office: Page;
}

export interface Walk {
  t: TestSystem;
  d: Devices;
  /** the clerk of the AOK named in manualWalk's options */
  clerk: Clerk;
  /** the page a step starts on (see `at`), with the step's notes as diagnostics */
  start(tt: TestContext, where: RegExp, path: string): Promise<void>;
}

/**
 * The frame of a manual's walk on a fresh system: desk, phone and office browsers (and the clerk
 * of `aok`) before the first step, a picture of desk and phone after each step.
 */
export function manualWalk(prefix: string, options: { aok?: string; seedDemo?: boolean } = {}): Walk {
  const { t, browser } = systemAndChromium(databaseKinds[0]!, { seedDemo: options.seedDemo });
  let devices: Devices | undefined;
  let clerk: Clerk | undefined;
  let steps = 0;
  before(async () => {
    const open = browsers(browser());
    const [desk, phone, office, made] = await Promise.all([open.page(), open.page({ device: 'phone' }), open.page(), options.aok ? clerkOf(t, options.aok) : undefined]);
    devices = { desk, phone, office };
    clerk = made;
  });
  afterEach(async () => {
    if (!devices) return;
    steps += 1;
    await picture(devices.desk, `${prefix}-${String(steps).padStart(2, '0')}-desk`);
    await picture(devices.phone, `${prefix}-${String(steps).padStart(2, '0')}-phone`);
  });
  after(() => {
    devices = undefined;
  });
  const d: Devices = {
    get desk() {
      return devices!.desk;
    },
    get phone() {
      return devices!.phone;
    },
    get office() {
      return devices!.office;
    },
  };
  return {
    t,
    d,
    get clerk() {
      if (!clerk) throw new Error('manualWalk was given no AOK for a clerk');
      return clerk;
    },
    start: (tt, where, path) => at(d.desk, t.baseUrl, where, path, (m) => tt.diagnostic(m)),
  };
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
