// Screenshots of the postbox and the Nutzerverwaltung: headless Chromium drives the same journey as
// test/e2e/postbox-users.e2e.test.ts against a throw-away system (PGlite in memory) and saves
// docs/screenshots/50-…56-*.png. No other file in docs/screenshots/ is touched. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-postbox.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (the error on the form, the mails, …).
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { captureScreen, reportSizes } from '../test/support/screenshots.ts';
import { startTestSystem } from '../test/support/system.ts';
import { chromiumSkipReason, launchChromium } from '../test/support/chromium.ts';
import { person } from '../test/support/journeys.ts';
import { runPostboxJourney, type PostboxScreen } from '../test/e2e/support/postbox-journey.ts';

const OUT = 'docs/screenshots';
const MAX_BYTES = 300 * 1024;

const FILES: Partial<Record<PostboxScreen, string>> = {
  postfach: '50-postfach.png',
  'neue-nachricht': '51-neue-nachricht.png',
  nachricht: '52-nachricht.png',
  'backoffice-postfach': '53-backoffice-postfach.png',
  brief: '54-brief.png',
  nutzerverwaltung: '55-nutzerverwaltung.png',
  einladung: '56-einladung.png',
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
  await runPostboxJourney(t, browser, {
    // fixed people, so that the pictures only change when the pages do
    employer: person({ insurerId: 'by', salutation: 'Herr', firstName: 'Jürgen', lastName: 'Weiß', email: 'j.weiss@firma-beispiel.de' }),
    userEmail: 'p.schmidt@firma-beispiel.de',
    clerk: { email: 'sabine.schmidt@aok-bayern.example', name: 'Sabine Schmidt' },
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
