import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { auditCounts } from '../support/audit.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { asSubtests } from './steps/journey.ts';
import { systemAndChromium } from './steps/suite.ts';
import { axeRecord } from './steps/axe.ts';
import { BACKOFFICE_SCREENS, CSV_HEADER, runBackofficeJourney, type BackofficeJourneyResult } from './support/backoffice-journey.ts';

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
    const { t, browser } = systemAndChromium(kind);
    const axe = axeRecord(BACKOFFICE_SCREENS);
    let result: BackofficeJourneyResult | undefined;

    test('manual 000 steps 13–15', { timeout: 180_000 }, async (tt) => {
      result = await runBackofficeJourney(t, browser(), { step: asSubtests(tt), onScreen: axe.onScreen });
    });

    test('the CSV export has the Protokoll’s columns and the rows of the filter', () => {
      assert.ok(result, 'the journey ran to its end');
      assert.equal(result.csvHeader, CSV_HEADER);
      assert.ok(result.csvLines >= 2);
    });

    test('what happened is on record, once each; the other AOK’s attempt too', async () => {
      assert.ok(result, 'the journey ran to its end');
      const count = await auditCounts(t);
      assert.equal(count('registration.activated'), 1);
      assert.equal(count('registration.rejected'), 1);
      assert.equal(count('backoffice.registration_denied'), 1, 'the other AOK’s attempt is logged');
      assert.equal(count('account.locked'), 1);
      assert.equal(count('account.unlocked'), 1);
      assert.equal(count('backoffice.protocol_exported'), 1);
    });

    test('the activated employer is active, the rejected one still pending', async () => {
      assert.ok(result, 'the journey ran to its end');
      const accounts = await t.system.deps.db.selectFrom('accounts').select(['email', 'status']).where('email', 'in', [result.employer, result.secondEmployer]).orderBy('email').execute();
      assert.deepEqual(Object.fromEntries(accounts.map((a) => [a.email, a.status])), { [result.employer]: 'active', [result.secondEmployer]: 'pending' });
    });

    test('axe ran on every back-office screen and found nothing serious or critical', (tt) => {
      axe.assertRan(['login', 'einmalcode', 'registrierungen', 'registrierung-detail', 'zugaenge', 'zugang', 'geraete-ruecksetzungen', 'protokoll']);
      axe.assertNoSevere(tt);
    });
  });
}
