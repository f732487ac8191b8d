/**
 * Manual 002 word for word in Chromium: a provider's LE-Admin accepts the cookies of
 * "Mein AOK Gesundheitspartnerservice", registers with an IK number (§2.1–§2.4) on a fresh
 * system, and every screen and mail shows the sentences, labels and buttons the manual shows
 * (test/e2e/manuals/002-gesundheitspartner.ts), in the manual's order; the footer too. One walk,
 * one test per screen; each checks its screen, does what the manual says next, then reports
 * what differed, so one differing screen does not stop the walk.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePdf } from '../support/samples.ts';
import { M002, STATUS_MAIL_SUBJECTS } from './manuals/002-gesundheitspartner.ts';
import { assertWalkedInOrder, onScreen, type Values } from './manuals/check.ts';
import { manualWalk, shownActivationCode, weiter } from './manuals/walk.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { followMailLink, openMailInMailbox as openMail } from './steps/mailbox.ts';
import { acceptAppTerms, appScreen, choosePin, codeFromApp, digits, enterActivation } from './steps/app.ts';
import { enterLoginData, enterSecurityCode } from './steps/login.ts';
import { fillProviderForm } from './steps/registration.ts';
import { activateAsStaff } from './steps/staff.ts';

const skip = chromiumSkipReason();
const PASSWORD = 'Korrekt-Pferd-Batterie-42';
const PIN = '470815';
/** The demo register's IK (assets/demo/ik-register.csv): its region is AOK Niedersachsen's. */
const IK = { ik: '260326822', institution: 'Praxis Dr. med. Maler Montag', insurer: 'AOK Niedersachsen', aok: 'ni' };

