// Screenshots of the device registration, the 2-factor app and the login (manual 000 steps 8–13, manual 001):
// headless Chromium drives the same journey as test/e2e/authenticator-pwa.e2e.test.ts against a throw-away
// system (PGlite in memory) and saves docs/screenshots/20-…33-*.png. Nothing is edited by hand.
//
//   npm run build && npx tsx scripts/screenshots-authenticator.ts [--all <dir>]
//
// --all <dir> also saves every other screen the journey stops at (terms, PIN rule, expired code, wrong PIN, …).
import { runScreenshotScript } from '../test/support/screenshots.ts';
import { person } from '../test/support/journeys.ts';
import { runAuthenticatorJourney, type Screen } from '../test/e2e/support/authenticator-journey.ts';

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
  'app-nutzungsbedingungen': '32-app-nutzungsbedingungen.png',
  'geraet-installieren': '33-app-installieren.png',
};

await runScreenshotScript(FILES, (t, browser, onScreen) =>
  runAuthenticatorJourney(t, browser, {
    fields: person({ email: 'j.weiss@firma-beispiel.de' }),
    desktop: { width: 1280, height: 900 },
    phone: { width: 390, height: 844, deviceScaleFactor: 2 },
    onScreen,
  }),
);
