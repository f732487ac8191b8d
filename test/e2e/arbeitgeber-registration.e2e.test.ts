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
import type { BrowserContext, Page } from 'playwright-core';
import { databaseKinds, journeyDatabase } from '../support/databases.ts';
import { sampleJpeg, samplePdf } from '../support/samples.ts';
import { chromiumSkipReason, newContext } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
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

for (const kind of journeyDatabase('pglite')) {
  describe(`Arbeitgeber registration in Chromium (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);

    /** A fresh browser profile with JavaScript on or off; the pages take their time on a busy machine. */
    async function open(js: boolean): Promise<{ context: BrowserContext; page: Page }> {
      const context = await newContext(browser(), { javaScriptEnabled: js, timeout: 15_000 });
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
      describe(`manual 000 steps 1–7 › ${js ? 'JavaScript on' : 'JavaScript off'}`, { timeout: 90_000 }, () => {
        const prefix = `${kind}-${js ? 'js' : 'nojs'}`;
        const p = person(`${kind}.${js ? 'js' : 'nojs'}.${Date.now()}`);
        const findings: string[] = [];
        const hook = pageHook(prefix, js, findings);
        let context: BrowserContext;
        let page: Page;
        before(async () => {
          ({ context, page } = await open(js));
        });
        after(async () => {
          await context?.close();
        });

        test('1. the start page offers „Registrieren“, which opens „Persönliche Daten“', tracked(async () => {
          if (js) assert.ok(existsSync(uploadScript), 'public/build/upload.js is missing: run `npm run build` (npm test does)');
          await openStartPage(page, t.baseUrl, hook);
          await clickRegister(page);
        }));

        test('2.–3. the filled form leads to the notice that the address is to be confirmed', tracked(async () => {
          await fillRegistrationForm(page, p);
          await hook('persoenliche-daten', page);
          await submitRegistrationForm(page);
          await expectConfirmNotice(page, p, hook);
        }));

        test('4. the mail is in the inbox; its button confirms the address', tracked(async () => {
          await confirmThroughMailbox(page, t.baseUrl, p, hook);
        }));

        test('5.–6. „Registrierung fortsetzen“ opens the certificate, which downloads with the company’s data', tracked(async () => {
          await continueRegistration(page, hook);
          const downloads = join(shotsDir, prefix);
          mkdirSync(downloads, { recursive: true });
          const pdf = await downloadCertificate(page, p, downloads);
          if (hasPdftotext) expectCertificateText(pdfText(pdf), p);
          else console.log('# pdftotext (poppler-utils) is missing: certificate text not checked');
        }));

        test(`7. two files ${js ? 'upload as soon as they are chosen' : 'upload with „Hochladen“'} and are listed as attachments`, tracked(async () => {
          await uploadFiles(
            page,
            [
              { name: 'Arbeitgeberbescheinigung unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) },
              { name: 'Handlungsvollmacht.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg },
            ],
            js,
            hook,
          );
        }));

        test('„Weiter“ leads on to the device registration (step 8)', tracked(async () => {
          await continueToDeviceStep(page, hook);
        }));

        test('the mail’s second link shows the status: three steps done, device and activation open', tracked(async () => {
          await openStatusFromMail(page, t.baseUrl, p, js, hook);
        }));

        test('axe finds nothing serious or critical on these pages', () => {
          assert.deepEqual(findings, [], 'no serious or critical axe violations');
        });
      });
    }

    test(
      'bad input › summary, message at the field, values kept, passwords empty; corrected it goes on',
      { timeout: 60_000 },
      tracked(async () => {
        const p = person(`${kind}.fehler.${Date.now()}`);
        const findings: string[] = [];
        const hook = pageHook(`${kind}-fehler`, true, findings);
        const { context, page } = await open(true);
        try {
          await openStartPage(page, t.baseUrl, async () => {});
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
