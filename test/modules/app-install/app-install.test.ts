import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { registerAndConfirm } from '../../support/journeys.ts';
import { partnerClient, registerProviderAndConfirm } from '../../support/partner-journeys.ts';

/**
 * Manual 000 step 9 and the provider footer's "Download Zwei-Faktor-Authentifizierung": each app
 * button leads to its system's install page (the web app, no store), with the app's address as a
 * QR code and as text, and the terminal program as the alternative.
 */

/** What each button's page must say: its heading and the browser action it is about. */
const BUTTONS = [
  { button: 'AOK 2-Faktor App für Windows laden', path: 'windows', heading: 'AOK 2-Faktor App für Windows', says: [/„App installieren“/, /Microsoft Edge oder Google Chrome/, /im Startmenü/] },
  { button: 'AOK 2-Faktor App für MacOS laden', path: 'macos', heading: 'AOK 2-Faktor App für MacOS', says: [/„App installieren“/, /„Ablage“ → „Zum Dock hinzufügen“/, /ab macOS 14/] },
  { button: 'AOK 2-Faktor App für Google Play Store laden', path: 'android', heading: 'AOK 2-Faktor App für Android', says: [/nicht im Google Play Store/, /„App installieren“/, /„Zum Startbildschirm hinzufügen“/] },
  { button: 'AOK 2-Faktor App für Apple App Store laden', path: 'ios', heading: 'AOK 2-Faktor App für iPhone und iPad', says: [/nicht im Apple App Store/, /„Teilen“/, /„Zum Home-Bildschirm“/, /nicht im Safari-Fenster/] },
];

/** The href of the link whose text is `label` on the client's last page. */
function hrefOf(client: FormClient, label: string): string {
  for (const m of client.lastHtml.matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() === label) return m[1]!.replace(/&amp;/g, '&');
  }
  throw new Error(`no link "${label}" on ${client.lastUrl}`);
}

/**
 * The dark modules the page's SVG draws, read from its path ("M x y" starts a row, "m dx 0" skips,
 * "h n" draws n modules), compared with the QR symbol of `text`: the picture is that address's code.
 */
function assertQrEncodes(html: string, text: string) {
  const svg = html.match(/<svg[^>]*class="qr"[^>]*>[\s\S]*?<\/svg>/)?.[0];
  assert.ok(svg, 'an inline SVG QR code');
  assert.match(svg, /role="img"/);
  assert.match(svg, /aria-label="QR-Code der Adresse der AOK Zweifaktor App: [^"]+"/);
  const size = Number(svg.match(/viewBox="0 0 (\d+) \1"/)?.[1]);
  const d = svg.match(/<path stroke="#000000" d="([^"]+)"/)?.[1] ?? '';
  const drawn = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Math.floor(Number(b))];
    else if (cmd === 'm') x += Number(a);
    else for (let i = 0; i < Number(a); i++) drawn.add(`${x++},${y}`);
  }
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const margin = (size - symbol.size) / 2;
  assert.ok(margin >= 1, 'a quiet zone around the code');
  const expected = new Set<string>();
  for (let r = 0; r < symbol.size; r++) for (let c = 0; c < symbol.size; c++) if (symbol.get(r, c)) expected.add(`${c + margin},${r + margin}`);
  assert.deepEqual([...drawn].sort(), [...expected].sort(), `the QR code encodes ${text}`);
}

function assertInstallPage(client: FormClient, appUrl: string) {
  assert.equal(client.lastStatus, 200);
  assertQrEncodes(client.lastHtml, appUrl);
  assert.ok(client.text().includes(appUrl), 'the address as text');
  assert.match(client.lastHtml, new RegExp(`<a href="${appUrl.replace(/[.]/g, '\\.')}">`), 'the address as a link');
  assert.match(client.lastHtml, /href="\/app\/cli"/, 'the terminal program as the alternative');
  assert.match(client.text(), /Alternative: die AOK 2-Faktor App für das Terminal/);
  assert.doesNotMatch(client.lastHtml, /play\.google\.com|apps\.apple\.com|\.exe"|\.dmg"/, 'no store or download that does not exist');
}

