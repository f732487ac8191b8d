// Screenshots of the device registration, the 2-factor app and the login (manual 000 steps 8–13, manual 001):
// headless Chromium drives the same journey as test/e2e/authenticator-pwa.e2e.test.ts against a throw-away
// system (PGlite in memory) and saves docs/screenshots/20-…31-*.png. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-authenticator.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (terms, PIN rule, expired code, wrong PIN, …).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureScreen, reportSizes } from '../test/support/screenshots.ts';
import { startTestSystem } from '../test/support/system.ts';
import { chromiumSkipReason, launchChromium } from '../test/support/chromium.ts';
import { person } from '../test/support/journeys.ts';
import { runAuthenticatorJourney, type Screen } from '../test/e2e/support/authenticator-journey.ts';

const OUT = 'docs/screenshots';
const MAX_BYTES = 300 * 1024;

const FILES: Partial<Record<Screen, string>> = {
  geraet: '20-geraet.png',
  'geraet-app': '21-geraet-app.png',
  aktivierungscode: '22-aktivierungscode.png',
  'app-aktivierung': '23-app-aktivierung.png',
  'app-pin': '24-app-pin.png',
  'app-glueckwunsch': '25-app-glueckwunsch.png',
  'app-login': '26-app-login.png',
  'app-code': '27-app-code.png',
  abschluss: '28-abschluss.png',
  login: '29-login.png',
  sicherheitscode: '30-sicherheitscode.png',
  startseite: '31-startseite.png',
};

const { values } = parseArgs({ options: { all: { type: 'string' } } });
const skip = chromiumSkipReason();
if (skip) {
  console.error(skip);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
if (values.all) mkdirSync(values.all, { recursive: true });

const t = await startTestSystem('pglite');
const browser = await launchChromium();
const saved: string[] = [];
try {
  await runAuthenticatorJourney(t, browser, {
    fields: person({ email: 'j.weiss@firma-beispiel.de' }),
    desktop: { width: 1280, height: 900 },
    phone: { width: 390, height: 844, deviceScaleFactor: 2 },
    onScreen: async (screen, page) => {
      const file = FILES[screen];
      const paths = [file ? join(OUT, file) : null, values.all ? join(values.all, `${screen}.png`) : null].filter((p): p is string => p !== null);
      await captureScreen(page, paths);
      saved.push(...paths);
    },
  });
} finally {
  await browser.close();
  await t.close();
}

const tooBig = !reportSizes(Object.values(FILES).map((file) => join(OUT, file!)));
if (values.all) console.log(`alle ${saved.filter((p) => p.startsWith(values.all!)).length} Bildschirme in ${values.all}`);
process.exit(tooBig ? 1 : 0);
