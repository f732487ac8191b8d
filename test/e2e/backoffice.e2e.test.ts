import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolationsOnce as axe, type AxeFinding } from '../support/axe.ts';
import type { Browser, Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { BACKOFFICE_SCREENS, CSV_HEADER, runBackofficeJourney, type BackofficeScreen } from './support/backoffice-journey.ts';

/**
 * Manual 000 steps 13–15 in headless Chromium with the insurer's back office: the employer (A)
 * registers with the terminal app as device, a clerk of AOK Bayern (B) checks and activates, a clerk
 * of another AOK (C) neither sees nor opens the registration, A reads the mail and logs in; a second
 * employer (A2) is rejected with a reason and corrects the upload; administrator D locks and unlocks
 * A in "Zugänge" and exports the "Protokoll". axe on every back-office screen.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`back office in Chromium (${kind})`, { skip }, () => {
    let t: TestSystem;
    let browser: Browser;
    before(async () => {
      [t, browser] = await Promise.all([startTestSystem(kind), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    test('manual 000 steps 13–15 › check and activate, another AOK sees nothing, reject with a reason and correct, lock and unlock, Protokoll with CSV; axe', { timeout: 180_000 }, async (tt) => {
      const findings: AxeFinding<BackofficeScreen>[] = [];
      const checked: BackofficeScreen[] = [];
      const result = await runBackofficeJourney(t, browser, {
        onScreen: async (screen, page) => {
          if (!BACKOFFICE_SCREENS.includes(screen)) return;
          checked.push(screen);
          findings.push(...(await axe(page, screen)));
        },
      });
      assert.equal(result.csvHeader, CSV_HEADER);
      assert.ok(result.csvLines >= 2);

      // what happened is on record, once each
      const db = t.system.deps.db;
      const actions = (await db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
      const count = (a: string) => actions.filter((x) => x === a).length;
      assert.equal(count('registration.activated'), 1);
      assert.equal(count('registration.rejected'), 1);
      assert.equal(count('backoffice.registration_denied'), 1, 'the other AOK’s attempt is logged');
      assert.equal(count('account.locked'), 1);
      assert.equal(count('account.unlocked'), 1);
      assert.equal(count('backoffice.protocol_exported'), 1);
      const accounts = await db.selectFrom('accounts').select(['email', 'status']).where('email', 'in', [result.employer, result.secondEmployer]).orderBy('email').execute();
      assert.deepEqual(Object.fromEntries(accounts.map((a) => [a.email, a.status])), { [result.employer]: 'active', [result.secondEmployer]: 'pending' });

      for (const screen of ['login', 'einmalcode', 'registrierungen', 'registrierung-detail', 'zugaenge', 'zugang', 'geraete-ruecksetzungen', 'protokoll'] satisfies BackofficeScreen[]) {
        assert.ok(checked.includes(screen), `axe ran on ${screen}`);
      }
      const minor = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
      if (minor.length) tt.diagnostic(`axe (moderate/minor): ${minor.map((f) => `${f.screen}: ${f.id} (${f.impact}) ${f.targets.join(', ')}`).join('; ')}`);
      const severe = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      assert.deepEqual(severe, [], 'no serious or critical axe violations');
    });
  });
}
