import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Desktop } from '../../src/apps/epa-desktop/server.tsx';
import { journeyDatabase } from '../support/databases.ts';
import { browsers, chromiumSkipReason, type Browsers } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { heading } from './steps/page.ts';
import { createLocalUser, localLogin as signIn, shot, startProgram } from './steps/epa.ts';
import { CODE } from '../modules/ident-devices/support.ts';
import { pforteIdent, qrLinkOnPage, terminalPerson } from '../modules/ident-login/support.ts';
import { clockAtRealTime, codeFromMail, lastMailId } from '../modules/epa-access/support.ts';

/**
 * Manual 003 §4–§4.3 in Chromium against `pforte-epa --no-open` and a running server: a new local user,
 * the tile, "AOK-Kasse" and "Versichertennummer", the QR page (its code read from the page and approved
 * with `pforte-ident approve` on the person's terminal; the page follows by itself), "Öffne AOK Mein
 * Leben.app", the Bestätigungscode from the mailbox, "Erneut einloggen", the local login and the Ident
 * app again, the ePA start screen "Dokumente" with the KVNR, "Abmelden".
 * With PFORTE_SCREENSHOTS=1 the screens are saved to docs/screenshots/96-…99-*.png.
 */

const skip = chromiumSkipReason();
const ERIKA = { name: 'Erika Mustermann', kennwort: 'Lindenblüte am Fluss 7' };
const EMAIL = 'erika@example.org';

for (const kind of journeyDatabase('postgres')) {
  describe(`pforte-epa: the ePA login in the browser (manual 003 §4) (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    clockAtRealTime(t);
    let desktop: Desktop;
    let profiles: Browsers;
    let page: Page;
    let person: Awaited<ReturnType<typeof terminalPerson>>;
    let mailBefore: string | undefined;

    before(async () => {
      desktop = await startProgram(t.baseUrl, 'pforte-epa-login-e2e-');
      profiles = browsers(browser());
      page = await profiles.page();
    });
    after(async () => {
      await profiles?.close();
      await desktop?.close();
    });

    /** The QR page's code read and approved with `pforte-ident approve`; the page shows the way back by itself. */
    async function approveQr() {
      await heading(page, '„AOK Ident“-App Anmeldung');
      const number = (await page.locator('.ident-qr__number strong').textContent())!.trim();
      const link = await qrLinkOnPage(await page.content());
      const approved = await pforteIdent(['approve', '--url', link, '--number', number, '--pin-stdin', '--data', person.data], `${CODE}\n`);
      assert.equal(approved.code, 0, approved.err);
      await page.getByRole('link', { name: 'Öffne AOK Mein Leben.app' }).click();
    }

    async function localLogin() {
      await signIn(page, ERIKA);
      await heading(page, 'Übersicht');
    }

    test('a new local user opens the tile: AOK-Kasse and Versichertennummer, with the Voraussetzung', async () => {
      person = await terminalPerson(t);
      await page.goto(desktop.launchUrl());
      await createLocalUser(page, ERIKA);
      await page.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
      await heading(page, 'Elektronische Patientenakte (ePA)');
      await page.getByText('Bevor Sie sich mit Ihrer „AOK Ident“-App beim Desktop-Client anmelden können, müssen Sie bereits für die ePA registriert sein.').waitFor();
      await page.getByLabel('AOK-Kasse').selectOption({ label: 'AOK Baden-Württemberg' });
      await page.getByLabel('Versichertennummer').fill(`${person.kvnr.slice(0, 9)}${(Number(person.kvnr[9]) + 1) % 10}`);
      await page.getByRole('button', { name: 'Weiter zur „AOK Ident“-App' }).click();
      await page.getByText('Die Prüfziffer der Krankenversichertennummer stimmt nicht. Bitte prüfen Sie Ihre Eingabe.').first().waitFor();
      await page.getByLabel('Versichertennummer').fill(person.kvnr);
      await shot(page, '96-epa-kasse-versichertennummer');
    });

    test('"Weiter" opens the QR code of §4.1; approved in the Ident app, "Öffne AOK Mein Leben.app" leads to "Endgerät freischalten"', async () => {
      mailBefore = await lastMailId(t, EMAIL);
      await page.getByRole('button', { name: 'Weiter zur „AOK Ident“-App' }).click();
      await heading(page, '„AOK Ident“-App Anmeldung');
      await page.getByText('Bitte scannen Sie den QR-Code ein, um in Ihre „AOK Ident“-App zu gelangen.').waitFor();
      await shot(page, '97-epa-qr-anmeldung');
      await approveQr();
      await heading(page, 'Endgerät freischalten');
      assert.match(page.url(), /^http:\/\/127\.0\.0\.1:\d+\/epa\/freischalten$/);
      await page.getByText('Bitte geben Sie den Bestätigungscode aus Ihrer E-Mail an.').waitFor();
    });

    test('the Bestätigungscode from the e-mail: a wrong one at the field, the right one unlocks the device, then "Erneut einloggen"', async () => {
      const { code } = await codeFromMail(t, EMAIL, mailBefore);
      await page.getByLabel('Bestätigungscode').fill(code === '000000' ? '000001' : '000000');
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      await page.getByText('Der Bestätigungscode ist nicht korrekt. Sie haben noch 4 Versuche.').first().waitFor();
      await shot(page, '98-epa-endgeraet-freischalten');
      await page.getByLabel('Bestätigungscode').fill(code);
      await page.getByRole('button', { name: 'Bestätigen' }).click();
      await heading(page, 'Anmelden');
      await page.getByText(/^Erneut einloggen: Ihr Gerät wurde für Ihre elektronische Patientenakte \(ePA\) freigeschaltet\./).waitFor();
      await shot(page, '99-epa-erneut-einloggen');
    });

    test('the local login and the Ident app again lead to the ePA start screen with the KVNR; "Abmelden" ends both', async () => {
      await localLogin();
      await page.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
      await approveQr();
      await heading(page, 'Dokumente');
      await page.getByText(`Angemeldet in der ePA mit der Versichertennummer ${person.kvnr}`).waitFor();
      await shot(page, '99-epa-dokumente');
      await page.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
      await heading(page, 'Anmelden');
      await page.getByText('Sie wurden abgemeldet.').waitFor();
      await page.goto(new URL('/epa', desktop.url).href);
      await heading(page, 'Anmelden');
    });
  });
}
