import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { browsers, chromiumSkipReason, launchChromium, type Browsers } from './steps/browser.ts';
import { definition, heading } from './steps/page.ts';
import { createLocalUser as createUser, localLogin as login, shot } from './steps/epa.ts';
import { stopServerProcess } from '../support/server-process.ts';

/**
 * Manual 003 §1–§3 in Chromium against the program as `npx pforte-epa --no-open` starts it, on a
 * fresh data folder: a new local user, Abmelden, Anmelden, the Übersicht, Profil and an article of
 * Gesundheitswissen; a second local user on the same computer who sees nothing of the first.
 * With PFORTE_SCREENSHOTS=1 the screens are saved to docs/screenshots/90-…95-*.png.
 */

const skip = chromiumSkipReason();
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const ANNA = { name: 'Anna Becker', kennwort: 'Lindenblüte am Fluss 7' };
const BERTA = { name: 'Berta', kennwort: 'Ein ganz anderes Kennwort' };

const PRINTED = /Bitte öffnen Sie diese Adresse in Ihrem Browser: ((http:\/\/127\.0\.0\.1:\d+\/)start\?launch=[\w-]+)/g;

interface Program {
  child: ChildProcess;
  /** the bare address */
  url: string;
  /** the address it printed to open (valid once) */
  launch: string;
  /** Enter in its window: the fresh address it prints for another browser */
  nextAddress(): Promise<string>;
}

