// Screenshots of the postbox and the Nutzerverwaltung: headless Chromium drives the same journey as
// test/e2e/postbox-users.e2e.test.ts against a throw-away system (PGlite in memory) and saves
// docs/screenshots/50-…56-*.png. No other file in docs/screenshots/ is touched. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-postbox.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (the error on the form, the mails, …).
import { runScreenshotScript } from '../test/support/screenshots.ts';
import { person } from '../test/support/journeys.ts';
import { runPostboxJourney, type PostboxScreen } from '../test/e2e/support/postbox-journey.ts';

const FILES: Partial<Record<PostboxScreen, string>> = {
  postfach: '50-postfach.png',
  'neue-nachricht': '51-neue-nachricht.png',
  nachricht: '52-nachricht.png',
  'backoffice-postfach': '53-backoffice-postfach.png',
  brief: '54-brief.png',
  nutzerverwaltung: '55-nutzerverwaltung.png',
  einladung: '56-einladung.png',
};

await runScreenshotScript(FILES, (t, browser, onScreen) =>
  runPostboxJourney(t, browser, {
    // fixed people, so that the pictures only change when the pages do
    employer: person({ insurerId: 'by', salutation: 'Herr', firstName: 'Jürgen', lastName: 'Weiß', email: 'j.weiss@firma-beispiel.de' }),
    userEmail: 'p.schmidt@firma-beispiel.de',
    clerk: { email: 'sabine.schmidt@aok-bayern.example', name: 'Sabine Schmidt' },
    viewport: { width: 1280, height: 900 },
    onScreen,
  }),
);
