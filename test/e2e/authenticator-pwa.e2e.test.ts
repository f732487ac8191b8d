import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { asSubtests } from './steps/journey.ts';
import { systemAndChromium } from './steps/suite.ts';
import { axeRecord } from './steps/axe.ts';
import { runAuthenticatorJourney, type JourneyResult, type Screen } from './support/authenticator-journey.ts';

/**
 * Manual 000 steps 8–13, manual 002 §2.3 (the app's steps) and manual 001 in headless Chromium: the
 * employer's browser and a phone with the 2-factor app (PWA at /app/, its own IndexedDB), registration
 * to dashboard, an install page, timeout with the login data again and "Akzeptieren", a wrong PIN;
 * axe on every screen of the app and the portal's pages.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`2-factor app in the browser (${kind})`, { skip }, () => {
    const { t, browser } = systemAndChromium(kind);
    const axe = axeRecord<Screen>();
    let result: JourneyResult | undefined;

    test('manual 000 steps 8–13 and 001', { timeout: 180_000 }, async (tt) => {
      result = await runAuthenticatorJourney(t, browser(), { step: asSubtests(tt), onScreen: axe.onScreen });
    });

    test('every login and every „Akzeptieren“ gives its own code', () => {
      assert.ok(result, 'the journey ran to its end');
      assert.equal(result.codes.length, 3);
      assert.equal(new Set(result.codes).size, 3, 'every login and every "Akzeptieren" gives its own code');
    });

    test('axe ran on every screen of the app and the portal and found nothing serious or critical', (tt) => {
      axe.assertRan([
        'geraet',
        'geraet-app',
        'geraet-installieren',
        'aktivierungscode',
        'app-nutzungsbedingungen',
        'app-aktivierung',
        'app-pin',
        'app-glueckwunsch',
        'app-login',
        'app-code',
        'abschluss',
        'login',
        'sicherheitscode',
      ]);
      axe.assertNoSevere(tt);
    });
  });
}
