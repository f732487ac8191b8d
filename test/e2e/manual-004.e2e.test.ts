/**
 * Manual 004 word for word in Chromium without JavaScript: an employer registers for the
 * Jobmaster on a fresh system, confirms from the mailbox, is released by the insurer's clerk,
 * logs in and looks at the Stellenverwaltung, "Mein Konto" and the Unternehmensdaten; every
 * screen shows the sentences, labels and buttons the manual shows
 * (test/e2e/manuals/004-jobmaster-arbeitgeber.ts), in the manual's order. One walk, one test
 * per screen; each checks its screen, does what the manual says next, then reports what
 * differed, so one differing screen does not stop the walk. axe runs once on each portal page.
 */
import { after, afterEach, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { M004 } from './manuals/004-jobmaster-arbeitgeber.ts';
import { assertWalkedInOrder, onScreen, type Values } from './manuals/check.ts';
import { at, picture } from './manuals/walk.ts';
import { axeRecord } from './steps/axe.ts';
import { browsers, chromiumSkipReason } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import { followMailLink, openMailInMailbox as openMail } from './steps/mailbox.ts';
import { clerkOf, staffLogin, type Clerk } from './steps/staff.ts';

const skip = chromiumSkipReason();
const PASSWORD = 'Stellen-Finden-2026!';
const AXE_SCREENS = ['header', 'login', 'choice', 'company', 'contact', 'confirmed', 'postings', 'account', 'profile'] as const;
type AxeScreen = (typeof AXE_SCREENS)[number];

describe('manual 004 in Chromium: an employer registers for the Jobmaster and looks around, screen by screen', { skip, timeout: 120_000 }, () => {
  const { t, browser } = systemAndChromium(journeyDatabase('pglite')[0]!);
  const axe = axeRecord<AxeScreen>();
  let desk: Page;
  let office: Page;
  let clerk: Clerk;
  let steps = 0;
  const values: Values = {
    email: `test.arbeitgeber.${Date.now()}@firma.example`,
    company: 'Test-Arbeitgeber Gärtnerei',
    betriebsnummer: '98094032',
    contactName: 'Herr Test Ansprechpartner',
  };

  before(async () => {
    const open = browsers(browser());
    [desk, office, clerk] = await Promise.all([open.page({ javaScriptEnabled: false }), open.page(), clerkOf(t, t.system.deps.config.JOBMASTER_INSURER)]);
  });
  afterEach(async () => {
    steps += 1;
    if (desk) await picture(desk, `004-${String(steps).padStart(2, '0')}-desk`);
  });
  after(() => {
    steps = 0;
  });

  const start = (tt: TestContext, where: RegExp, path: string) => at(desk, t.baseUrl, where, path, (m) => tt.diagnostic(m));
  /** axe is a script: it runs in a second profile with scripts on, on the same address with the same cookies. */
  const checkAxe = async (screen: AxeScreen) => {
    const page = await desk.context().browser()!.newContext({ storageState: await desk.context().storageState(), locale: 'de-DE' }).then((c) => c.newPage());
    try {
      await page.goto(desk.url());
      assert.equal(new URL(page.url()).pathname, new URL(desk.url()).pathname, `axe looks at the page the walk is on (${screen})`);
      await axe.onScreen(screen, page);
    } finally {
      await page.context().close();
    }
  };

  test('the header: „Login“', async () => {
    await desk.goto(`${t.baseUrl}/jobmaster/`);
    await checkAxe('header');
    await onScreen(desk, M004.header, values, async () => {
      await desk.getByRole('banner').getByRole('link', { name: 'Login', exact: true }).click();
      await desk.waitForURL(/\/jobmaster\/login/);
    });
  });

  test('Login: „Jetzt registrieren“', async () => {
    await checkAxe('login');
    await onScreen(desk, M004.login, values, async () => {
      await desk.getByRole('main').getByRole('link', { name: /^Jetzt registrieren/ }).click();
      await desk.waitForURL(/\/jobmaster\/registrierung$/);
    });
  });

  test('Registrierung: „Arbeitgeber“', async (tt) => {
    await start(tt, /\/jobmaster\/registrierung$/, '/jobmaster/registrierung');
    await checkAxe('choice');
    await onScreen(desk, M004.choice, values, async () => {
      await desk.getByRole('link', { name: 'Arbeitgeber', exact: true }).click();
      await desk.waitForURL(/\/jobmaster\/registrierung\/arbeitgeber/);
    });
  });

  test('the first part: Firmenname, Betriebsnummer, Anschrift', async (tt) => {
    await start(tt, /\/jobmaster\/registrierung\/arbeitgeber/, '/jobmaster/registrierung/arbeitgeber');
    await checkAxe('company');
    await onScreen(desk, M004.company, values, async () => {
      await desk.getByLabel('Firmenname', { exact: true }).fill(values.company!);
      await desk.getByLabel('Betriebsnummer', { exact: true }).fill(values.betriebsnummer!);
      await desk.getByLabel('Straße', { exact: true }).fill('Kasernenstraße');
      await desk.getByLabel('Hausnummer', { exact: true }).fill('61');
      await desk.getByLabel('PLZ', { exact: true }).fill('40213');
      await desk.getByLabel('Ort', { exact: true }).fill('Düsseldorf');
      await desk.getByRole('button', { name: 'Weiter', exact: true }).click();
      await desk.getByLabel('Kennwortfrage', { exact: true }).waitFor();
    });
  });

  test('the second part: the Ansprechpartner, Passwort, Kennwortfrage, the consents', async () => {
    await checkAxe('contact');
    await onScreen(desk, M004.contact, values, async () => {
      await desk.getByLabel('Anrede', { exact: true }).selectOption('Herr');
      await desk.getByLabel('Vorname', { exact: true }).fill('Test');
      await desk.getByLabel('Nachname', { exact: true }).fill('Ansprechpartner');
      await desk.getByLabel('Telefon', { exact: true }).fill('0211 987654');
      await desk.getByLabel('E-Mail', { exact: true }).fill(values.email!);
      await desk.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
      await desk.getByLabel('Passwort wiederholen', { exact: true }).fill(PASSWORD);
      await desk.getByLabel('Kennwortfrage', { exact: true }).selectOption({ label: 'Wie hieß Ihr erstes Haustier?' });
      await desk.getByLabel('Antwort', { exact: true }).fill('Waldi');
      await desk.getByRole('checkbox', { name: /Datenschutzhinweise/ }).check();
      await desk.getByRole('checkbox', { name: /Nutzungsbedingungen/ }).check();
      await desk.getByRole('button', { name: 'Registrieren' }).click();
      await desk.getByRole('heading', { name: 'Fast geschafft', level: 1 }).waitFor();
    });
  });

  test('the mail to confirm the registration, and its link', async () => {
    const { mail } = await openMail(desk, t.baseUrl, values.email!, M004.confirmationMail.subject!);
    await onScreen(desk, M004.confirmationMail, values, () => followMailLink(desk, mail, 'Registrierung bestätigen', /\/jobmaster\/registrierung\/bestaetigung/), mail);
  });

  test('confirmed: an AOK-Mitarbeiter checks the registration', async () => {
    await checkAxe('confirmed');
    await onScreen(desk, M004.confirmed, values);
  });

  test('the clerk releases the employer; the mail says Stellenanzeigen can be uploaded', async () => {
    await staffLogin(t, office, clerk);
    await office.goto(`${t.baseUrl}/backoffice/jobmaster-arbeitgeber`);
    await office.getByRole('row').filter({ hasText: values.email! }).getByRole('link', { name: values.company!, exact: true }).click();
    await office.getByRole('button', { name: 'Freigeben', exact: true }).click();
    await office.waitForURL(/\/backoffice\/jobmaster-arbeitgeber\?/);
    const { mail } = await openMail(desk, t.baseUrl, values.email!, /freigegeben/);
    await onScreen(desk, M004.releaseMail, values, undefined, mail);
  });

  test('Login: the Stellenverwaltung', async () => {
    await desk.goto(`${t.baseUrl}/jobmaster/login`);
    await desk.getByLabel('E-Mail', { exact: true }).fill(values.email!);
    await desk.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await desk.getByRole('button', { name: 'Login', exact: true }).click();
    await desk.waitForURL(/\/jobmaster\/(konto|stellenverwaltung)$/);
    if (!/stellenverwaltung$/.test(desk.url())) await desk.getByRole('link', { name: 'Stellenverwaltung', exact: true }).first().click();
    await checkAxe('postings');
    await onScreen(desk, M004.postings, values);
  });

  test('„Konto“: Mein Konto with Letzter Zugriff, Ausloggen, Persönliche Daten, Loginverlauf', async () => {
    // "Letzter Zugriff" names the login before this one: out, a few minutes later in again
    await desk.goto(`${t.baseUrl}/jobmaster/konto`);
    await desk.getByRole('button', { name: 'Ausloggen', exact: true }).click();
    await desk.waitForURL(/\/jobmaster\/$/);
    t.clock.advance(7 * 60_000);
    await desk.goto(`${t.baseUrl}/jobmaster/login`);
    await desk.getByLabel('E-Mail', { exact: true }).fill(values.email!);
    await desk.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await desk.getByRole('button', { name: 'Login', exact: true }).click();
    await desk.waitForURL(/\/jobmaster\/(konto|stellenverwaltung)$/);
    await desk.getByRole('banner').getByRole('link', { name: /Konto/ }).first().click();
    await desk.waitForURL(/\/jobmaster\/konto$/);
    const shown = /Letzter Zugriff: (\d{2}\.\d{2}\.\d{4}) um (\d{2}:\d{2}) Uhr/.exec(await desk.locator('main').innerText());
    values.lastDate = shown?.[1] ?? '(kein Datum)';
    values.lastTime = shown?.[2] ?? '(keine Uhrzeit)';
    await checkAxe('account');
    await onScreen(desk, M004.account, values, async () => {
      await desk.getByRole('link', { name: 'Persönliche Daten', exact: true }).click();
      await desk.waitForURL(/\/jobmaster\/(konto\/daten|unternehmen)$/);
    });
  });

  test('„Persönliche Daten“: the Unternehmensdaten and Ihre Ansprechpartner', async (tt) => {
    await start(tt, /\/jobmaster\/unternehmen$/, '/jobmaster/unternehmen');
    await checkAxe('profile');
    await onScreen(desk, M004.profile, values);
  });

  test('axe finds nothing serious or critical on the portal\'s pages', (tt) => {
    axe.assertRan(AXE_SCREENS);
    axe.assertNoSevere(tt);
  });

  test('the walk met every screen of the manual, in its order', () => {
    assertWalkedInOrder(M004);
  });
});
