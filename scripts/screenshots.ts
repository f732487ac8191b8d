/**
 * Screenshots of the employer administrator's registration (manual 000 steps 1–7)
 * for docs/screenshots/: a test system on in-memory PGlite, headless Chromium with
 * JavaScript at 1280×900 (the start page once more at 390×844 as a phone), the
 * same steps as test/e2e. Page 1 of the downloaded certificate is rendered with
 * pdftoppm. Run with `npm run screenshots`.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startTestSystem } from '../test/support/system.ts';
import { chromiumSkipReason, launchChromium } from '../test/support/chromium.ts';
import { sampleJpeg, samplePdf } from '../test/support/samples.ts';
import {
  clickRegister,
  confirmThroughMailbox,
  continueRegistration,
  continueToDeviceStep,
  downloadCertificate,
  expectConfirmNotice,
  expectRegistrationErrors,
  fillRegistrationForm,
  openStartPage,
  openStatusFromMail,
  person,
  submitRegistrationForm,
  uploadFiles,
  type PageHook,
} from '../test/e2e/registration-steps.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'docs', 'screenshots');

/** Page name (as the steps report it) → file. Pages not named here are not kept. */
const files: Record<string, string> = {
  start: '01-start.png',
  'persoenliche-daten': '02-persoenliche-daten.png',
  'persoenliche-daten-fehler': '03-persoenliche-daten-fehler.png',
  'email-bestaetigen': '04-email-bestaetigen.png',
  mailbox: '05-mailbox.png',
  mail: '06-mail.png',
  'email-bestaetigt': '07-email-bestaetigt.png',
  bescheinigung: '08-bescheinigung.png',
  'bescheinigung-hochgeladen': '09-bescheinigung-hochgeladen.png',
  status: '10-status.png',
};

const written: string[] = [];

async function shoot(page: Page, file: string) {
  const path = join(outDir, file);
  await page.screenshot({ path, fullPage: true });
  written.push(path);
}

const hook: PageHook = async (name, page) => {
  const file = files[name];
  if (file) await shoot(page, file);
};

const skip = chromiumSkipReason();
if (skip) {
  console.error(skip);
  process.exit(1);
}

// the upload step is shown with the page script (XHR with progress): build it first
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'pforte-screenshots-'));
const system = await startTestSystem('pglite');
const browser = await launchChromium();
try {
  // a fixed person, so that the pictures only change when the pages do
  const p = { ...person('doku'), email: 'anna-lena.mueller@firma-beispiel.de' };
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();

  await openStartPage(page, system.baseUrl, hook);
  await clickRegister(page);
  await fillRegistrationForm(page, p);
  await hook('persoenliche-daten', page);

  // a typo in the Betriebsnummer and differing passwords first, then corrected
  await page.getByLabel('Ihre Betriebsnummer').fill('09912343');
  await page.getByLabel('Passwort wiederholen').fill(`${p.password}!`);
  await submitRegistrationForm(page);
  await expectRegistrationErrors(page, p, '09912343');
  await hook('persoenliche-daten-fehler', page);
  await page.getByLabel('Ihre Betriebsnummer').fill(p.betriebsnummer);
  await page.getByLabel('Passwort', { exact: true }).fill(p.password);
  await page.getByLabel('Passwort wiederholen').fill(p.password);
  await submitRegistrationForm(page);

  await expectConfirmNotice(page, p, hook);
  await confirmThroughMailbox(page, system.baseUrl, p, hook);
  await continueRegistration(page, hook);

  const pdf = await downloadCertificate(page, p, work);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', '-f', '1', pdf, join(outDir, '12-bescheinigung-pdf')]);
  written.push(join(outDir, '12-bescheinigung-pdf.png'));

  await uploadFiles(
    page,
    [
      { name: 'Arbeitgeberbescheinigung unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) },
      { name: 'Handlungsvollmacht.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg },
    ],
    true,
    hook,
  );
  await continueToDeviceStep(page, hook);
  await openStatusFromMail(page, system.baseUrl, p, true, hook);
  await context.close();

  const phone = await browser.newContext({ locale: 'de-DE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  await openStartPage(mobile, system.baseUrl, async () => {});
  await shoot(mobile, '11-start-mobil.png');
  await phone.close();
} finally {
  await browser.close();
  await system.close();
  rmSync(work, { recursive: true, force: true });
}

for (const path of written.sort()) console.log(`${path.slice(root.length)}  ${Math.round(statSync(path).size / 1024)} KB`);
