/**
 * Manual 003 as one journey in Chromium, on one database: Erika, registered for the ePA by her AOK,
 * activates the AOK Ident app on her phone with the letter's code; `pforte-epa --no-open` on a fresh
 * data folder; §1 "Neuen lokalen Benutzer anlegen", §2 Benutzername, Kennwort, Nutzungsbedingungen,
 * §3 Übersicht, Profil, Zurück, §4 the tile, AOK-Kasse and Versichertennummer, §4.1 the QR code read
 * from the desktop's screenshot by the phone, the number matched, the GesundheitsID-Code, §4.2 "Öffne
 * AOK Mein Leben.app" and the Bestätigungscode from the mailbox, §4.3 "Erneut einloggen", §4.4
 * Dokumente (search, sort, filter, upload, "Als PDF speichern" read with pdftotext, Abmelden). Then
 * her father Karl, on the same computer as a second local user, names her as his Vertretung; she
 * confirms, acts for him ("Sie handeln für …"), he ends it, and both Protokolle show what happened.
 * With PFORTE_SCREENSHOTS=1 the screens the README's step list adds are saved to docs/screenshots/1xx-epa-*.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Desktop } from '../../src/apps/epa-desktop/server.tsx';
import { journeyDatabase } from '../support/databases.ts';
import { pdfTextWith } from '../support/pdf.ts';
import { clockAtRealTime } from '../modules/epa-access/support.ts';
import { registered } from '../modules/ident-devices/support.ts';
import { letter } from '../modules/epa-records/api-support.ts';
import { manualDocuments } from '../apps/epa-desktop/documents-support.ts';
import { browsers, chromiumSkipReason, type Browsers } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { definition, downloadedFile, heading } from './steps/page.ts';
import {
  activateIdentApp,
  approveQrOnPhone,
  backToProgram,
  bestaetigungscodeFromMailbox,
  createLocalUser,
  epaLoginWithApp,
  kasseAndKvnr,
  localLogin,
  protocolOnPage,
  shot,
  shownTitles,
  startProgram,
  type LocalUser,
} from './steps/epa.ts';

const skip = chromiumSkipReason();
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const ERIKA: LocalUser = { name: 'Erika', kennwort: 'Lindenblüte am Fluss 7' };
const KARL: LocalUser = { name: 'Karl', kennwort: 'Apfelbaum im Garten 12' };
const KARL_PERSON = { firstName: 'Karl', lastName: 'Mustermann', email: 'karl@example.org' };
const KASSE = 'AOK Baden-Württemberg';
const DENIED = 'Vertretung: Zugriff abgewiesen (nicht bestätigt, widerrufen oder nicht berechtigt)';

describe('manual 003 in Chromium: the ePA Desktop Client from the first local user to the Protokoll', { skip, timeout: 180_000 }, () => {
  const { t, browser } = systemAndChromium(journeyDatabase('pglite')[0]!);
  clockAtRealTime(t);
  let program: Desktop;
  let profiles: Browsers;
  /** Erika's window of the program, her phone, a window for the mailbox */
  let desk: Page;
  let phone: Page;
  let mailbox: Page;
  /** Karl's window of the same program on the same computer, his phone */
  let karlDesk: Page;
  let karlPhone: Page;
  let erika: Awaited<ReturnType<typeof registered>>;
  let karl: Awaited<ReturnType<typeof registered>>;

  before(async () => {
    profiles = browsers(browser());
    [program, desk, phone, mailbox, karlDesk, karlPhone] = await Promise.all([
      startProgram(t.baseUrl, 'pforte-epa-manual-003-'),
      profiles.page(),
      profiles.page({ device: 'phone' }),
      profiles.page(),
      profiles.page(),
      profiles.page({ device: 'phone' }),
    ]);
  });
  after(async () => {
    await profiles?.close();
    await program?.close();
  });

  test('Erika is registered for the ePA; with the letter\'s code she activates the „AOK Ident“-App on her phone', async () => {
    erika = await registered(t);
    await manualDocuments(t, erika.id);
    await activateIdentApp(phone, t.baseUrl, erika);
  });

  test('§1: the program opens on "Anmelden" with the hint and the links; "Neuen lokalen Benutzer anlegen"', async () => {
    await desk.goto(program.launchUrl());
    await heading(desk, 'Anmelden');
    await desk.getByText('Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an.').waitFor();
    await desk.getByText(/^Hinweis: Bitte schützen Sie Ihren PC immer mit einer Bildschirmsperre/).waitFor();
    for (const link of ['Noch keine ePA vorhanden?', 'Nutzungshinweise', 'Datenschutzerklärung', 'Impressum']) await desk.getByRole('link', { name: link }).waitFor();
  });

  test('§2: Benutzername and Kennwort, the Nutzungsbedingungen taken note of; the Übersicht follows', async () => {
    await createLocalUser(desk, ERIKA);
    for (const tile of ['Elektronische Patientenakte (ePA)', 'Vertretung für Angehörige', 'Gesundheitswissen']) await desk.getByRole('link', { name: tile }).waitFor();
  });

  test('§3: Profil shows the legal information and the software version; Zurück leads to the Übersicht', async () => {
    await desk.getByRole('link', { name: 'Profil' }).click();
    await heading(desk, 'Profil');
    assert.equal((await definition(desk, 'Softwareversion').innerText()).trim(), VERSION);
    await desk.getByRole('main').getByRole('link', { name: 'Impressum' }).waitFor();
    await desk.getByRole('link', { name: 'Zurück' }).click();
    await heading(desk, 'Übersicht');
  });

  test('§4: the ePA tile asks the first time for the AOK-Kasse and the Versichertennummer', async () => {
    await desk.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
    await heading(desk, 'Elektronische Patientenakte (ePA)');
    await desk.getByText(/müssen Sie bereits für die ePA registriert sein/).waitFor();
    await kasseAndKvnr(desk, KASSE, erika.kvnr);
    await heading(desk, '„AOK Ident“-App Anmeldung');
    await desk.getByText('Bitte scannen Sie den QR-Code ein, um in Ihre „AOK Ident“-App zu gelangen.').waitFor();
  });

  test('§4.1: the phone scans the QR code from the screen, the number is matched, the GesundheitsID-Code entered, "Anmelden"', async () => {
    await approveQrOnPhone(desk, phone, { onPhone: (p) => shot(p, '100-epa-app-anmeldung-bestaetigen') });
  });

  test('§4.2: "Öffne AOK Mein Leben.app" leads back; the Bestätigungscode from the e-mail unlocks the device', async () => {
    await desk.getByRole('link', { name: 'Öffne AOK Mein Leben.app' }).waitFor();
    await shot(desk, '101-epa-oeffne-app');
    await backToProgram(desk);
    await heading(desk, 'Endgerät freischalten');
    await desk.getByText('Bitte geben Sie den Bestätigungscode aus Ihrer E-Mail an.').waitFor();
    const code = await bestaetigungscodeFromMailbox(mailbox, t.baseUrl, 'erika@example.org', (p) => shot(p, '102-epa-mail-bestaetigungscode'));
    await desk.getByLabel('Bestätigungscode').fill(code);
    await desk.getByRole('button', { name: 'Bestätigen' }).click();
  });

  test('§4.3: "Erneut einloggen": the local login and the „AOK Ident“-App again lead to the record', async () => {
    await heading(desk, 'Anmelden');
    await desk.getByText(/^Erneut einloggen: Ihr Gerät wurde für Ihre elektronische Patientenakte \(ePA\) freigeschaltet\./).waitFor();
    await localLogin(desk, ERIKA);
    await heading(desk, 'Übersicht');
    await epaLoginWithApp(desk, phone);
    await heading(desk, 'Dokumente');
    await desk.getByText(`Angemeldet in der ePA mit der Versichertennummer ${erika.kvnr}`).waitFor();
  });

  test('§4.4: "Dokumente", newest first; "Suche nach Titel oder Autor" finds the X-ray', async () => {
    assert.deepEqual(await shownTitles(desk), ['image001', 'röntgenaufnahme', 'Demo PDF', 'Befund Kardiologie', 'Arztbrief Entlassung']);
    await desk.getByRole('searchbox', { name: 'Suche nach Titel oder Autor' }).fill('röntgen');
    await desk.getByRole('button', { name: 'Suchen' }).click();
    await desk.getByText('1 Dokument gefunden').waitFor();
    assert.deepEqual(await shownTitles(desk), ['röntgenaufnahme']);
    await desk.getByRole('searchbox', { name: 'Suche nach Titel oder Autor' }).fill('');
    await desk.getByRole('button', { name: 'Suchen' }).click();
    await desk.getByText('5 Dokumente', { exact: true }).waitFor();
  });

  test('§4.4: the head "Titel" sorts A to Z; "Filtern" by Typ Bilddaten keeps the sort', async () => {
    await desk.getByRole('columnheader', { name: 'Titel' }).getByRole('link').click();
    await desk.locator('th[aria-sort="ascending"]', { hasText: 'Titel ▲' }).waitFor();
    assert.deepEqual(await shownTitles(desk), ['Arztbrief Entlassung', 'Befund Kardiologie', 'Demo PDF', 'image001', 'röntgenaufnahme']);
    await desk.getByText('Filtern', { exact: true }).click();
    await desk.getByLabel('Typ').selectOption({ label: 'Bilddaten' });
    await desk.getByRole('button', { name: 'Filter anwenden' }).click();
    await desk.getByText('2 Dokumente gefunden').waitFor();
    assert.deepEqual(await shownTitles(desk), ['image001', 'röntgenaufnahme']);
    await desk.getByRole('link', { name: 'Filter zurücksetzen' }).click();
    await desk.getByText('5 Dokumente', { exact: true }).waitFor();
  });

  test('§4.4: "Dokument hinzufügen" sends a PDF with its progress; it is "von mir" at the top', async () => {
    await desk.getByRole('link', { name: 'Dokument hinzufügen' }).click();
    await heading(desk, 'Dokument hinzufügen');
    await desk.getByLabel('Typ').selectOption({ label: 'Laborergebnisse' });
    await desk.getByLabel('Titel').fill('Blutbild April');
    await desk.getByLabel('Datei').setInputFiles({ name: 'blutbild.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await letter('Blutbild Leukozyten')) });
    await desk.getByRole('button', { name: 'Hinzufügen' }).click();
    await desk.getByText('Das Dokument wurde hinzugefügt.').waitFor();
    await heading(desk, 'Dokumente');
    assert.equal((await shownTitles(desk))[0], 'Blutbild April');
    await desk.getByRole('row', { name: /Blutbild April/ }).getByText('von mir').waitFor();
  });

  test('§4.4: two documents checked, "Als PDF speichern": one PDF with the cover and both (pdftotext)', async (c) => {
    await desk.getByRole('checkbox', { name: 'Blutbild April auswählen' }).check();
    await desk.getByRole('checkbox', { name: 'Demo PDF auswählen' }).check();
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: 'Als PDF speichern' }).click()]);
    assert.match(download.suggestedFilename(), /^ePA-Dokumente-\d{4}-\d{2}-\d{2}\.pdf$/);
    pdfTextWith(c, await downloadedFile(download), ['Dokumente aus Ihrer elektronischen Patientenakte', 'Blutbild April', 'Demo PDF', 'Blutbild Leukozyten - Seite 1', 'Inhalt Demo PDF - Seite 1']);
  });

  test('§4.4: "Abmelden" ends the ePA login and the local session', async () => {
    await desk.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
    await heading(desk, 'Anmelden');
    await desk.getByText('Sie wurden abgemeldet.').waitFor();
  });

  test('Karl, on the same computer, logs in to his ePA as a second local user and names Erika as his Vertretung', async () => {
    karl = await registered(t, 'bw', KARL_PERSON);
    await t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, karl.id, { title: 'Befund Kardiologie', classCode: 'BEF', fileName: 'befund.pdf', bytes: await letter('Befund Karl'), institution: 'Praxis Dr. Weber' });
    await activateIdentApp(karlPhone, t.baseUrl, karl);
    await karlDesk.goto(program.launchUrl());
    await createLocalUser(karlDesk, KARL);
    await karlDesk.getByRole('link', { name: /Elektronische Patientenakte \(ePA\)/ }).click();
    await kasseAndKvnr(karlDesk, KASSE, karl.kvnr);
    await approveQrOnPhone(karlDesk, karlPhone);
    await backToProgram(karlDesk);
    await karlDesk.getByLabel('Bestätigungscode').fill(await bestaetigungscodeFromMailbox(mailbox, t.baseUrl, KARL_PERSON.email));
    await karlDesk.getByRole('button', { name: 'Bestätigen' }).click();
    await heading(karlDesk, 'Anmelden');
    await localLogin(karlDesk, KARL);
    await karlDesk.getByRole('link', { name: 'Vertretung für Angehörige' }).click();
    await karlDesk.getByRole('link', { name: 'Bei der ePA anmelden' }).click();
    await approveQrOnPhone(karlDesk, karlPhone);
    await backToProgram(karlDesk);
    await heading(karlDesk, 'Dokumente');
    await karlDesk.getByRole('navigation', { name: 'Ihre ePA' }).getByRole('link', { name: 'Vertretung für Angehörige' }).click();
    await heading(karlDesk, 'Vertretung für Angehörige');
    await karlDesk.getByLabel('Versichertennummer').fill(erika.kvnr);
    await karlDesk.getByLabel('E-Mail-Adresse').fill('erika@example.org');
    await karlDesk.getByRole('button', { name: 'Vertretung benennen' }).click();
    await karlDesk.getByText(/^Falls die Person mit dieser Versichertennummer und E-Mail-Adresse für die ePA registriert ist/).waitFor();
    await karlDesk.getByRole('cell', { name: 'eingeladen' }).waitFor();
    await shot(karlDesk, '103-epa-vertretung-benennen');
  });

  test('Erika logs in again (local user, then the app), confirms the Vertretung and acts for Karl: "Sie handeln für Karl Mustermann"', async () => {
    await localLogin(desk, ERIKA);
    await heading(desk, 'Übersicht');
    await epaLoginWithApp(desk, phone);
    await heading(desk, 'Dokumente');
    await desk.getByRole('navigation', { name: 'Ihre ePA' }).getByRole('link', { name: 'Vertretung für Angehörige' }).click();
    const invitation = desk.getByRole('listitem').filter({ hasText: 'Karl Mustermann' });
    await invitation.getByText('eingeladen', { exact: true }).waitFor();
    await shot(desk, '104-epa-vertretung-bestaetigen');
    await invitation.getByRole('button', { name: 'Bestätigen' }).click();
    await desk.getByText(/^Sie haben die Vertretung bestätigt\./).waitFor();
    await desk.getByRole('button', { name: 'Für Karl Mustermann handeln' }).click();
    await heading(desk, 'Dokumente');
    await desk.getByRole('region', { name: 'Vertretung' }).getByText('Sie handeln für Karl Mustermann').waitFor();
    assert.deepEqual(await shownTitles(desk), ['Befund Kardiologie']);
    await shot(desk, '105-epa-sie-handeln-fuer');
  });

  test('acting for Karl, Erika opens his Befund; "Zurück zu meiner Akte" brings her own documents back', async () => {
    // the PDF opens in the browser's own viewer
    const [opened] = await Promise.all([desk.waitForResponse(/\/epa\/dokumente\/[0-9a-f-]{36}$/), desk.getByRole('link', { name: 'Befund Kardiologie', exact: true }).click()]);
    assert.equal(opened.headers()['content-type'], 'application/pdf');
    await desk.goBack();
    await desk.getByRole('button', { name: 'Zurück zu meiner Akte' }).click();
    await heading(desk, 'Dokumente');
    assert.equal(await desk.getByRole('region', { name: 'Vertretung' }).count(), 0);
    assert.equal((await shownTitles(desk))[0], 'Blutbild April');
  });

  test('Karl ends the Vertretung after the warning; Erika can no longer act for him', async () => {
    await desk.getByRole('navigation', { name: 'Ihre ePA' }).getByRole('link', { name: 'Vertretung für Angehörige' }).click();
    await desk.getByRole('button', { name: 'Für Karl Mustermann handeln' }).click();
    await desk.getByText('Sie handeln für Karl Mustermann').waitFor();

    await karlDesk.reload();
    const row = karlDesk.getByRole('row', { name: /Erika Mustermann/ });
    await row.getByText('bestätigt', { exact: true }).waitFor();
    await row.getByRole('link', { name: /Vertretung beenden/ }).click();
    await heading(karlDesk, 'Vertretung beenden');
    await karlDesk.getByText(/Möchten Sie die Vertretung durch Erika Mustermann beenden\?/).waitFor();
    await shot(karlDesk, '106-epa-vertretung-beenden');
    await karlDesk.getByRole('button', { name: 'Vertretung beenden' }).click();
    await karlDesk.getByText('Die Vertretung wurde beendet.').waitFor();
    await karlDesk.getByText('Sie haben noch niemanden als Vertretung benannt.').waitFor();

    await desk.reload();
    await desk.getByText('Sie können nicht (mehr) für diese Person handeln: Die Vertretung ist nicht bestätigt, wurde beendet oder gilt nicht für Sie.').waitFor();
    // back on her own record at once, not Karl's (his list is his one Befund): no banner, her own documents
    assert.equal(await desk.getByRole('button', { name: 'Zurück zu meiner Akte' }).count(), 0);
    await heading(desk, 'Dokumente');
    assert.equal((await shownTitles(desk))[0], 'Blutbild April');
  });

  test('Karl\'s Protokoll names his logins, Erika\'s actions for him and the end of the Vertretung', async () => {
    await karlDesk.getByRole('navigation', { name: 'Ihre ePA' }).getByRole('link', { name: 'Protokoll' }).click();
    await heading(karlDesk, 'Protokoll');
    const rows = await protocolOnPage(karlDesk);
    const has = (who: string, action: string, document = '–') => rows.some((r) => r[0] === who && r[1] === action && r[2] === document);
    assert.ok(has('Sie', 'Anmeldung an der ePA'), JSON.stringify(rows));
    assert.ok(has('Sie', 'Vertretung eingerichtet'), JSON.stringify(rows));
    assert.ok(has('Erika Mustermann für Sie', 'Vertretung bestätigt'), JSON.stringify(rows));
    assert.ok(has('Erika Mustermann für Sie', 'Dokument geöffnet', 'Befund Kardiologie'), JSON.stringify(rows));
    assert.ok(has('Sie', 'Vertretung widerrufen'), JSON.stringify(rows));
    assert.deepEqual(rows[0]!.slice(0, 2).concat(rows[0]![4]!), ['Erika Mustermann für Sie', DENIED, 'abgewiesen'], 'her try after the end, refused');
    await shot(karlDesk, '107-epa-protokoll');
  });

  test('Erika\'s own Protokoll names her logins, her documents and what she did for Karl', async () => {
    await desk.getByRole('navigation', { name: 'Ihre ePA' }).getByRole('link', { name: 'Protokoll' }).click();
    await heading(desk, 'Protokoll');
    const rows = await protocolOnPage(desk);
    const has = (who: string, action: string, document = '–') => rows.some((r) => r[0] === who && r[1] === action && r[2] === document);
    assert.ok(has('Sie', 'Anmeldung an der ePA'), JSON.stringify(rows));
    assert.ok(has('Sie', 'Gerät freigeschaltet'), JSON.stringify(rows));
    assert.ok(has('Sie', 'Dokument hinzugefügt', 'Blutbild April'), JSON.stringify(rows));
    assert.ok(has('Sie', 'Dokumente als PDF gespeichert', 'Blutbild April'), JSON.stringify(rows));
    assert.ok(has('Sie für Karl Mustermann', 'Dokument geöffnet', 'Befund Kardiologie'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r[0] === 'Sie für Karl Mustermann' && r[1] === DENIED && r[4] === 'abgewiesen'), JSON.stringify(rows));
  });
});
