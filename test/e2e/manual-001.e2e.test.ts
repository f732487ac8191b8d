/**
 * Manual 001 word for word in Chromium: an activated company administrator logs in to
 * "Mein AOK Arbeitgeberservice" with the password and the security code from the 2-factor app
 * on the phone, and every screen shows the sentences, labels and buttons the manual shows
 * (test/e2e/manuals/001-login.ts), in the manual's order. The registration before it is done
 * without a browser (manual 000 has its own walk); the app is activated in the phone's browser.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { person, readActivationCode, registerAndConfirm } from '../support/journeys.ts';
import { samplePdf } from '../support/samples.ts';
import { main as pforteCli } from '../../src/cli.ts';
import { M001 } from './manuals/001-login.ts';
import { assertWalkedInOrder, onScreen, type Values } from './manuals/check.ts';
import { manualWalk } from './manuals/walk.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { activateApp, appScreen } from './steps/app.ts';
import { enterLoginData, enterSecurityCode } from './steps/login.ts';

const skip = chromiumSkipReason();
const PIN = '582694';

describe('manual 001 in Chromium: login with password and the security code from the app, screen by screen', { skip, timeout: 180_000 }, () => {
  const { t, d } = manualWalk('001');
  const fields = person();
  const values: Values = { email: fields.email };

  before(async () => {
    // registered with a signed certificate, the app activated on the phone, activated by the AOK
    const { client } = await registerAndConfirm(t, fields);
    await client.get('/arbeitgeber/registrierung/bescheinigung');
    await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Arbeitgeberbescheinigung.pdf', bytes: await samplePdf(), type: 'application/pdf' }]);
    await activateApp(d.phone, t.baseUrl, fields.email, await readActivationCode(client), PIN);
    const out: string[] = [];
    assert.equal(await pforteCli(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: (l) => out.push(l) }), 0, out.join('\n'));
  });

  test('1. the start page: „Login“', async () => {
    await d.desk.goto(`${t.baseUrl}/arbeitgeber/`);
    await onScreen(d.desk, M001.start, values, async () => {
      await d.desk.getByRole('link', { name: 'Login', exact: true }).click();
      await d.desk.waitForURL(/\/arbeitgeber\/login\?flow=/);
    });
  });

  test('2. Login with the personal data; „Passwort vergessen?“ leads to its page', async () => {
    const page = d.desk;
    await onScreen(page, M001.login, values, async () => {
      // "Passwort vergessen?" leads to its page (in a second tab: this one goes on to log in)
      const tab = await page.context().newPage();
      try {
        await tab.goto(page.url());
        await tab.getByRole('link', { name: 'Passwort vergessen?', exact: true }).click();
        await tab.waitForURL(/\/arbeitgeber\/passwort-vergessen$/);
        await onScreen(tab, M001.forgotPassword, values);
      } finally {
        await tab.close();
      }
      await enterLoginData(page, fields.email, fields.password);
      await page.waitForURL(/\/arbeitgeber\/login\/sicherheitscode/);
    });
  });

  test('3. Eingabe Sicherheitscode', async () => {
    await onScreen(d.desk, M001.securityCode, values);
  });

  test('4. the app: e-mail address and PIN', async () => {
    const app = d.phone;
    await app.getByRole('heading', { name: 'AOK Zweifaktor App Login', exact: true }).waitFor();
    await onScreen(app, M001.appLogin, values, async () => {
      await app.getByLabel('PIN für AOK Zweifaktor App', { exact: true }).fill(PIN);
      await app.getByRole('button', { name: 'Anmelden', exact: true }).click();
    });
  });

  test('5. the app shows the security code; it is entered on the login page', async () => {
    const shown = appScreen(d.phone).getByText(/^\d{3} \d{3}$/);
    await shown.waitFor();
    values.code = (await shown.innerText()).trim();
    await onScreen(d.phone, M001.appCode, values, async () => {
      await enterSecurityCode(d.desk, values.code!.replace(' ', ''));
      await d.desk.waitForURL(/\/arbeitgeber\/startseite$/);
    });
  });

  test('6. Geschafft: the dashboard', async () => {
    await onScreen(d.desk, M001.dashboard, values);
  });

  test('the walk met every screen of the manual, in its order', () => {
    assertWalkedInOrder(M001);
  });
});