for (const kind of databaseKinds) {
  describe(`install pages of the 2-factor app (${kind})`, () => {
    const t = testSystemFor(kind);

    test('manual 000 step 9 › each of the four buttons opens its system\'s install page, with QR code, address and terminal program', async () => {
      const appUrl = `${t.baseUrl}/app/`;
      const { client } = await registerAndConfirm(t);
      for (const b of BUTTONS) {
        await client.get('/arbeitgeber/registrierung/geraet/app');
        const href = hrefOf(client, b.button);
        assert.equal(href, `/arbeitgeber/zwei-faktor-authentifizierung/${b.path}`);
        await client.get(href);
        assertInstallPage(client, appUrl);
        assert.match(client.lastHtml, new RegExp(`<h1>${b.heading}</h1>`));
        for (const s of b.says) assert.match(client.text(), s, `${b.path}: ${s}`);
        assert.match(client.text(), /Mein AOK Arbeitgeberservice/, 'inside the portal that links it');
        assert.equal(hrefOf(client, 'Andere Betriebssysteme'), '/arbeitgeber/zwei-faktor-authentifizierung');
      }
      await client.get('/arbeitgeber/zwei-faktor-authentifizierung');
      assertInstallPage(client, appUrl);
    });

    test('manual 002 › the footer\'s "Download Zwei-Faktor-Authentifizierung" and the provider\'s device step lead to the same pages', async () => {
      const appUrl = `${t.baseUrl}/app/`;
      const visitor = await partnerClient(t);
      await visitor.get('/partner/');
      await visitor.get(hrefOf(visitor, 'Download Zwei-Faktor-Authentifizierung'));
      assert.equal(visitor.lastUrl, `${t.baseUrl}/partner/zwei-faktor-authentifizierung`);
      assertInstallPage(visitor, appUrl);
      assert.match(visitor.lastHtml, /<h1>Download Zwei-Faktor-Authentifizierung<\/h1>/);
      assert.match(visitor.text(), /Die AOK 2-Faktor App steht für verschiedene Betriebssysteme zur Verfügung \(Windows, MacOS, Android, iOS\)\./);
      assert.match(visitor.text(), /nicht aus einem App Store geladen/);
      for (const [label, path] of [
        ['AOK 2-Faktor App für Windows', 'windows'],
        ['AOK 2-Faktor App für MacOS', 'macos'],
        ['AOK 2-Faktor App für Android', 'android'],
        ['AOK 2-Faktor App für iPhone und iPad', 'ios'],
      ] as const) {
        await visitor.get('/partner/zwei-faktor-authentifizierung');
        await visitor.get(hrefOf(visitor, label));
        assert.equal(visitor.lastUrl, `${t.baseUrl}/partner/zwei-faktor-authentifizierung/${path}`);
        assertInstallPage(visitor, appUrl);
        assert.match(visitor.text(), /Mein AOK Gesundheitspartnerservice/);
      }

      const { client } = await registerProviderAndConfirm(t);
      await client.get('/partner/registrierung/geraet/app');
      for (const b of BUTTONS) assert.equal(hrefOf(client, b.button), `/partner/zwei-faktor-authentifizierung/${b.path}`);
    });

    test('before the cookie notice: the provider portal asks first, the employer portal has none', async () => {
      const fresh = new FormClient(t.baseUrl);
      await fresh.get('/partner/zwei-faktor-authentifizierung/android');
      assert.match(fresh.text(), /Akzeptieren/);
      assert.doesNotMatch(fresh.lastHtml, /class="qr"/);
      await fresh.get('/arbeitgeber/zwei-faktor-authentifizierung/ios');
      assert.equal(fresh.lastStatus, 200);
      assert.match(fresh.lastHtml, /class="qr"/);
      await fresh.get('/arbeitgeber/zwei-faktor-authentifizierung/blackberry');
      assert.equal(fresh.lastStatus, 404);
    });
  });
}
