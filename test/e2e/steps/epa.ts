/**
 * Manual 003 as a person does it in Chromium: the program `pforte-epa` on a data folder of its own,
 * its local users, the ePA login whose QR code the AOK Ident app on a phone reads from the screen,
 * the Bestätigungscode from the mailbox. Fields are found by their labels, buttons by their names.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { startEpaDesktop } from '../../../src/apps/epa-desktop/cli.ts';
import type { Desktop } from '../../../src/apps/epa-desktop/server.tsx';
import { captureScreen } from '../../support/screenshots.ts';
import { CODE } from '../../modules/ident-devices/support.ts';
import { openMailInMailbox } from './mailbox.ts';
import { heading } from './page.ts';

export interface LocalUser {
  name: string;
  kennwort: string;
}

/** With PFORTE_SCREENSHOTS=1, the screen saved as docs/screenshots/<name>.png for the README. */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.PFORTE_SCREENSHOTS === '1') await captureScreen(page, [`docs/screenshots/${name}.png`]);
}

/** `pforte-epa --data <fresh folder> --server <server> --no-open`, in this process; close it after the tests. */
export async function startProgram(server: string, prefix = 'pforte-epa-e2e-'): Promise<Desktop> {
  const started = await startEpaDesktop(['--data', join(mkdtempSync(join(tmpdir(), prefix)), 'daten'), '--server', server, '--no-open'], {
    out: () => undefined,
    err: (line) => console.error(line),
    sleep: async () => undefined,
  });
  assert.ok(typeof started !== 'number', `pforte-epa did not start (${String(started)})`);
  return started;
}

/** §1–§2: "Neuen lokalen Benutzer anlegen" on "Anmelden", Benutzername, Kennwort twice, the Nutzungsbedingungen; ends on the Übersicht. */
export async function createLocalUser(page: Page, user: LocalUser): Promise<void> {
  await page.getByRole('link', { name: 'Neuen lokalen Benutzer anlegen' }).click();
  await heading(page, 'Neuen lokalen Benutzer anlegen');
  await page.getByLabel('Benutzername').fill(user.name);
  await page.getByLabel('Kennwort', { exact: true }).fill(user.kennwort);
  await page.getByLabel('Kennwort wiederholen').fill(user.kennwort);
  await page.getByLabel('Nutzungsbedingungen zur Kenntnis genommen').check();
  await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await heading(page, 'Übersicht');
}

/** "Anmelden" with Benutzername and Kennwort (the page stays where the program sends it). */
export async function localLogin(page: Page, user: LocalUser): Promise<void> {
  await page.getByLabel('Benutzername').fill(user.name);
  await page.getByLabel('Kennwort').fill(user.kennwort);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** §4, the first time: "AOK-Kasse" and "Versichertennummer" on the ePA tile's page, then "Weiter zur „AOK Ident“-App". */
export async function kasseAndKvnr(page: Page, kasse: string, kvnr: string): Promise<void> {
  await page.getByLabel('AOK-Kasse').selectOption({ label: kasse });
  await page.getByLabel('Versichertennummer').fill(kvnr);
  await page.getByRole('button', { name: 'Weiter zur „AOK Ident“-App' }).click();
}

/** The QR code in a screenshot, as a camera would read it (jsQR, the app's decoder). */
export async function readQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsqr.default(new Uint8ClampedArray(data), info.width, info.height);
  assert.ok(found, 'the QR code on the screenshot reads');
  return found.data;
}

