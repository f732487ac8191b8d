import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { PASSWORD, PIN, person } from '../support/journeys.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { samplePdf } from '../support/samples.ts';
import { auditCounts } from '../support/audit.ts';
import { main as pforte } from '../../src/cli.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { showActivationCode } from './steps/app.ts';
import { enterLoginData, enterSecurityCode } from './steps/login.ts';
import { addStaff, staffLogin } from './steps/staff.ts';
import { confirmAddressFromMail, continueToCertificate, registerEmployer } from './steps/registration.ts';

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

const skip = chromiumSkipReason();
const NEW_PASSWORD = 'Ein-neues-langes-Passwort-7';
const NOT_YET = 'Der Login ist erst nach Prüfung durch Ihre AOK möglich';
const DASHBOARD = 'Startseite von Mein AOK Arbeitgeberservice';

for (const kind of journeyDatabase('postgres')) {
  describe(`terminal app with the portal in Chromium (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    const fields = person({ insurerId: 'plus' });
    const state = mkdtempSync(join(tmpdir(), 'pforte-term-'));
    let page: Page;
    let code: string;

    const login = async (password = PASSWORD) => {
      await page.goto(`${t.baseUrl}/arbeitgeber/login`);
      await enterLoginData(page, fields.email, password);
    };
    const codeOf = (pin: string, stateDir: string) => terminalApp(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', pin, '--state', stateDir]);

    before(async () => {
      page = await browsers(browser()).page();
    });

    test('the employer registers through the pages; the chosen certificate is uploaded and the device pages offer the terminal app', async () => {
      await registerEmployer(page, t.baseUrl, { ...fields, insurer: 'AOK PLUS' });
      await confirmAddressFromMail(page, t.baseUrl, fields.email, 'Bestätigung');
      await continueToCertificate(page, 'arbeitgeber');
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      // chosen is uploaded (the page script); "Weiter" submits the certificate form
      await page.getByText('Bescheinigung.pdf').waitFor();
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'AOK 2-Faktor App für das Terminal (Kommandozeile)' }).waitFor();
      await page.getByRole('link', { name: 'Weiter' }).click();
      code = await showActivationCode(page);
    });

    test('the terminal app refuses a PIN against the rules and takes the activation code as read, with its space', async () => {
      const bad = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', '123456', '--state', state]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Zahlenreihe/);
      const activated = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', `${code.slice(0, 4)} ${code.slice(4)}`, '--pin', PIN, '--state', state]);
      assert.equal(activated.code, 0, activated.stderr);
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByText(NOT_YET).waitFor();
    });

    test('before the AOK’s check the login says so after the password', async () => {
      await login();
      await page.getByText(NOT_YET).waitFor();
      assert.equal(await pforte(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} }), 0);
    });

    test('manual 001: the terminal app’s code signs the employer in', async () => {
      await login();
      await heading(page, 'Eingabe Sicherheitscode');
      const shown = await codeOf(PIN, state);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /^\d{6}\n$/);
      await enterSecurityCode(page, shown.stdout.trim());
      await heading(page, DASHBOARD);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('link', { name: 'Registrieren' }).waitFor();
    });

    test('four wrong passwords are free, the fifth locks the address for a minute', async () => {
      for (let i = 0; i < 5; i++) {
        await login('Falsches-Passwort-123');
        await page.getByText('Benutzername/E-Mail-Adresse oder Passwort ist nicht korrekt.').first().waitFor();
      }
      await login();
      await page.getByText('Zu viele fehlgeschlagene Anmeldeversuche').waitFor();
      assert.ok((await auditCounts(t))('login.locked') >= 1);
      t.clock.advance(61_000);
    });

    test('„Passwort vergessen?“ needs the code from the terminal app', async () => {
      await page.goto(`${t.baseUrl}/arbeitgeber/login`);
      await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
      await page.getByLabel('E-Mail-Adresse').fill(fields.email);
      await page.getByRole('button', { name: 'Link anfordern' }).click();
      const resetMail = await waitForMail(t.baseUrl, fields.email, { subject: 'Neues Passwort' });
      await page.goto(linkAfter(resetMail.text, 'Passwort zurücksetzen:'));
      await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Weiter' }).click();
      await heading(page, 'Eingabe Sicherheitscode');
      await enterSecurityCode(page, (await codeOf(PIN, state)).stdout.trim());
      await page.getByText('Ihr Passwort wurde geändert').waitFor();
    });

    test('„Keinen Zugriff auf Authentifikations-Gerät?“ is recorded and mailed', async () => {
      await login(NEW_PASSWORD);
      await page.getByRole('link', { name: /Keinen Zugriff auf Authentifikations-Gerät/ }).click();
      await page.getByRole('button', { name: 'Gerät zurücksetzen' }).click();
      await heading(page, 'Status Ihrer Registrierung');
      await page.getByText('Rücksetzung des Authentifikations-Gerätes', { exact: true }).waitFor();
      await waitForMail(t.baseUrl, fields.email, { subject: 'Zurücksetzung beantragt – waren Sie das nicht?' });
    });

    test('the AOK’s clerk confirms the reset with the new certificate; that switches the terminal app off', async () => {
      await page.getByRole('link', { name: 'Dokument (erneut) hochladen' }).click();
      await page.getByLabel('Datei auswählen').setInputFiles({ name: 'Bescheinigung-neu.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('neu')) });
      await page.getByText('Bescheinigung-neu.pdf').waitFor();
      const clerk = await addStaff(t, { email: `sachbearbeitung.${Date.now()}@aok.example`, name: 'Sachbearbeitung PLUS', role: 'clerk', aok: 'plus' });
      const staffPage = await browsers(browser()).page();
      await staffLogin(t, staffPage, clerk);
      await staffPage.getByRole('link', { name: 'Geräte-Rücksetzungen' }).click();
      const request = staffPage.getByRole('region', { name: `Antrag ${fields.email}` });
      await request.getByText('Neue Arbeitgeberbescheinigung: hochgeladen').waitFor();
      await request.getByRole('button', { name: 'Bestätigen' }).click();
      await staffPage.getByText('Das Zurücksetzen wurde bestätigt').waitFor();
      assert.equal((await codeOf(PIN, state)).code, 7, 'the approval switches the terminal app off');
    });

    test('a new device registered from the approval mail signs the employer in', async () => {
      const approved = await waitForMail(t.baseUrl, fields.email, { subject: 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' });
      await page.goto(linkAfter(approved.text, 'Zum Registrierungsstatus →'));
      await page.getByRole('link', { name: 'Authentifikations-Gerät hinzufügen' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      await page.getByRole('link', { name: 'Weiter' }).click();
      const newCode = await showActivationCode(page);
      const newState = mkdtempSync(join(tmpdir(), 'pforte-term-new-'));
      const reactivated = await terminalApp(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', newCode, '--pin', '909192', '--state', newState]);
      assert.equal(reactivated.code, 0, reactivated.stderr);
      await login(NEW_PASSWORD);
      await enterSecurityCode(page, (await codeOf('909192', newState)).stdout.trim());
      await heading(page, DASHBOARD);
    });
  });
}
