import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolationsOnce as axe, type AxeFinding } from '../support/axe.ts';
import type { Browser, Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { runAuthenticatorJourney, type Screen } from './support/authenticator-journey.ts';

/**
 * Manual 000 steps 8–13, manual 002 §2.3 (the app's steps) and manual 001 in headless Chromium: the
 * employer's browser and a phone with the 2-factor app (PWA at /app/, its own IndexedDB), registration
 * to dashboard, an install page, timeout with the login data again and "Akzeptieren", a wrong PIN;
 * axe on every screen of the app and the portal's pages.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`2-factor app in the browser (${kind})`, { skip }, () => {
    let t: TestSystem;
    let browser: Browser;
    before(async () => {
      [t, browser] = await Promise.all([startTestSystem(kind), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    test('manual 000 steps 8–13 and 001 › device step, app activation, login with the app code, timeout and "Akzeptieren", wrong PIN; axe', async (tt) => {
      const findings: AxeFinding<Screen>[] = [];
      const checked: Screen[] = [];
      const result = await runAuthenticatorJourney(t, browser, {
        onScreen: async (screen, page) => {
          checked.push(screen);
          findings.push(...(await axe(page, screen)));
        },
      });
      assert.equal(result.codes.length, 3);
      assert.equal(new Set(result.codes).size, 3, 'every login and every "Akzeptieren" gives its own code');
      for (const screen of [
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
      ] satisfies Screen[]) {
        assert.ok(checked.includes(screen), `axe ran on ${screen}`);
      }
      const minor = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
      if (minor.length) tt.diagnostic(`axe (moderate/minor): ${minor.map((f) => `${f.screen}: ${f.id} (${f.impact}) ${f.targets.join(', ')}`).join('; ')}`);
      const severe = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      assert.deepEqual(severe, [], 'no serious or critical axe violations');
    });
  });
}