/** `pforte-epa` as a user starts it; resolves once it printed the address to open. */
function startProgram(dataDir: string): Promise<Program> {
  const child = spawn(process.execPath, ['bin/pforte-epa.js', '--data', dataDir, '--no-open'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const printed = () => [...out.matchAll(PRINTED)];
  const waitForAddress = (count: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address: ${out}`)), 30_000);
      const look = () => {
        const all = printed();
        if (all.length < count) return;
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(all[count - 1]!);
      };
      child.stdout!.on('data', look);
      look();
    });
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return Promise.race([
    waitForAddress(1).then(
      (first): Program => ({
        child,
        url: first[2]!,
        launch: first[1]!,
        nextAddress: async () => {
          const count = printed().length + 1;
          child.stdin!.write('\n');
          return (await waitForAddress(count))[1]!;
        },
      }),
    ),
    new Promise<never>((_, reject) => child.on('exit', () => reject(new Error(`exited: ${out}`)))),
  ]);
}

describe('pforte-epa in the browser (manual 003 §1–§3)', { skip }, () => {
  let program: Program;
  let browser: Browser;
  let profiles: Browsers;
  let page: Page;

  before(async () => {
    program = await startProgram(join(mkdtempSync(join(tmpdir(), 'pforte-epa-e2e-')), 'daten'));
    browser = await launchChromium();
    profiles = browsers(browser);
    page = await profiles.page();
  });
  after(async () => {
    await profiles?.close();
    await browser?.close();
    if (program) await stopServerProcess(program.child);
  });

  test('the start screen is "Anmelden" with the manual\'s words, the hint and the four links', async () => {
    await page.goto(program.launch);
    assert.equal(page.url(), program.url, 'the secret is gone from the address bar');
    await heading(page, 'Anmelden');
    await page.getByText('Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an.').waitFor();
    await page.getByText(/^Hinweis: Bitte schützen Sie Ihren PC immer mit einer Bildschirmsperre und einem sicheren PIN\/Code bzw\. Passwort\. Auf den Informationsseiten des BSI/).waitFor();
    for (const link of ['Noch keine ePA vorhanden?', 'Nutzungshinweise', 'Datenschutzerklärung', 'Impressum']) await page.getByRole('link', { name: link }).waitFor();
    await shot(page, '90-epa-anmelden');
  });

  test('a new local user: the Kennwort rules and the Nutzungsbedingungen are checked at the fields', async () => {
    await page.getByRole('link', { name: 'Neuen lokalen Benutzer anlegen' }).click();
    await page.getByLabel('Benutzername').fill(ANNA.name);
    await page.getByLabel('Kennwort', { exact: true }).fill('kurz');
    await page.getByLabel('Kennwort wiederholen').fill('kurz');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await page.getByText('Das Kennwort muss mindestens 12 Zeichen lang sein.').first().waitFor();
    await page.getByText('Bitte bestätigen Sie, dass Sie die Nutzungsbedingungen zur Kenntnis genommen haben.').first().waitFor();
    assert.equal(await page.getByLabel('Benutzername').inputValue(), ANNA.name);
    await shot(page, '91-epa-benutzer-anlegen-fehler');
    await page.getByRole('link', { name: 'Abbrechen' }).click();
    await createUser(page, ANNA);
    await page.getByText('Ihr lokaler Benutzer wurde angelegt. Sie sind angemeldet.').waitFor();
    for (const tile of ['Elektronische Patientenakte (ePA)', 'Vertretung für Angehörige', 'Gesundheitswissen']) await page.getByRole('link', { name: tile }).waitFor();
    for (const link of ['Nutzungsbedingungen', 'Datenschutzerklärung', 'Impressum']) await page.getByRole('contentinfo').getByRole('link', { name: link, exact: true }).waitFor();
    await shot(page, '92-epa-uebersicht');
  });

  test('Abmelden, then Anmelden with the name and Kennwort', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await heading(page, 'Anmelden');
    await page.getByText('Sie wurden abgemeldet.').waitFor();
    await login(page, { name: ANNA.name, kennwort: 'Lindenblüte am Fluss 8' });
    await page.getByText('Benutzername oder Kennwort ist nicht korrekt.').waitFor();
    await login(page, ANNA);
    await heading(page, 'Übersicht');
    await page.getByText(`Willkommen, ${ANNA.name}.`).waitFor();
  });

  test('Profil shows the software version and the legal information; Zurück leads to the Übersicht', async () => {
    await page.getByRole('link', { name: 'Profil' }).click();
    await heading(page, 'Profil');
    assert.equal((await definition(page, 'Softwareversion').innerText()).trim(), VERSION);
    assert.equal((await definition(page, 'Benutzername').innerText()).trim(), ANNA.name);
    await page.getByRole('main').getByRole('link', { name: 'Datenschutzerklärung' }).waitFor();
    await shot(page, '93-epa-profil');
    await page.getByRole('link', { name: 'Zurück' }).click();
    await heading(page, 'Übersicht');
  });

  test('Gesundheitswissen: an article shipped with the client', async () => {
    await page.getByRole('link', { name: /Gesundheitswissen/ }).click();
    await heading(page, 'Gesundheitswissen');
    await page.getByRole('link', { name: 'Widerspruch: So entscheiden Sie selbst' }).click();
    await heading(page, 'Widerspruch: So entscheiden Sie selbst');
    await page.getByRole('heading', { name: 'Gegen einzelne Funktionen' }).waitFor();
    await shot(page, '94-epa-artikel');
  });

  test('the ePA tile asks, the first time, for the AOK-Kasse and the Versichertennummer', async () => {
    await page.goto(`${program.url}uebersicht`);
    await page.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
    await heading(page, 'Elektronische Patientenakte (ePA)');
    await page.getByLabel('AOK-Kasse').waitFor();
    await page.getByLabel('Versichertennummer').waitFor();
  });

  test('a second local user on the same computer sees nothing of the first', async () => {
    const other = await profiles.page();
    await other.goto(program.url);
    await other.getByText('Bitte öffnen Sie den ePA-Client über das Programm „pforte-epa“.').waitFor();
    await other.goto(await program.nextAddress());
    await createUser(other, BERTA);
    await other.getByText(`Willkommen, ${BERTA.name}.`).waitFor();
    assert.equal(await other.getByText(ANNA.name).count(), 0);
    await other.getByRole('link', { name: 'Profil' }).click();
    assert.equal((await definition(other, 'Benutzername').innerText()).trim(), BERTA.name);
    await other.getByRole('button', { name: 'Abmelden' }).click();
    await login(other, { name: ANNA.name, kennwort: BERTA.kennwort });
    await other.getByText('Benutzername oder Kennwort ist nicht korrekt.').waitFor();
    await shot(other, '95-epa-anmelden-fehler');
    // the first user's window is still hers
    await page.goto(`${program.url}profil`);
    assert.equal((await definition(page, 'Benutzername').innerText()).trim(), ANNA.name);
  });
});
