// Screenshots of the insurer's back office (manual 000 steps 13–15): headless Chromium drives the same journey
// as test/e2e/backoffice.e2e.test.ts against a throw-away system (PGlite in memory) and saves
// docs/screenshots/40-…48-*.png. No other file in docs/screenshots/ is touched. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-backoffice.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (wrong password, rejection without reason, …).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureScreen, reportSizes } from '../test/support/screenshots.ts';
import { startTestSystem } from '../test/support/system.ts';
import { chromiumSkipReason, launchChromium } from '../test/support/chromium.ts';
import { person } from '../test/support/journeys.ts';
import { runBackofficeJourney, type BackofficeScreen } from '../test/e2e/support/backoffice-journey.ts';

const OUT = 'docs/screenshots';
const MAX_BYTES = 300 * 1024;

const FILES: Partial<Record<BackofficeScreen, string>> = {
  login: '40-backoffice-login.png',
  einmalcode: '41-backoffice-einmalcode.png',
  registrierungen: '42-registrierungen.png',
  'registrierung-detail': '43-registrierung-detail.png',
  zugaenge: '44-zugaenge.png',
  zugang: '45-zugang.png',
  'geraete-ruecksetzungen': '46-geraete-ruecksetzungen.png',
  protokoll: '47-protokoll.png',
  aktivierungsmail: '48-aktivierungsmail.png',
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
  await runBackofficeJourney(t, browser, {
    // fixed people, so that the pictures only change when the pages do
    employer: person({ insurerId: 'by', salutation: 'Herr', firstName: 'Jürgen', lastName: 'Weiß', email: 'j.weiss@firma-beispiel.de' }),
    secondEmployer: person({ insurerId: 'by', betriebsnummer: '37421159', salutation: 'Herr', title: '', firstName: 'Klaus', lastName: 'Bauer', email: 'k.bauer@bauer-gmbh.example' }),
    viewport: { width: 1280, height: 900 },
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
