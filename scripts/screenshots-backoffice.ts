// Screenshots of the insurer's back office (manual 000 steps 13–15): headless Chromium drives the same journey
// as test/e2e/backoffice.e2e.test.ts against a throw-away system (PGlite in memory) and saves
// docs/screenshots/40-…48-*.png. No other file in docs/screenshots/ is touched. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-backoffice.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (wrong password, rejection without reason, …).
import { runScreenshotScript } from '../test/support/screenshots.ts';
import { person } from '../test/support/journeys.ts';
import { runBackofficeJourney, type BackofficeScreen } from '../test/e2e/support/backoffice-journey.ts';

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

await runScreenshotScript(FILES, (t, browser, onScreen) =>
  runBackofficeJourney(t, browser, {
    // fixed people, so that the pictures only change when the pages do
    employer: person({ insurerId: 'by', salutation: 'Herr', firstName: 'Jürgen', lastName: 'Weiß', email: 'j.weiss@firma-beispiel.de' }),
    secondEmployer: person({ insurerId: 'by', betriebsnummer: '37421159', salutation: 'Herr', title: '', firstName: 'Klaus', lastName: 'Bauer', email: 'k.bauer@bauer-gmbh.example' }),
    viewport: { width: 1280, height: 900 },
    onScreen,
  }),
);
