import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { journeyDatabase } from '../support/databases.ts';
import { auditCounts } from '../support/audit.ts';
import { chromiumSkipReason } from './steps/browser.ts';
import { asSubtests } from './steps/journey.ts';
import { systemAndChromium } from './steps/suite.ts';
import { axeRecord } from './steps/axe.ts';
import { AXE_SCREENS, runPostboxJourney, type PostboxJourneyResult } from './support/postbox-journey.ts';

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
    const { t, browser } = systemAndChromium(kind);
    const axe = axeRecord(AXE_SCREENS);
    let result: PostboxJourneyResult | undefined;

    test('messages, answer and letter, notice mails; invite, lock, unlock, remove a user', { timeout: 180_000 }, async (tt) => {
      result = await runPostboxJourney(t, browser(), { step: asSubtests(tt), onScreen: axe.onScreen });
    });

    test('what happened is on record, once each; the message without a subject was not sent', async () => {
      assert.ok(result, 'the journey ran to its end');
      const count = await auditCounts(t);
      assert.equal(count('postbox.message_to_insurer'), 1, 'one message sent (the one without a subject was not)');
      assert.equal(count('postbox.message_to_company'), 1, 'one answer');
      assert.equal(count('postbox.letter_to_company'), 1, 'one letter');
      for (const a of ['users.invited', 'users.invitation_accepted', 'users.locked', 'users.unlocked', 'users.removed']) assert.equal(count(a), 1, a);
    });

    test('the company’s postbox holds the message, the answer and the letter', async () => {
      assert.ok(result, 'the journey ran to its end');
      const messages = await t.system.deps.db.selectFrom('postbox_messages').select(['direction', 'kind', 'subject']).where('company', '=', result.betriebsnummer).orderBy('subject').execute();
      assert.deepEqual(
        messages.map((m) => `${m.direction}/${m.kind}: ${m.subject}`),
        ['to_company/message: AW: Frage zur Beitragsnachweisung', 'to_company/letter: Beitragsbescheid 2026', 'to_insurer/message: Frage zur Beitragsnachweisung'],
      );
    });

    test('the removed user’s account is gone', async () => {
      assert.ok(result, 'the journey ran to its end');
      assert.equal((await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', result.user).execute()).length, 0, 'the user is removed');
    });

    test('axe ran on the postbox pages of both sides, the Nutzerverwaltung and the invitation, and found nothing serious or critical', (tt) => {
      axe.assertRan(['postfach', 'nachricht', 'neue-nachricht', 'neue-nachricht-fehler', 'nutzerverwaltung', 'einladung', 'backoffice-postfach', 'backoffice-nachricht', 'brief']);
      axe.assertNoSevere(tt);
    });
  });
}
