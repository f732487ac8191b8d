import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestSystem } from '../../support/system.ts';
import { PASSWORD, PIN, person } from '../../support/journeys.ts';
import { samplePdf } from '../../support/samples.ts';
import { browsers } from '../steps/browser.ts';
import { inOrder, type Step } from '../steps/journey.ts';
import { definition, heading } from '../steps/page.ts';
import { APP_NAME, appScreen } from '../steps/app.ts';
import { enterSecurityCode } from '../steps/login.ts';
import { confirmAddressFromMail, continueToCertificate, registerEmployer } from '../steps/registration.ts';
import { pinMessages } from '../../../src/modules/devices/pin-rules.ts';
import { main as pforteCli } from '../../../src/cli.ts';

/**
 * Manual 000 steps 8–13 and manual 001 in two browsers: the employer's desktop browser (A)
 * and the phone with the 2-factor app (B, its own context and IndexedDB). Shared by the
 * e2e test (axe at every screen) and scripts/screenshots-authenticator.ts (a picture of it).
 */

/** Every screen the journey stops at, in order; `onScreen` is called once the screen is shown. */
export type PortalScreen = 'geraet' | 'geraet-app' | 'geraet-installieren' | 'aktivierungscode' | 'abschluss' | 'registrierungsstatus' | 'login' | 'sicherheitscode' | 'startseite';
export type AppScreen =
  | 'app-nutzungsbedingungen'
  | 'app-aktivierung'
  | 'app-pin'
  | 'app-pin-regel'
  | 'app-glueckwunsch'
  | 'app-login'
  | 'app-code'
  | 'app-code-abgelaufen'
  | 'app-pin-falsch';
export type Screen = PortalScreen | AppScreen;

export interface JourneyOptions {
  /** Called at each screen, with the page that shows it ('portal' = browser A, 'app' = phone B). */
  onScreen?: (screen: Screen, page: Page, where: 'portal' | 'app') => Promise<void>;
  /** Registration data; defaults to a fresh person() from test/support/journeys.ts. */
  fields?: ReturnType<typeof person>;
  desktop?: { width: number; height: number; deviceScaleFactor?: number };
  phone?: { width: number; height: number; deviceScaleFactor?: number };
  /** How long the app may take to show a code it polls for. */
  codeTimeoutMs?: number;
  /** how each step runs: in order (default), or as a subtest of the e2e test */
  step?: Step;
}

export interface JourneyResult {
  email: string;
  codes: string[];
}

const BRAND = 'AOK';
const PORTAL_NAME = `Mein ${BRAND} Arbeitgeberservice`;
const GOOD_PIN = PIN;
const WRONG_PIN = '909192';

async function deviceCount(t: TestSystem, email: string): Promise<number> {
  const rows = await t.system.deps.db
    .selectFrom('devices')
    .innerJoin('accounts', 'accounts.id', 'devices.account_id')
    .select('devices.id')
    .where('accounts.email', '=', email)
    .where('devices.status', '=', 'active')
    .execute();
  return rows.length;
}

/** The six digits the app shows ("123 456"), waited for without reload; optionally a code other than `not`. */
async function appCode(app: Page, timeout: number, not?: string): Promise<string> {
  const screen = appScreen(app, 'Sicherheitscode');
  let shown = screen.getByText(/^\d{3} \d{3}$/);
  if (not) shown = shown.filter({ hasNotText: `${not.slice(0, 3)} ${not.slice(3)}` });
  await shown.waitFor({ timeout });
  const text = (await shown.innerText()).trim();
  assert.match(text, /^\d{3} \d{3}$/);
  return text.replace(/\s+/g, '');
}

async function noReloadSince(app: Page) {
  assert.equal(await app.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload), true, 'the app page was not reloaded');
}

async function markNoReload(app: Page) {
  await app.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
}

async function portalLogin(portal: Page, baseUrl: string, email: string) {
  await portal.goto(`${baseUrl}/arbeitgeber/login`);
  await heading(portal, 'Login', 1);
  await portal.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(email);
  await portal.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
}

