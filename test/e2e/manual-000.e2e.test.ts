/**
 * Manual 000 word for word in Chromium: a company administrator registers in the 15 steps of
 * "Mein AOK Arbeitgeberservice – Registrierung" on a fresh system, and every screen shows the
 * sentences, labels and buttons the manual shows (test/e2e/manuals/000-registrierung.ts), in
 * the manual's order. One walk, one test per step; each step checks its screen, does what the
 * manual says next, then reports what differed, so one differing screen does not stop the walk.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePdf } from '../support/samples.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { M000 } from './manuals/000-registrierung.ts';
import { assertWalkedInOrder, onScreen, type Values } from './manuals/check.ts';
import { manualWalk, shownActivationCode, weiter } from './manuals/walk.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { openMailInMailbox as openMail } from './steps/mailbox.ts';
import { acceptAppTerms, appScreen, choosePin, codeFromApp, enterActivation } from './steps/app.ts';
import { enterLoginData, enterSecurityCode } from './steps/login.ts';
import { fillEmployerForm } from './steps/registration.ts';
import { activateAsStaff } from './steps/staff.ts';

const skip = chromiumSkipReason();
const PASSWORD = 'Korrekt-Pferd-Batterie-42';
const PIN = '470815';
const BETRIEBSNUMMER = '09912342';
const CONFIRMATION = /^Bestätigung Ihrer E-Mail-Adresse/;

describe('manual 000 in Chromium: registration of a company administrator, screen by screen', { skip, timeout: 180_000 }, () => {
  const walk = manualWalk('000', { aok: 'by' });
  const { t, d, start } = walk;
  const values: Values = {
    email: `anna.berger.${Date.now()}@firma-beispiel.de`,
    insurer: 'AOK Bayern',
    file: 'Arbeitgeberbescheinigung unterschrieben.pdf',
  };

  test('1. start page: „Registrieren“', async () => {
    await d.desk.goto(`${t.baseUrl}/arbeitgeber/`);
    await onScreen(d.desk, M000.start, values, () => d.desk.getByRole('link', { name: 'Registrieren', exact: true }).click());
  });

  test('2. Unternehmensdaten and persönliche Informationen', async (tt) => {
    const page = d.desk;
    await start(tt, /\/arbeitgeber\/registrierung\?flow=/, '/arbeitgeber/registrierung');
    await onScreen(page, M000.personalData, values, async () => {
      await fillEmployerForm(page, { insurer: values.insurer!, betriebsnummer: BETRIEBSNUMMER, salutation: 'Frau', title: 'Dr.', firstName: 'Anna', lastName: 'Berger', email: values.email!, password: PASSWORD });
      await page.getByRole('button', { name: 'Weiter', exact: true }).click();
      await page.waitForURL(/\/arbeitgeber\/registrierung\/email-bestaetigen/);
    });
  });

  test('3. the notice that the e-mail address is to be confirmed', async () => {
    await onScreen(d.desk, M000.confirmNotice, values);
  });

  test('4. the mail in the mailbox, its button confirms the address', async () => {
    const { subject, mail } = await openMail(d.desk, t.baseUrl, values.email!, CONFIRMATION);
    assert.equal(subject, M000.confirmationMail.subject, 'the subject step 6 names');
    await onScreen(
      d.desk,
      M000.confirmationMail,
      values,
      async () => {
        await mail.getByRole('link', { name: 'Bestätigung E-Mail-Adresse', exact: true }).click();
        await d.desk.waitForURL(/\/arbeitgeber\/registrierung\/bestaetigung\?token=/);
      },
      mail,
    );
  });

  test('5. the confirmation, and the status page of the mail\'s second link', async () => {
    await onScreen(d.desk, M000.emailConfirmed, values);

    // "über den zweiten Link in der E-Mail jederzeit „Zum Registrierungsstatus“ abspringen", in a second tab
    const mail = await waitForMail(t.baseUrl, values.email!, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
    const status = await d.desk.context().newPage();
    try {
      await status.goto(linkAfter(mail.text, 'Zum Registrierungsstatus →'));
      await status.waitForURL(/\/arbeitgeber\/registrierung\/status$/);
      await onScreen(status, M000.statusAfterConfirmation, values);
    } finally {
      await status.close();
    }
  });

  test('6. the certificate to download', async (tt) => {
    const page = d.desk;
    await page.getByRole('link', { name: 'Registrierung fortsetzen', exact: true }).click();
    await start(tt, /\/arbeitgeber\/registrierung\/bescheinigung$/, '/arbeitgeber/registrierung/bescheinigung');
    await onScreen(page, M000.certificate, values, async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF herunterladen', exact: true }).click()]);
      assert.equal(download.suggestedFilename(), `Arbeitgeberbescheinigung_${BETRIEBSNUMMER}.pdf`);
    });
  });

  test('7. „Datei auswählen“: the file is uploaded and shown as Anhang, then „Weiter“', async () => {
    const page = d.desk;
    await page.getByLabel('Datei auswählen', { exact: true }).setInputFiles({ name: values.file!, mimeType: 'application/pdf', buffer: Buffer.from(await samplePdf('Arbeitgeberbescheinigung unterschrieben')) });
    // "Sobald der Upload abgeschlossen ist, wird die hochgeladene Datei als Anhang angezeigt."
    const shown = await page
      .getByRole('list', { name: 'Hochgeladene Dateien' })
      .getByText(values.file!)
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    await onScreen(page, M000.upload, values, async () => {
      await page.getByRole('button', { name: 'Weiter', exact: true }).or(page.getByRole('link', { name: 'Weiter', exact: true })).first().click();
      await page.waitForURL(/\/arbeitgeber\/registrierung\/geraet$/);
    });
    assert.ok(shown, 'choosing the file uploads it and shows it as Anhang');
  });

  test('8. Geräteregistrierung: why two factors', async (tt) => {
    await start(tt, /\/arbeitgeber\/registrierung\/geraet$/, '/arbeitgeber/registrierung/geraet');
    await onScreen(d.desk, M000.deviceIntro, values, () => weiter(d.desk, /\/arbeitgeber\/registrierung\/geraet\/app$/));
  });

  test('9. the app for each system', async (tt) => {
    await start(tt, /\/arbeitgeber\/registrierung\/geraet\/app$/, '/arbeitgeber/registrierung/geraet/app');
    await onScreen(d.desk, M000.deviceDownload, values, () => weiter(d.desk, /\/arbeitgeber\/registrierung\/geraet\/aktivierungscode$/));
  });

  test('10. user name and activation code', async (tt) => {
    const page = d.desk;
    await start(tt, /\/arbeitgeber\/registrierung\/geraet\/aktivierungscode$/, '/arbeitgeber/registrierung/geraet/aktivierungscode');
    values.code = await shownActivationCode(page, (m) => tt.diagnostic(m));
    await onScreen(page, M000.activationCode, values);
  });

  test('11.–12. the app: address and code, then the PIN and „Aktivieren“; „Glückwunsch“', async () => {
    const app = d.phone;
    await app.goto(`${t.baseUrl}/app/`);
    await appScreen(app).waitFor();
    await acceptAppTerms(app);
    await enterActivation(app, values.email!, values.code!);
    await onScreen(app, M000.appPin, values, () => choosePin(app, PIN));
    await onScreen(app, M000.appDone, values, () => app.getByRole('button', { name: 'Jetzt einloggen', exact: true }).click());
  });

  test('13. Abschluss: the status, and the login only after the AOK\'s check', async (tt) => {
    await start(tt, /\/arbeitgeber\/registrierung\/geraet\/aktivierungscode$/, '/arbeitgeber/registrierung/geraet/aktivierungscode');
    await d.desk.getByRole('link', { name: 'Weiter', exact: true }).click();
    await start(tt, /\/arbeitgeber\/registrierung\/abschluss$/, '/arbeitgeber/registrierung/abschluss');
    await onScreen(d.desk, M000.completion, values);
  });

  test('14. the AOK activates; the mail', async () => {
    await activateAsStaff(t, d.office, walk.clerk, { email: values.email!, identifier: BETRIEBSNUMMER });
    const { mail } = await openMail(d.desk, t.baseUrl, values.email!, /aktiviert/);
    await onScreen(d.desk, M000.activationMail, values, () => mail.getByRole('link', { name: /Login/ }).first().click(), mail);
    await d.desk.waitForURL(/\/arbeitgeber\/login/);
  });

  test('15. login from the start page, with the code from the app', async () => {
    const page = d.desk;
    await page.goto(`${t.baseUrl}/arbeitgeber/`);
    await onScreen(page, M000.login, values, async () => {
      await page.getByRole('link', { name: 'Login', exact: true }).click();
      await enterLoginData(page, values.email!, PASSWORD);
      await page.waitForURL(/\/arbeitgeber\/login\/sicherheitscode/);
      await enterSecurityCode(page, await codeFromApp(d.phone, PIN));
      await page.waitForURL(/\/arbeitgeber\/startseite$/);
    });
  });

  test('the walk met every screen of the manual, in its order', () => {
    assertWalkedInOrder(M000);
  });
});
