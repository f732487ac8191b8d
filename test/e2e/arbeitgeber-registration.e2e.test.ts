/**
 * Manual 000 steps 1–7 in headless Chromium, for each database kind, with
 * JavaScript off and on: start page, form, notice, the mail in the inbox, the
 * confirmation, the certificate download and the upload, the status page.
 * Every page is screenshot into a temp dir (kept when a test fails, or always
 * with PFORTE_E2E_SCREENSHOTS=<dir>) and, with JavaScript on, checked with axe.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { databaseKinds, journeyDatabase } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { sampleJpeg, samplePdf } from '../support/samples.ts';
import {
  axeFindings,
  clickRegister,
  confirmThroughMailbox,
  continueRegistration,
  downloadCertificate,
  expectCertificateText,
  expectConfirmNotice,
  expectRegistrationErrors,
  continueToDeviceStep,
  openStatusFromMail,
  fillRegistrationForm,
  hasPdftotext,
  openStartPage,
  pdfText,
  person,
  submitRegistrationForm,
  uploadFiles,
  type PageHook,
} from './registration-steps.ts';

const skip = chromiumSkipReason();
const keepDir = process.env.PFORTE_E2E_SCREENSHOTS;
const shotsDir = keepDir ? (mkdirSync(keepDir, { recursive: true }), keepDir) : mkdtempSync(join(tmpdir(), 'pforte-e2e-'));
let failed = false;

const uploadScript = fileURLToPath(new URL('../../public/build/upload.js', import.meta.url));

after(() => {
  if (keepDir || failed) console.log(`screenshots and downloads: ${shotsDir}`);
  else rmSync(shotsDir, { recursive: true, force: true });
});

/** Marks the run as failed so the screenshots stay for a look. */
function tracked(fn: () => Promise<void>) {
  return async () => {
    try {
      await fn();
    } catch (error) {
      failed = true;
      throw error;
    }
  };
}

let clients = 0;

for (const kind of journeyDatabase('pglite')) {
  describe(`Arbeitgeber registration in Chromium (${kind})`, { skip }, () => {
    let sys: TestSystem;
    let browser: Browser;

    before(async () => {
      if (skip) return;
      [sys, browser] = await Promise.all([startTestSystem(kind), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await sys?.close();
    });

    /** A fresh browser profile, posing as its own user (the test server trusts X-Forwarded-For). */
    async function newContext(js: boolean): Promise<{ context: BrowserContext; page: Page }> {
      clients += 1;
      const context = await browser.newContext({
        javaScriptEnabled: js,
        locale: 'de-DE',
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
        extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${clients}` },
      });
      context.setDefaultTimeout(15_000);
      return { context, page: await context.newPage() };
    }

    /** Screenshot of each page; axe on each page when JavaScript runs (axe is a script). */
    function pageHook(prefix: string, js: boolean, findings: string[]): PageHook {
      let n = 0;
      return async (name, page) => {
        n += 1;
        await page.screenshot({ path: join(shotsDir, `${prefix}-${String(n).padStart(2, '0')}-${name}.png`), fullPage: true });
        // the markup does not depend on the database: axe runs on the first one only
        if (js && kind === databaseKinds[0]) findings.push(...(await axeFindings(page)).map((f) => `${name}: ${f}`));
      };
    }

    for (const js of [false, true]) {
      const mode = js ? 'JavaScript on' : 'JavaScript off';
      test(
        `manual 000 steps 1–7 › ${mode}`,
        { timeout: 90_000 },
        tracked(async () => {
          if (js) assert.ok(existsSync(uploadScript), 'public/build/upload.js is missing: run `npm run build` (npm test does)');
          const prefix = `${kind}-${js ? 'js' : 'nojs'}`;
          const p = person(`${kind}.${js ? 'js' : 'nojs'}.${Date.now()}`);
          const findings: string[] = [];
          const hook = pageHook(prefix, js, findings);
          const { context, page } = await newContext(js);
          try {
            // 1. start page → Registrieren
            await openStartPage(page, sys.baseUrl, hook);
            await clickRegister(page);
            // 2. Unternehmensdaten and persönliche Informationen
            await fillRegistrationForm(page, p);
            await hook('persoenliche-daten', page);
            await submitRegistrationForm(page);
            // 3. the notice
            await expectConfirmNotice(page, p, hook);
            // 4. the mail, its button
            await confirmThroughMailbox(page, sys.baseUrl, p, hook);
            // 5. Registrierung fortsetzen
            await continueRegistration(page, hook);
            // 6. the certificate
            const downloads = join(shotsDir, prefix);
            mkdirSync(downloads, { recursive: true });
            const pdf = await downloadCertificate(page, p, downloads);
            if (hasPdftotext) expectCertificateText(pdfText(pdf), p);
            else console.log('# pdftotext (poppler-utils) is missing: certificate text not checked');
            // 7. upload two files
            await uploadFiles(
              page,
              [
                { name: 'Arbeitgeberbescheinigung unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) },
                { name: 'Handlungsvollmacht.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg },
              ],
              js,
              hook,
            );
            // "Weiter" leads on to the device registration (step 8); the status page is reached by the mail's second link
            await continueToDeviceStep(page, hook);
            await openStatusFromMail(page, sys.baseUrl, p, js, hook);
          } finally {
            await context.close();
          }
          assert.deepEqual(findings, [], 'no serious or critical axe violations');
        }),
      );
    }

    test(
      'bad input › summary, message at the field, values kept, passwords empty; corrected it goes on',
      { timeout: 60_000 },
      tracked(async () => {
        const p = person(`${kind}.fehler.${Date.now()}`);
        const findings: string[] = [];
        const hook = pageHook(`${kind}-fehler`, true, findings);
        const { context, page } = await newContext(true);
        try {
          await openStartPage(page, sys.baseUrl, async () => {});
          await clickRegister(page);
          await fillRegistrationForm(page, { ...p, betriebsnummer: '09912343' }, 'Korrekt-Pferd-Batterie-43');
          await submitRegistrationForm(page);
          await expectRegistrationErrors(page, p, '09912343');
          await hook('persoenliche-daten-fehler', page);

          // corrected, the same form goes on to the notice
          await page.getByLabel('Ihre Betriebsnummer').fill(p.betriebsnummer);
          await page.getByLabel('Passwort', { exact: true }).fill(p.password);
          await page.getByLabel('Passwort wiederholen').fill(p.password);
          await submitRegistrationForm(page);
          await expectConfirmNotice(page, p, hook);
        } finally {
          await context.close();
        }
        assert.deepEqual(findings, [], 'no serious or critical axe violations');
      }),
    );
  });
}