export async function runAuthenticatorJourney(t: TestSystem, browser: Browser, options: JourneyOptions = {}): Promise<JourneyResult> {
  const onScreen = options.onScreen ?? (async () => {});
  const fields = options.fields ?? person();
  const codeTimeout = options.codeTimeoutMs ?? 8_000;
  const desktop = options.desktop ?? { width: 1280, height: 900 };
  const phone = options.phone ?? { width: 390, height: 844 };
  const step = options.step ?? inOrder;
  const open = browsers(browser);
  try {
    const portal = await open.page({ viewport: { width: desktop.width, height: desktop.height }, deviceScaleFactor: desktop.deviceScaleFactor ?? 1 });
    const app = await open.page({ device: 'phone', viewport: { width: phone.width, height: phone.height }, deviceScaleFactor: phone.deviceScaleFactor ?? 1 });
    const codes: string[] = [];

    // ── 1. Browser A: register, confirm, certificate page, device registration (manual 000 steps 1–10)
    await step('the employer registers through the pages, confirms the address from the mail and uploads the certificate', async () => {
      await registerEmployer(portal, t.baseUrl, { ...fields, insurer: 'AOK Bayern' });
      await confirmAddressFromMail(portal, t.baseUrl, fields.email);
      await continueToCertificate(portal, 'arbeitgeber');
      // manual 000 step 7: the signed certificate, uploaded as soon as it is chosen; then "Weiter"
      await portal.getByLabel('Datei auswählen', { exact: true }).setInputFiles({ name: 'Arbeitgeberbescheinigung.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf()) });
      await portal.getByText('Arbeitgeberbescheinigung.pdf').first().waitFor();
      await portal.getByRole('button', { name: 'Weiter', exact: true }).click();
    });

    await step('the device step explains the two factors and offers the app for each system, with an install page and its QR code', async () => {
      // step 8: why two factors
      await portal.waitForURL(/\/arbeitgeber\/registrierung\/geraet$/);
      await heading(portal, 'Geräteregistrierung', 2);
      await portal.getByText(/Die Zwei-Faktor-Authentifizierung bezeichnet den Identitätsnachweis eines Nutzers/).waitFor();
      await portal.getByText(/Hintergrund: Eine Authentifizierung mittels mehrerer Faktoren/).waitFor();
      assert.match(await portal.locator('[aria-current="step"]').innerText(), /Geräteregistrierung/);
      await onScreen('geraet', portal, 'portal');
      await portal.getByRole('link', { name: 'Weiter', exact: true }).click();

      // step 9: the app for each platform, each leading to how to install the web app there
      await portal.waitForURL(/\/geraet\/app$/);
      await portal.getByText(`Bitte laden Sie die ${BRAND} 2-Faktor App herunter und installieren Sie diese anschließend.`).waitFor();
      for (const [platform, path] of [
        ['Windows', 'windows'],
        ['MacOS', 'macos'],
        ['Google Play Store', 'android'],
        ['Apple App Store', 'ios'],
      ]) {
        const link = portal.getByRole('link', { name: `${BRAND} 2-Faktor App für ${platform} laden`, exact: true });
        assert.equal(await link.getAttribute('href'), `/arbeitgeber/zwei-faktor-authentifizierung/${path}`, `${platform} link`);
      }
      await onScreen('geraet-app', portal, 'portal');
      // the phone's button opens its install page beside the registration, with the app's address as a QR code
      const [install] = await Promise.all([
        portal.context().waitForEvent('page'),
        portal.getByRole('link', { name: `${BRAND} 2-Faktor App für Google Play Store laden`, exact: true }).click(),
      ]);
      await heading(install, `${BRAND} 2-Faktor App für Android`, 1);
      await install.getByText(/Tippen Sie oben rechts auf das Menü ⋮ und wählen Sie „App installieren“/).waitFor();
      const qr = install.getByRole('img', { name: /^QR-Code der Adresse der .* Zweifaktor App/ });
      await qr.waitFor();
      assert.ok(((await qr.boundingBox())?.width ?? 0) >= 120, 'a QR code a phone camera can read');
      await install.getByRole('link', { name: `${t.baseUrl}/app/`, exact: true }).waitFor();
      await onScreen('geraet-installieren', install, 'portal');
      await install.close();
      await portal.getByRole('link', { name: 'Weiter', exact: true }).click();
    });

    const { email, code: activationCode } = await step('the activation code shows in two groups of four for the eye and digit by digit for a screen reader', async () => {
      // step 10: user name and activation code, read off the screen
      await portal.waitForURL(/\/geraet\/aktivierungscode$/);
      // opening the page makes no code: the button does (a POST)
      await portal.getByRole('button', { name: 'Aktivierungscode anzeigen', exact: true }).click();
      await portal.locator('[data-code]').waitFor();
      await portal.getByText(`Geben Sie innerhalb der ${BRAND} 2-Faktor App die folgenden Informationen ein`).waitFor();
      const shownEmail = (await definition(portal, 'Benutzername/E-Mail-Adresse').innerText()).trim();
      // what the eye reads: two groups of four; a screen reader gets the digits one by one
      const codeTerm = definition(portal, 'Aktivierungscode');
      const shownCode = (await codeTerm.getByText(/^\d{4} \d{4}$/).innerText()).trim();
      assert.equal(shownEmail, fields.email);
      assert.match(shownCode, /^\d{4} \d{4}$/, 'two groups of four digits');
      await codeTerm.getByText(shownCode.replace(' ', '').split('').join(' '), { exact: true }).waitFor({ state: 'attached' });
      await onScreen('aktivierungscode', portal, 'portal');
      return { email: shownEmail, code: shownCode };
    });

    // ── 2. Phone B: terms, e-mail + activation code, PIN (manual 000 steps 11–12)
    await step('the app needs its terms accepted and refuses a PIN against the rules; activated, it offers the login', async () => {
      await app.goto(`${t.baseUrl}/app/`);
      await app.waitForLoadState('load');
      // manual 002 §2.3 "Schritt 1": the terms; nothing goes on without the tick
      const terms = appScreen(app, `${APP_NAME} – Nutzungsbedingungen`);
      await terms.waitFor();
      await terms
        .getByText(`Für einen erfolgreichen Login und um die "${BRAND} 2-Faktor App" nutzen zu können, stimmen Sie den Nutzungsbedingungen bitte zu. Diese sind ab sofort gültig.`, { exact: true })
        .waitFor();
      await onScreen('app-nutzungsbedingungen', app, 'app');
      await terms.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
      await terms.getByRole('alert').filter({ hasText: 'Bitte akzeptieren Sie die Nutzungsbedingungen.' }).waitFor();
      await terms.getByLabel('Ich habe die Nutzungsbedingungen gelesen und akzeptiere diese.', { exact: true }).check();
      await terms.getByRole('button', { name: 'Akzeptieren', exact: true }).click();

      // "Schritt 2": user name or e-mail address and the activation code
      const activation = appScreen(app, `${APP_NAME} Aktivierung`);
      await activation.getByText('Schritt 1 von 2').waitFor();
      await activation.getByText('Zur Aktivierung geben Sie bitte Ihren Benutzernamen oder Ihre E-Mail-Adresse und den Aktivierungscode ein.', { exact: true }).waitFor();
      await onScreen('app-aktivierung', app, 'app');
      await activation.getByLabel('Benutzername / E-Mail Adresse:', { exact: true }).fill(email);
      await activation.getByLabel('Aktivierungscode:', { exact: true }).fill(activationCode);
      await activation.getByRole('button', { name: 'Weiter', exact: true }).click();

      // manual 000 step 12: the PIN screen in its words
      const pinScreen = appScreen(app, `${APP_NAME} Aktivierung`);
      await pinScreen.getByText('Schritt 2 von 2').waitFor();
      await pinScreen.getByText(`Wählen Sie bitte einen Code (PIN) für die ${APP_NAME}`, { exact: true }).waitFor();
      await pinScreen.getByText(`Bitte wählen Sie einen 6 stelligen Code (PIN) für die künftige Nutzung der ${APP_NAME}.`, { exact: true }).waitFor();
      await onScreen('app-pin', app, 'app');
      const pin = pinScreen.getByLabel('PIN:', { exact: true });
      const repeat = pinScreen.getByLabel('Bitte wiederholen Sie Ihren Code (PIN) und bestätigen ihn:', { exact: true });

      // a run of digits breaks the rule: said at once, nothing activated
      await pin.fill('123456');
      await repeat.fill('123456');
      await pinScreen.getByRole('button', { name: 'Aktivieren', exact: true }).click();
      const alert = pinScreen.getByRole('alert');
      await alert.filter({ hasText: pinMessages['pin.sequence'] }).waitFor();
      assert.equal((await alert.innerText()).trim(), pinMessages['pin.sequence']);
      await pinScreen.getByText(/Die PIN muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen/).waitFor();
      assert.equal(await deviceCount(t, email), 0, 'a PIN against the rule activates nothing');
      await onScreen('app-pin-regel', app, 'app');

      await pin.fill(GOOD_PIN);
      await repeat.fill(GOOD_PIN);
      await pinScreen.getByRole('button', { name: 'Aktivieren', exact: true }).click();
      const done = appScreen(app, 'Glückwunsch');
      await done.waitFor();
      await done.getByRole('heading', { name: `${APP_NAME} Login`, exact: true }).waitFor();
      assert.equal(await deviceCount(t, email), 1);
      await onScreen('app-glueckwunsch', app, 'app');
      await done.getByRole('button', { name: 'Jetzt einloggen', exact: true }).click();

      const login = appScreen(app, `${APP_NAME} Login`);
      await login.waitFor();
      await login.getByText(email, { exact: true }).waitFor();
      await onScreen('app-login', app, 'app');
    });

    // ── 3. Browser A: Abschluss, status, activation by the insurer (manual 000 steps 13–14)
    await step('the Abschluss and the status page wait for the AOK’s activation', async () => {
      await portal.getByRole('link', { name: 'Weiter', exact: true }).click();
      await portal.waitForURL(/\/registrierung\/abschluss$/);
      await heading(portal, 'Abschluss', 2);
      await portal.getByText(`Der Login ist erst nach Prüfung durch Ihre ${BRAND} möglich`).waitFor();
      assert.match(await portal.locator('[aria-current="step"]').innerText(), /Abschluss/);
      await onScreen('abschluss', portal, 'portal');
      await portal.getByRole('link', { name: 'Zum Registrierungsstatus', exact: true }).click();
      await heading(portal, 'Status Ihrer Registrierung', 1);
      const deviceRow = portal.getByRole('listitem').filter({ hasText: 'Geräteregistrierung' });
      assert.match(await deviceRow.innerText(), /Geräteregistrierung\s*Erfolgreich abgeschlossen/);
      assert.match(await portal.getByRole('listitem').filter({ hasText: 'Aktivierung durch AOK-Administrator' }).innerText(), /AOK-Administrator\s*Steht noch aus/);
      await onScreen('registrierungsstatus', portal, 'portal');
      assert.equal(await pforteCli(['accounts', 'activate', '--email', email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} }), 0);
    });

    // ── 4. Login with password and the code from the app (manual 001)
    await step('the login takes the code the app shows without a reload; the app sees the login done', async () => {
      await portalLogin(portal, t.baseUrl, email);
      await onScreen('login', portal, 'portal');
      await portal.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(portal, 'Eingabe Sicherheitscode', 1);
      await portal.getByText(`Sicherheitscode in Ihre ${BRAND} 2-Faktor App gesendet`, { exact: false }).waitFor();
      await onScreen('sicherheitscode', portal, 'portal');

      await markNoReload(app);
      const login = appScreen(app, `${APP_NAME} Login`);
      await login.getByLabel(`PIN für ${APP_NAME}`, { exact: true }).fill(GOOD_PIN);
      await login.getByRole('button', { name: 'Anmelden', exact: true }).click();
      const code = await appCode(app, codeTimeout);
      codes.push(code);
      await noReloadSince(app);
      await onScreen('app-code', app, 'app');

      await enterSecurityCode(portal, code);
      await heading(portal, `Startseite von ${PORTAL_NAME}`, 1);
      await onScreen('startseite', portal, 'portal');

      // the app sees the login is done, on its own
      await appScreen(app, 'Sicherheitscode').getByText(/Zurzeit wartet keine Anmeldung auf einen Sicherheitscode/).waitFor({ timeout: codeTimeout });
      await noReloadSince(app);

      await portal.getByRole('button', { name: 'Abmelden', exact: true }).click();
      await portal.waitForURL(/\/arbeitgeber\/$/);
      await heading(portal, PORTAL_NAME, 1);
    });

    // ── 5. The code times out (manual 001 step 5): the login data again on the login page, then "Akzeptieren" brings the new code at once
    await step('a timed-out code is refused and not revived; after the login data again „Akzeptieren“ brings a new code at once', async () => {
      await portalLogin(portal, t.baseUrl, email);
      await portal.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(portal, 'Eingabe Sicherheitscode', 1);
      // the app, still open on its code screen, shows the new login's code by polling
      const first = await appCode(app, codeTimeout);
      assert.notEqual(first, codes[0], 'a new login has a new code');
      await noReloadSince(app);

      t.clock.advance(5 * 60_000 + 1000);
      const screen = appScreen(app, 'Sicherheitscode');
      await screen
        .getByText(
          'Der Sicherheitscode ist abgelaufen. Bitte geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein und klicken Sie anschließend auf „Akzeptieren“. Sie erhalten dann sofort einen neuen Sicherheitscode.',
          { exact: true },
        )
        .waitFor({ timeout: codeTimeout });
      await screen
        .getByText(
          'Die Schaltfläche „Akzeptieren“ brauchen Sie nur dann anklicken, wenn wegen Zeitüberschreitens die Login-Daten auf der Anmeldeseite neu eingegeben werden müssen. Sie erhalten dann sofort einen neuen Sicherheitscode.',
          { exact: true },
        )
        .waitFor();
      await onScreen('app-code-abgelaufen', app, 'app');
      // before the login data are entered again there is nothing new to accept: the timed-out code is not revived
      await screen.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
      await app.getByRole('status').filter({ hasText: 'Es liegt noch keine neue Anmeldung vor.' }).waitFor();
      assert.equal(await screen.getByText(/^\d{3} \d{3}$/).isVisible(), false, 'no code for a timed-out login');

      // the login page refuses the timed-out code and asks for the login data again
      await enterSecurityCode(portal, first);
      await portal.getByText(/Die Zeit für die Eingabe des Sicherheitscodes ist abgelaufen/).waitFor();
      await portal.getByLabel('Benutzername/E-Mail-Adresse', { exact: true }).fill(email);
      await portal.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
      await portal.getByRole('button', { name: 'Login', exact: true }).click();
      await heading(portal, 'Eingabe Sicherheitscode', 1);

      // "Akzeptieren" fetches the new login's code at once
      const [answer] = await Promise.all([
        app.waitForResponse((r) => r.url().endsWith('/api/authenticator/accept')),
        screen.getByRole('button', { name: 'Akzeptieren', exact: true }).click(),
      ]);
      const accepted = (await answer.json()) as { code: string };
      assert.match(accepted.code, /^\d{6}$/);
      assert.notEqual(accepted.code, first);
      const fresh = await appCode(app, codeTimeout, first);
      assert.equal(fresh, accepted.code, 'the app shows the code "Akzeptieren" fetched');
      await app.getByRole('status').filter({ hasText: 'Es liegt noch keine neue Anmeldung vor.' }).waitFor({ state: 'detached' });
      codes.push(first, fresh);

      await enterSecurityCode(portal, fresh);
      await heading(portal, `Startseite von ${PORTAL_NAME}`, 1);
      await screen.getByText(/Zurzeit wartet keine Anmeldung auf einen Sicherheitscode/).waitFor({ timeout: codeTimeout });
      await noReloadSince(app);
    });

    // ── 6. A wrong PIN in the app: told how many tries are left
    await step('a wrong PIN in the app tells the tries left; the right one clears the count', async () => {
      await appScreen(app, 'Sicherheitscode').getByRole('button', { name: 'Abmelden', exact: true }).click();
      const login = appScreen(app, `${APP_NAME} Login`);
      await login.waitFor();
      await login.getByLabel(`PIN für ${APP_NAME}`, { exact: true }).fill(WRONG_PIN);
      await login.getByRole('button', { name: 'Anmelden', exact: true }).click();
      const alert = login.getByRole('alert');
      await alert.filter({ hasText: 'Die PIN ist falsch.' }).waitFor();
      const text = (await alert.innerText()).trim();
      assert.equal(text, 'Die PIN ist falsch. Verbleibende Versuche: 4.');
      assert.equal(Number(text.match(/Verbleibende Versuche: (\d+)\./)?.[1]), 4);
      await onScreen('app-pin-falsch', app, 'app');
      // the right PIN still works and clears the count
      await login.getByLabel(`PIN für ${APP_NAME}`, { exact: true }).fill(GOOD_PIN);
      await login.getByRole('button', { name: 'Anmelden', exact: true }).click();
      await appScreen(app, 'Sicherheitscode').waitFor();
      const device = await t.system.deps.db
        .selectFrom('devices')
        .innerJoin('accounts', 'accounts.id', 'devices.account_id')
        .select(['devices.failed_pins', 'devices.status'])
        .where('accounts.email', '=', email)
        .where('devices.status', '=', 'active')
        .executeTakeFirstOrThrow();
      assert.deepEqual(device, { failed_pins: 0, status: 'active' });
    });

    return { email, codes };
  } finally {
    await open.close();
  }
}
