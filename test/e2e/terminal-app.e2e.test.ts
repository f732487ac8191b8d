import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { PASSWORD, PIN, person } from '../support/journeys.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { samplePdf } from '../support/samples.ts';
import { main as pforte } from '../../src/cli.ts';
import { addStaff, totpAt } from './support/backoffice-journey.ts';

/**
 * Manual 000 steps 8–13 and manual 001 with the terminal program as the 2-factor device:
 * the portal in Chromium, `pforte-authenticator` as a real process, as a script would use it.
 * Also: lockout after wrong passwords, password reset with the code, device reset.
 */

function terminalApp(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/pforte-authenticator.js', ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function loginInBrowser(page: Page, baseUrl: string, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/arbeitgeber/login`);
  await page.getByLabel('Benutzername/E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Login' }).click();
}

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`terminal app with the portal in Chromium (${kind})`, { skip }, () => {
    let t: TestSystem;
    let browser: Browser;
    before(async () => {
      t = await startTestSystem(kind);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    test('register, activate the terminal app, log in with its code, reset the password, reset the device through the back office', async () => {
      const fields = person({ insurerId: 'plus' });
      // a German browser: the portal follows Accept-Language, and this walk reads the German pages
      const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      await page.goto(`${t.baseUrl}/arbeitgeber/`);
      await page.getByRole('link', { name: 'Registrieren' }).click();
      await page.getByLabel('Ihre AOK').selectOption({ label: 'AOK PLUS' });
      await page.getByLabel('Ihre Betriebsnummer').fill(fields.betriebsnummer);
      await page.getByLabel('Anrede').selectOption(fields.salutation);
      await page.getByLabel('Vorname').fill(fields.firstName);
      await page.getByLabel('Nachname').fill(fields.lastName);
      await page.getByLabel('E-Mail-Adresse').fill(fields.email);
      await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Passwort wiederholen').fill(PASSWORD);
      await page.getByLabel('Nutzungsbedingungen').check();
      await page.getByLabel('Datenschutzhinweise').check();
      await page.getByRole('button', { name: 'Weiter' }).click();
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });
      await page.goto(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
      await page.getByRole('link', { name: 'Registrierung fortsetzen' }).click();
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      // chosen is uploaded (the page script); "Weiter" submits the certificate form
      await page.getByText('Bescheinigung.pdf').waitFor();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'AOK 2-Faktor App für das Terminal (Kommandozeile)' }).waitFor();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
      const code = await page.locator('[data-code]').getAttribute('data-code');
      assert.match(code ?? '', /^\d{8}$/);

      const state = mkdtempSync(join(tmpdir(), 'pforte-term-'));
      const bad = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code!, '--pin', '123456', '--state', state]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Zahlenreihe/);
      const activated = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', `${code!.slice(0, 4)} ${code!.slice(4)}`, '--pin', PIN, '--state', state]);
      assert.equal(activated.code, 0, activated.stderr);
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByText('Der Login ist erst nach Prüfung durch Ihre AOK möglich').waitFor();

      // not activated yet: said after the password
      await loginInBrowser(page, t.baseUrl, fields.email);
      await page.getByText('Der Login ist erst nach Prüfung durch Ihre AOK möglich').waitFor();
      assert.equal(await pforte(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} }), 0);

      // manual 001 with the terminal app
      await loginInBrowser(page, t.baseUrl, fields.email);
      await page.getByRole('heading', { name: 'Eingabe Sicherheitscode' }).waitFor();
      const shown = await terminalApp(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', state]);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /^\d{6}\n$/);
      await page.getByLabel('Sicherheitscode').fill(shown.stdout.trim());
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { name: 'Startseite von Mein AOK Arbeitgeberservice' }).waitFor();
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('link', { name: 'Registrieren' }).waitFor();

      // lockout: four wrong passwords are free, the fifth locks the address for a minute
      for (let i = 0; i < 5; i++) {
        await loginInBrowser(page, t.baseUrl, fields.email, 'Falsches-Passwort-123');
        await page.getByText('Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.').first().waitFor();
      }
      await loginInBrowser(page, t.baseUrl, fields.email);
      await page.getByText('Zu viele fehlgeschlagene Anmeldeversuche').waitFor();
      const locks = await t.system.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'login.locked').execute();
      assert.ok(locks.length >= 1);
      t.clock.advance(61_000);

      // "Passwort vergessen?" needs the code from the terminal app
      await page.goto(`${t.baseUrl}/arbeitgeber/login`);
      await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
      await page.getByLabel('E-Mail-Adresse').fill(fields.email);
      await page.getByRole('button', { name: 'Link anfordern' }).click();
      const resetMail = await waitForMail(t.baseUrl, fields.email, { subject: 'Neues Passwort' });
      await page.goto(linkAfter(resetMail.text, 'Passwort zurücksetzen:'));
      const NEW = 'Ein-neues-langes-Passwort-7';
      await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW);
      await page.getByLabel('Neues Passwort wiederholen').fill(NEW);
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { name: 'Eingabe Sicherheitscode' }).waitFor();
      const resetCode = await terminalApp(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', state]);
      await page.getByLabel('Sicherheitscode').fill(resetCode.stdout.trim());
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByText('Ihr Passwort wurde geändert').waitFor();

      // "Keinen Zugriff auf Authentifikations-Gerät?": recorded; the terminal app works until the AOK approves
      await loginInBrowser(page, t.baseUrl, fields.email, NEW);
      await page.getByRole('link', { name: /Keinen Zugriff auf Authentifikations-Gerät/ }).click();
      await page.getByRole('button', { name: 'Gerät zurücksetzen' }).click();
      await page.getByRole('heading', { name: 'Status Ihrer Registrierung' }).waitFor();
      await page.getByText('Rücksetzung des Authentifikations-Gerätes', { exact: true }).waitFor();
      await waitForMail(t.baseUrl, fields.email, { subject: 'Zurücksetzung beantragt – waren Sie das nicht?' });

      // the reset goes on: a new certificate, the AOK clerk confirms in the back office, a new device
      await page.getByRole('link', { name: 'Dokument (erneut) hochladen' }).click();
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung-neu.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('neu')) });
      await page.getByText('Bescheinigung-neu.pdf').waitFor();
      const clerk = await addStaff(t, { email: `sachbearbeitung.${Date.now()}@aok.example`, name: 'Sachbearbeitung PLUS', role: 'clerk', aok: 'plus' });
      const staffPage = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      await staffPage.goto(`${t.baseUrl}/backoffice/login`);
      await staffPage.getByLabel('E-Mail-Adresse', { exact: true }).fill(clerk.email);
      await staffPage.getByLabel('Passwort', { exact: true }).fill('Backoffice-Passwort-2026');
      await staffPage.getByRole('button', { name: 'Weiter', exact: true }).click();
      await staffPage.getByLabel('Einmalcode', { exact: true }).fill(totpAt(t, clerk.secret));
      await staffPage.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await staffPage.getByRole('link', { name: 'Geräte-Rücksetzungen' }).click();
      const request = staffPage.getByRole('region', { name: `Antrag ${fields.email}` });
      await request.getByText('Neue Arbeitgeberbescheinigung: hochgeladen').waitFor();
      await request.getByRole('button', { name: 'Bestätigen' }).click();
      await staffPage.getByText('Das Zurücksetzen wurde bestätigt').waitFor();
      const after = await terminalApp(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', state]);
      assert.equal(after.code, 7, 'the approval switches the terminal app off');

      const approved = await waitForMail(t.baseUrl, fields.email, { subject: 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' });
      await page.goto(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      await page.getByRole('link', { name: 'Authentifikations-Gerät hinzufügen' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
      const newCode = await page.locator('[data-code]').getAttribute('data-code');
      const newState = mkdtempSync(join(tmpdir(), 'pforte-term-new-'));
      const reactivated = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', newCode!, '--pin', '909192', '--state', newState]);
      assert.equal(reactivated.code, 0, reactivated.stderr);
      await loginInBrowser(page, t.baseUrl, fields.email, NEW);
      const fresh = await terminalApp(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', '909192', '--state', newState]);
      await page.getByLabel('Sicherheitscode').fill(fresh.stdout.trim());
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('heading', { name: 'Startseite von Mein AOK Arbeitgeberservice' }).waitFor();
    });
  });
}