describe('manual 002 in Chromium: registration of a provider administrator, screen by screen', { skip, timeout: 180_000 }, () => {
  const walk = manualWalk('002', { aok: IK.aok, seedDemo: true });
  const { t, d, start } = walk;
  const values: Values = {
    email: `maler.montag.${Date.now()}@praxis-montag.example`,
    institution: IK.institution,
    insurer: IK.insurer,
    file: 'Arbeitgeberbescheinigung unterschrieben.pdf',
  };
  const pdf = async (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf(name)) });

  before(() => {
    values.cookie = t.system.deps.sessions.cookieName;
  });

  test('1. the cookies are accepted before the platform', async () => {
    await d.desk.goto(`${t.baseUrl}/partner/`);
    await onScreen(d.desk, M002.cookies, values, async () => {
      await d.desk.getByRole('button', { name: 'Akzeptieren', exact: true }).click();
      await d.desk.waitForURL(/\/partner\/$/);
    });
  });

  test('1. the start page: registration and login', async () => {
    await onScreen(d.desk, M002.start, values, async () => {
      await d.desk.getByRole('link', { name: /^Registrier/ }).first().click();
      await d.desk.waitForURL(/\/partner\/registrierung\?flow=/);
    });
  });

  test('2.1 Persönliche Daten: the IK number shows its institution', async (tt) => {
    const page = d.desk;
    await start(tt, /\/partner\/registrierung\?flow=/, '/partner/registrierung');
    await page.getByLabel('IK-Nummer', { exact: true }).pressSequentially(IK.ik);
    await page.getByText(IK.institution, { exact: false }).first().waitFor();
    await onScreen(page, M002.personalData, values, async () => {
      await fillProviderForm(page, { salutation: 'Herr', title: 'Dr.', firstName: 'Maler', lastName: 'Montag', email: values.email!, password: PASSWORD });
      await page.getByRole('button', { name: 'Weiter', exact: true }).click();
      await page.waitForURL(/\/partner\/registrierung\/email-bestaetigen/);
    });
  });

  test('2.1 the mail to confirm the address, and its button', async () => {
    const { subject, mail } = await openMail(d.desk, t.baseUrl, values.email!, /./);
    await onScreen(
      d.desk,
      M002.confirmationMail,
      values,
      () => followMailLink(d.desk, mail, 'Bestätigung E-Mail-Adresse', /\/partner\/registrierung\/bestaetigung\?token=/),
      mail,
    );
    assert.ok(STATUS_MAIL_SUBJECTS.includes(subject), `the mail that leads to the status is one §2.3 names (${STATUS_MAIL_SUBJECTS.join(', ')}), not "${subject}"`);
  });

  test('2.1 the address is confirmed: „Registrierung fortsetzen“', async () => {
    await onScreen(d.desk, M002.emailConfirmed, values, async () => {
      await d.desk.getByRole('link', { name: 'Registrierung fortsetzen', exact: true }).click();
      await d.desk.waitForURL(/\/partner\/registrierung\/bescheinigung$/);
    });
  });

  test('2.2 Arbeitgeberbescheinigung: download, Dateianhang', async (tt) => {
    const page = d.desk;
    await start(tt, /\/partner\/registrierung\/bescheinigung$/, '/partner/registrierung/bescheinigung');
    await onScreen(page, M002.certificate, values, async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
      assert.match(download.suggestedFilename(), new RegExp(IK.ik));
    });
  });

  test('2.2 „Datei auswählen“ uploads at once; a wrong file „löschen“; „Weiter“', async () => {
    const page = d.desk;
    const files = page.getByRole('list', { name: 'Hochgeladene Dateien' });
    // a wrong file first, removed with its button, as the manual allows
    await page.getByLabel('Datei auswählen', { exact: true }).setInputFiles(await pdf('Falsche Datei.pdf'));
    await files.getByText('Falsche Datei.pdf').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /Falsche Datei\.pdf löschen/i }).click();
    await page.getByText('Falsche Datei.pdf').waitFor({ state: 'detached' });

    await page.getByLabel('Datei auswählen', { exact: true }).setInputFiles(await pdf(values.file!));
    await files.getByText(values.file!).waitFor({ timeout: 15_000 });
    await onScreen(page, M002.uploaded, values, async () => {
      await page.getByRole('button', { name: 'Weiter', exact: true }).or(page.getByRole('link', { name: 'Weiter', exact: true })).first().click();
      await page.waitForURL(/\/partner\/registrierung\/geraet$/);
    });
  });

  test('2.3 Geräteregistrierung', async (tt) => {
    await start(tt, /\/partner\/registrierung\/geraet$/, '/partner/registrierung/geraet');
    await onScreen(d.desk, M002.deviceIntro, values, () => weiter(d.desk, /\/partner\/registrierung\/geraet\/app$/));
  });

  test('2.3 the app to download', async (tt) => {
    await start(tt, /\/partner\/registrierung\/geraet\/app$/, '/partner/registrierung/geraet/app');
    await onScreen(d.desk, M002.deviceDownload, values, () => weiter(d.desk, /\/partner\/registrierung\/geraet\/aktivierungscode$/));
  });

  test('2.3 the activation code', async (tt) => {
    const page = d.desk;
    await start(tt, /\/partner\/registrierung\/geraet\/aktivierungscode$/, '/partner/registrierung/geraet/aktivierungscode');
    values.code = await shownActivationCode(page, (m) => tt.diagnostic(m));
    await onScreen(page, M002.activationCode, values);
  });

  test('2.3 the app: Schritt 1 terms, Schritt 2 user name and code, Schritt 3 PIN, Glückwunsch', async () => {
    const app = d.phone;
    await app.goto(`${t.baseUrl}/app/`);
    await appScreen(app).waitFor();
    await onScreen(app, M002.appTerms, values, () => acceptAppTerms(app));
    await app.getByLabel('Aktivierungscode:', { exact: true }).waitFor();
    await onScreen(app, M002.appActivation, values, () => enterActivation(app, values.email!, values.code!.replace(' ', '')));
    await onScreen(app, M002.appPin, values, () => choosePin(app, PIN));
    await onScreen(app, M002.appDone, values, () => app.getByRole('button', { name: 'Jetzt einloggen', exact: true }).click());
  });

  test('2.4 Abschluss', async (tt) => {
    await start(tt, /\/partner\/registrierung\/geraet\/aktivierungscode$/, '/partner/registrierung/geraet/aktivierungscode');
    await d.desk.getByRole('link', { name: 'Weiter', exact: true }).click();
    await start(tt, /\/partner\/registrierung\/abschluss$/, '/partner/registrierung/abschluss');
    await onScreen(d.desk, M002.completion, values);
  });

  test('2.4 the AOK of the IK\'s region activates: the mail, „Zur Startseite“', async () => {
    await activateAsStaff(t, d.office, walk.clerk, { email: values.email!, identifier: IK.ik });
    const { mail } = await openMail(d.desk, t.baseUrl, values.email!, /abgeschlossen/);
    await onScreen(
      d.desk,
      M002.activationMail,
      values,
      () => followMailLink(d.desk, mail, 'Zur Startseite', /\/partner\/$/),
      mail,
    );
  });

  test('2.4 the start page\'s footer, and the login with the known data', async (tt) => {
    const page = d.desk;
    await start(tt, /\/partner\/$/, '/partner/');
    await onScreen(page, M002.footer, values, async () => {
      await page.getByRole('link', { name: 'Login', exact: true }).first().click();
      await enterLoginData(page, values.email!, PASSWORD);
      await page.waitForURL(/\/partner\/login\/sicherheitscode/);
      await enterSecurityCode(page, digits(await codeFromApp(d.phone, PIN)));
      await page.waitForURL(/\/partner\/startseite$/);
    });
  });

  test('2.4 logged in: the start page with the further settings', async () => {
    await onScreen(d.desk, M002.dashboard, values);
  });

  test('the walk met every screen of the manual, in its order', () => {
    assertWalkedInOrder(M002);
  });
});
