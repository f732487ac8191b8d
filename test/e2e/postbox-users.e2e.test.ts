import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolationsOnce as axe, type AxeFinding } from '../support/axe.ts';
import type { Browser, Page } from 'playwright-core';
import { journeyDatabase } from '../support/databases.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { chromiumSkipReason, launchChromium } from '../support/chromium.ts';
import { AXE_SCREENS, runPostboxJourney, type PostboxScreen } from './support/postbox-journey.ts';

/**
 * The postbox and the Nutzerverwaltung in headless Chromium: employer A writes to the AOK with two
 * attachments, clerk B answers with an attachment and publishes a letter, A gets the notice mails
 * (without content), reads, downloads and marks unread; A invites a colleague (C) who accepts through
 * the mail, registers the terminal app and sees the company's postbox; A locks, unlocks and removes C.
 * axe on the postbox pages of both sides, the Nutzerverwaltung and the invitation.
 */

const skip = chromiumSkipReason();

for (const kind of journeyDatabase('postgres')) {
  describe(`postbox and company users in Chromium (${kind})`, { skip }, () => {
    let t: TestSystem;
    let browser: Browser;
    before(async () => {
      [t, browser] = await Promise.all([startTestSystem(kind), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    test('message with attachments, answer and letter from the back office, notice mails, read/unread, download; invite, lock, unlock, remove a user; axe', { timeout: 180_000 }, async (tt) => {
      const findings: AxeFinding<PostboxScreen>[] = [];
      const checked: PostboxScreen[] = [];
      const result = await runPostboxJourney(t, browser, {
        onScreen: async (screen, page) => {
          if (!AXE_SCREENS.includes(screen)) return;
          checked.push(screen);
          findings.push(...(await axe(page, screen)));
        },
      });

      // what happened is on record, once each
      const db = t.system.deps.db;
      const actions = (await db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
      const count = (a: string) => actions.filter((x) => x === a).length;
      assert.equal(count('postbox.message_to_insurer'), 1, 'one message sent (the one without a subject was not)');
      assert.equal(count('postbox.message_to_company'), 1, 'one answer');
      assert.equal(count('postbox.letter_to_company'), 1, 'one letter');
      for (const a of ['users.invited', 'users.invitation_accepted', 'users.locked', 'users.unlocked', 'users.removed']) assert.equal(count(a), 1, a);
      const messages = await db.selectFrom('postbox_messages').select(['direction', 'kind', 'subject']).where('company', '=', result.betriebsnummer).orderBy('subject').execute();
      assert.deepEqual(
        messages.map((m) => `${m.direction}/${m.kind}: ${m.subject}`),
        ['to_company/message: AW: Frage zur Beitragsnachweisung', 'to_company/letter: Beitragsbescheid 2026', 'to_insurer/message: Frage zur Beitragsnachweisung'],
      );
      assert.equal((await db.selectFrom('accounts').select('id').where('email', '=', result.user).execute()).length, 0, 'the user is removed');

      for (const screen of [
        'postfach',
        'nachricht',
        'neue-nachricht',
        'neue-nachricht-fehler',
        'nutzerverwaltung',
        'einladung',
        'backoffice-postfach',
        'backoffice-nachricht',
        'brief',
      ] satisfies PostboxScreen[]) {
        assert.ok(checked.includes(screen), `axe ran on ${screen}`);
      }
      const minor = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
      if (minor.length) tt.diagnostic(`axe (moderate/minor): ${minor.map((f) => `${f.screen}: ${f.id} (${f.impact}) ${f.targets.join(', ')}`).join('; ')}`);
      const severe = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      assert.deepEqual(severe, [], 'no serious or critical axe violations');
    });
  });
}
