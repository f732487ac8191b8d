/**
 * Manual 000 step 7 / 002 §2.2 in Chromium: a chosen certificate is never lost. Without
 * JavaScript "Weiter" submits it with the form; with JavaScript choosing uploads it at once
 * (progress, the manual's hint, the file listed without a reload) and "Weiter" waits for a
 * running upload and does not send the file a second time.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { databaseKinds } from '../support/databases.ts';
import { FormClient } from '../support/browser-client.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { person } from '../support/journeys.ts';
import { sampleExe, samplePdf } from '../support/samples.ts';
import { axeFindings } from './registration-steps.ts';
import { chromiumSkipReason, newContext } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';

const skip = chromiumSkipReason();
const UPLOAD = '/arbeitgeber/registrierung/bescheinigung/upload';
const WAIT_HINT =
  'Sobald der Upload abgeschlossen ist, wird die hochgeladene Datei als Anhang angezeigt. Bitte warten Sie diese Meldung ab, bevor Sie auf „Weiter“ klicken. Andernfalls wird der Upload unterbrochen.';
const uploadScript = fileURLToPath(new URL('../../public/build/upload.js', import.meta.url));

// the markup does not depend on the database: one kind is enough in the browser
const kind = databaseKinds[0]!;

describe(`certificate upload in Chromium (${kind})`, { skip }, () => {
  const { t: sys, browser } = systemAndChromium(kind);

  /** Registered by form, confirmed in this browser through the mail's link: the certificate page is open. */
  async function onCertificatePage(js: boolean): Promise<{ context: BrowserContext; page: Page; email: string }> {
    const fields = person();
    const client = new FormClient(sys.baseUrl);
    await client.get('/arbeitgeber/registrierung');
    await client.postForm(fields, '/arbeitgeber/registrierung');
    const mail = await waitForMail(sys.baseUrl, fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
    const context = await newContext(browser(), { javaScriptEnabled: js, timeout: 15_000 });
    const page = await context.newPage();
    await page.goto(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
    await page.getByRole('link', { name: 'Registrierung fortsetzen' }).click();
    await page.waitForURL(/\/arbeitgeber\/registrierung\/bescheinigung$/);
    await page.getByText('Noch keine Datei hochgeladen.').waitFor();
    return { context, page, email: fields.email };
  }

  async function stored(email: string): Promise<string[]> {
    const rows = await sys.system.deps.db
      .selectFrom('files')
      .innerJoin('registrations', 'registrations.id', 'files.registration_id')
      .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
      .select('files.name')
      .where('accounts.email', '=', email)
      .orderBy('files.name')
      .execute();
    return rows.map((r) => r.name);
  }

  async function expectDeviceStep(page: Page) {
    await page.waitForURL(/\/arbeitgeber\/registrierung\/geraet$/);
    await page.getByRole('heading', { level: 2, name: 'Geräteregistrierung' }).waitFor();
  }

  /** Holds the page's uploads (the script's XHR only, with `xhrOnly`) until `release()`, so their progress can be seen. */
  async function holdUploads(page: Page, xhrOnly = false): Promise<() => void> {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${UPLOAD}`, async (route) => {
      if (!xhrOnly || route.request().resourceType() === 'xhr') await held;
      await route.continue();
    });
    return release;
  }

  /** On to the device step with the file stored once: the script sent it, "Weiter" only the form. */
  async function expectSentOnce(page: Page, email: string, uploads: ReturnType<typeof watchUploads>) {
    await expectDeviceStep(page);
    assert.deepEqual(await stored(email), ['Bescheinigung.pdf']);
    assert.deepEqual(uploads, [
      { type: 'xhr', withFile: true },
      { type: 'document', withFile: false },
    ]);
  }

  /** Every POST to the upload address, and whether it carried a file. */
  function watchUploads(page: Page) {
    const seen: { type: string; withFile: boolean }[] = [];
    page.on('request', (r: Request) => {
      if (r.method() !== 'POST' || !r.url().endsWith(UPLOAD)) return;
      const body = r.postDataBuffer()?.toString('latin1') ?? '';
      seen.push({ type: r.resourceType(), withFile: /filename="[^"]+"/.test(body) });
    });
    return seen;
  }

  test('without JavaScript › choose a file, "Weiter": the file is stored and the device step shows', { timeout: 60_000 }, async () => {
    const { context, page, email } = await onCertificatePage(false);
    try {
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Arbeitgeberbescheinigung unterschrieben.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      await page.getByRole('button', { name: 'Weiter' }).click();
      await expectDeviceStep(page);
      assert.deepEqual(await stored(email), ['Arbeitgeberbescheinigung unterschrieben.pdf']);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript › a refused file stays on the page with the message at the field; nothing stored', { timeout: 60_000 }, async () => {
    const { context, page, email } = await onCertificatePage(false);
    try {
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: sampleExe() });
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.waitForURL(new RegExp(`${UPLOAD}$`));
      const input = page.getByLabel('Datei auswählen');
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#f-files-error').innerText(), /Dateiformat/);
      assert.match((await input.getAttribute('aria-describedby')) ?? '', /f-files-error/);
      assert.deepEqual(await stored(email), []);
      // no file: "Weiter" goes on, the certificate may follow later
      await page.getByRole('button', { name: 'Weiter' }).click();
      await expectDeviceStep(page);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript › choose a file: progress and the hint, the file listed without reload; "Weiter" sends it no second time', { timeout: 60_000 }, async () => {
    assert.ok(existsSync(uploadScript), 'public/build/upload.js is missing: run `npm run build`');
    const { context, page, email } = await onCertificatePage(true);
    const uploads = watchUploads(page);
    try {
      // the upload answers a little late, so that its progress can be seen
      const release = await holdUploads(page);
      await page.getByText(WAIT_HINT).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Hochladen' }).isVisible(), false, 'choosing is uploading');
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      await page.locator('progress.upload__progress').waitFor({ state: 'visible' });
      await page.getByRole('status').filter({ hasText: 'Hochladen …' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Weiter' }).getAttribute('aria-busy'), 'true');
      release();
      await page.getByRole('status').filter({ hasText: 'Die Datei wurde hochgeladen und als Anhang gespeichert.' }).waitFor();
      await page.getByRole('list', { name: 'Hochgeladene Dateien' }).getByText('Bescheinigung.pdf').waitFor();
      assert.match(page.url(), /\/arbeitgeber\/registrierung\/bescheinigung$/, 'no reload');
      assert.equal(await page.locator('progress.upload__progress').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Weiter' }).getAttribute('aria-busy'), null);
      const findings = await axeFindings(page);
      assert.deepEqual(findings, [], 'no serious or critical axe violations');
      await page.unroute(`**${UPLOAD}`);

      await page.getByRole('button', { name: 'Weiter' }).click();
      await expectSentOnce(page, email, uploads);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript › "Weiter" while the upload runs waits for it, then goes on', { timeout: 60_000 }, async () => {
    const { context, page, email } = await onCertificatePage(true);
    const uploads = watchUploads(page);
    try {
      const release = await holdUploads(page, true);
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      await page.getByRole('status').filter({ hasText: 'Hochladen …' }).waitFor();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('status').filter({ hasText: 'Bitte warten Sie, bis der Upload abgeschlossen ist.' }).waitFor();
      assert.match(page.url(), /\/bescheinigung$/, 'still on the page while the file is on its way');
      release();
      await expectSentOnce(page, email, uploads);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript › a refused file: the message at the field, nothing stored, "löschen" removes a stored one', { timeout: 60_000 }, async () => {
    const { context, page, email } = await onCertificatePage(true);
    try {
      const input = page.getByLabel('Datei auswählen');
      await input.setInputFiles({ name: 'rechnung.pdf', mimeType: 'application/pdf', buffer: sampleExe() });
      await page.locator('#f-files-error').filter({ hasText: 'Dateiformat' }).waitFor();
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.match((await input.getAttribute('aria-describedby')) ?? '', /f-files-error/);
      assert.deepEqual(await stored(email), []);

      await input.setInputFiles({ name: 'Bescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      await page.getByRole('list', { name: 'Hochgeladene Dateien' }).getByText('Bescheinigung.pdf').waitFor();
      assert.equal(await page.locator('#f-files-error').count(), 0, 'the message goes with the next good upload');
      await page.getByRole('button', { name: 'Bescheinigung.pdf löschen' }).click();
      await page.getByText('Die Datei wurde gelöscht.').waitFor();
      await page.getByText('Noch keine Datei hochgeladen.').waitFor();
      assert.deepEqual(await stored(email), []);
    } finally {
      await context.close();
    }
  });
});