/** The AOK Ident app opened on the phone and activated with the letter's KVNR and Aktivierungscode and a GesundheitsID-Code. */
export async function activateIdentApp(phone: Page, baseUrl: string, letter: { kvnr: string; code: string }, gesundheitsIdCode = CODE): Promise<void> {
  await phone.goto(`${baseUrl}/ident/app/`);
  await phone.getByLabel('Versichertennummer (KVNR)').fill(letter.kvnr);
  await phone.getByLabel('Aktivierungscode').fill(letter.code);
  await phone.getByRole('button', { name: 'Weiter' }).click();
  const choose = phone.getByRole('region', { name: 'GesundheitsID-Code festlegen' });
  await choose.getByLabel('GesundheitsID-Code', { exact: true }).fill(gesundheitsIdCode);
  await choose.getByLabel('GesundheitsID-Code wiederholen').fill(gesundheitsIdCode);
  await choose.getByRole('button', { name: 'Aktivieren' }).click();
  await heading(phone, 'Ihre AOK Ident-App ist aktiviert');
}

/** The number the login page asks to pick in the app. */
export async function numberOnPage(page: Page): Promise<string> {
  return (await page.locator('.ident-qr__number strong').textContent())!.trim();
}

/**
 * §4.1: the phone scans the QR code on the desktop's screen (read from its screenshot), opens its
 * address, picks the page's number, enters the GesundheitsID-Code and "Anmelden"; ends on "Anmeldung
 * bestätigt" on the phone. `onPhone` sees the phone's request before it is answered.
 */
export async function approveQrOnPhone(desktop: Page, phone: Page, options: { code?: string; onPhone?: (phone: Page) => Promise<void> } = {}): Promise<void> {
  await heading(desktop, '„AOK Ident“-App Anmeldung');
  const number = await numberOnPage(desktop);
  const link = await readQr(await desktop.screenshot());
  await phone.goto(link);
  await heading(phone, 'Anmeldung bestätigen');
  const request = phone.getByRole('region', { name: 'Anmeldung bestätigen' });
  await request.getByRole('radio', { name: number, exact: true }).check();
  await request.getByLabel('GesundheitsID-Code').fill(options.code ?? CODE);
  await options.onPhone?.(phone);
  await request.getByRole('button', { name: 'Anmelden' }).click();
  await heading(phone, 'Anmeldung bestätigt');
}

/** §4.2: the page follows the app by itself; "Öffne AOK Mein Leben.app" leads back to the program. */
export async function backToProgram(desktop: Page): Promise<void> {
  await desktop.getByRole('link', { name: 'Öffne AOK Mein Leben.app' }).click();
}

/** The ePA login of a later time (§4.3): the tile, the QR code approved on the phone, back to the program. */
export async function epaLoginWithApp(desktop: Page, phone: Page): Promise<void> {
  await desktop.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
  await approveQrOnPhone(desktop, phone);
  await backToProgram(desktop);
}

/** §4.2 "Bitte geben Sie den Bestätigungscode aus Ihrer E-Mail an": the mail opened in the mailbox, its code read. */
export async function bestaetigungscodeFromMailbox(mailbox: Page, baseUrl: string, email: string, onMail?: (page: Page) => Promise<void>): Promise<string> {
  const { mail } = await openMailInMailbox(mailbox, baseUrl, email, 'Bestätigungscode');
  const text = await mail.locator('body').innerText();
  const code = /Ihr Bestätigungscode lautet: (\d{6})/.exec(text)?.[1];
  assert.ok(code, `a six-digit code in the mail: ${text}`);
  await onMail?.(mailbox);
  return code;
}

/** The Protokoll's rows on the page, without the time: [Wer, Aktion, Dokument, Gerät, Ergebnis], newest first. */
export async function protocolOnPage(page: Page): Promise<string[][]> {
  const rows = page.locator('table.protocol-table tbody tr');
  const out: string[][] = [];
  for (const row of await rows.all()) out.push((await row.locator('td').allInnerTexts()).slice(1).map((cell) => cell.trim()));
  return out;
}

/** The titles of the Dokumente table, top to bottom. */
export async function shownTitles(page: Page): Promise<string[]> {
  return (await page.locator('table.docs-table tbody tr td:nth-child(3)').allTextContents()).map((s) => s.trim());
}
