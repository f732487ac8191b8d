import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { sampleExe, sampleJpeg, samplePdf } from '../../support/samples.ts';
import { PASSWORD, PIN, activatedEmployer, authenticator, person, readReplyThenMarkUnread } from '../../support/journeys.ts';
import { activatedProvider, partnerClient, provider, invitedPartnerUser } from '../../support/partner-journeys.ts';
import { signedInStaff } from '../../support/staff.ts';
import { ik } from '../../support/eavis-providers.ts';
import { newId } from '../../../src/core/ids/secrets.ts';

/**
 * The provider portal's postbox (issue 11 item 7, manual 002 §2): the employer portal's postbox,
 * reused. A provider's postbox belongs to the provider (the IK of its first registration with its
 * AOK); every user of the provider reads it, staff reach it by any IK the provider manages.
 */

const ID = /[0-9a-f-]{36}/;

function messageForm(c: FormClient, fields: Record<string, string>, files: { name: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  form.set('_csrf', c.csrf());
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)]), f.name);
  return form;
}

/** Staff publish a letter (one PDF) to the postbox the portal and number lead to. */
async function letter(staff: FormClient, fields: { portal: string; identifier: string; subject: string; insurerId?: string }, pdf?: Uint8Array) {
  await staff.get('/backoffice/postfach/brief');
  const form = messageForm(staff, fields, [{ name: `${fields.subject}.pdf`, bytes: pdf ?? (await samplePdf(fields.subject)) }]);
  return staff.request('POST', '/backoffice/postfach/brief', form);
}

for (const kind of databaseKinds) {
  describe(`provider postbox (${kind})`, () => {
    const t = testSystemFor(kind);

    test('a message with attachments both ways, read/unread, notice mails without content, a letter by any managed IK; the provider’s users share it', async () => {
      const a = await activatedProvider(t, provider({ ik: '260326822' }));
      const c = a.client;
      const insurerId = (await t.system.deps.ikRegister.lookup('260326822'))!.insurerId!;
      assert.match(c.text(), /Nachrichten und Briefe im Postfach/);
      assert.match(c.text(), /Keine ungelesenen Nachrichten/);

      // the LE-Admin writes to the AOK
      await c.get('/partner/postfach');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Ihr Postfach ist leer/);
      assert.match(c.text(), /Mein AOK Gesundheitspartnerservice/, "the provider portal's chrome");
      await c.get('/partner/postfach/neu');
      assert.match(c.text(), /Neue Nachricht an Ihre AOK/);
      await c.request('POST', '/partner/postfach/neu', messageForm(c, { subject: 'Frage zur Abrechnung', body: 'Guten Tag,\nanbei die Rechnung.' }, [
        { name: 'Rechnung.pdf', bytes: await samplePdf('Rechnung') },
        { name: 'Foto.jpg', bytes: sampleJpeg },
      ]));
      assert.match(c.lastUrl, /\/partner\/postfach\?gesendet=1$/);
      assert.match(c.text(), /Ihre Nachricht wurde an Ihre AOK gesendet/);
      assert.match(c.text(), /Frage zur Abrechnung \(2 Anhänge\) Gesendet gelesen/);

      // staff of the provider's AOK see it under the IK, answer with an attachment
      const staff = a.staff;
      await staff.get('/backoffice/postfach');
      assert.match(staff.text(), /IK-Nummer 260326822 Frage zur Abrechnung/);
      const link = staff.lastHtml.match(/href="(\/backoffice\/postfach\/[0-9a-f-]{36})">Frage zur Abrechnung/)![1]!;
      await staff.get(link);
      assert.match(staff.text(), /IK-Nummer 260326822/);
      assert.match(staff.text(), /anbei die Rechnung/);
      await staff.request('POST', `${link}/antworten`, messageForm(staff, { body: 'Vielen Dank, die Rechnung ist eingegangen.' }, [{ name: 'Eingang.pdf', bytes: await samplePdf('Eingang') }]));
      assert.match(staff.lastUrl, /hinweis=beantwortet/);

      // the notice mail says that, never what, and leads to the postbox
      const notice = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neue Nachricht in Ihrem Postfach' });
      assert.match(notice.text, /Mein AOK Gesundheitspartnerservice/);
      assert.doesNotMatch(notice.text, /Rechnung|Vielen Dank|Eingang/, 'the mail holds no content');
      assert.match(linkAfter(notice.text, 'Zum Postfach:'), /\/partner\/postfach$/);

      await c.get('/partner/startseite');
      assert.match(c.text(), /1 ungelesene Nachricht\./);
      await c.get('/partner/postfach');
      const answer = c.lastHtml.match(/href="(\/partner\/postfach\/[0-9a-f-]{36})">AW: Frage zur Abrechnung/)![1]!;
      await readReplyThenMarkUnread(c, 'partner', answer, [/Nachricht Ihrer AOK/, /die Rechnung ist eingegangen/]);
      assert.match(c.lastUrl, /\/partner\/postfach$/);
      assert.match(c.text(), /AW: Frage zur Abrechnung \(1 Anhang\) Nachricht ungelesen/);

      // the answer to the answer goes to the same AOK
      await c.get(`/partner/postfach/neu?antwort=${answer.split('/').pop()}`);
      assert.match(c.lastHtml, /value="AW: AW: Frage zur Abrechnung"/);

      // a user the LE-Admin set up shares the provider's postbox and its notice mails
      const u = await invitedPartnerUser(t, c, { firstName: 'Erika', lastName: 'Muster', password: PASSWORD });
      assert.match(u.client.text(), /Nachrichten und Briefe im Postfach/);
      await u.client.get('/partner/postfach');
      assert.equal(u.client.lastStatus, 200);
      assert.match(u.client.text(), /Frage zur Abrechnung/);

      // a letter by staff: the back office offers both portals and addresses by a managed IK
      await staff.get('/backoffice/postfach/brief');
      const options = [...staff.lastHtml.matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => `${m[1]}=${m[2]}`);
      assert.ok(options.includes('arbeitgeber=Mein AOK Arbeitgeberservice (Betriebsnummer)'), options.join(', '));
      assert.ok(options.includes('partner=Mein AOK Gesundheitspartnerservice (IK-Nummer)'), options.join(', '));
      assert.match(staff.text(), /Betriebsnummer bzw\. IK-Nummer/);
      // a further IK the provider manages (as after the AOK's check) leads to the same postbox
      const further = ik('26032699');
      await t.system.deps.db
        .insertInto('provider_iks')
        .values({ id: newId(), company: '260326822', ik: further, insurer_id: insurerId, status: 'active', requested_by: a.accountId, requested_at: t.clock.now(), decided_at: t.clock.now() })
        .execute();
      await letter(staff, { portal: 'partner', identifier: further, subject: 'Zulassungsbescheid 2026' });
      assert.match(staff.lastUrl, /hinweis=brief/, staff.text().slice(0, 500));
      for (const to of [a.fields.email, u.email]) {
        const mail = await waitForMail(t.baseUrl, to, { subject: 'Neue Post in Ihrem Postfach' });
        assert.doesNotMatch(mail.text, /Zulassungsbescheid/, 'the mail holds no content');
      }
      await u.client.get('/partner/postfach');
      assert.match(u.client.text(), /Zulassungsbescheid 2026 \(1 Anhang\) Brief ungelesen/);
      await c.get('/partner/postfach');
      assert.match(c.text(), /Zulassungsbescheid 2026 \(1 Anhang\) Brief ungelesen/, 'read/unread is per person');

      const stored = await t.system.deps.db.selectFrom('postbox_messages').select(['portal', 'company', 'insurer_id', 'direction', 'kind']).where('company', '=', '260326822').orderBy('created_at').execute();
      assert.deepEqual(stored, [
        { portal: 'partner', company: '260326822', insurer_id: insurerId, direction: 'to_insurer', kind: 'message' },
        { portal: 'partner', company: '260326822', insurer_id: insurerId, direction: 'to_company', kind: 'message' },
        { portal: 'partner', company: '260326822', insurer_id: insurerId, direction: 'to_company', kind: 'letter' },
      ]);
    });

    test('bad input › another provider or an employer, by guessed ids too; other AOKs; unmanaged IKs; upload rules; no login', async () => {
      const a = await activatedProvider(t, provider({ ik: '260370111' }));
      const b = await activatedProvider(t, provider({ ik: '510370439' }));
      const employer = await activatedEmployer(t, person({ betriebsnummer: '66667777', insurerId: 'ni' }));
      const e = new FormClient(t.baseUrl);
      await e.get('/arbeitgeber/login');
      await e.postForm({ email: employer.fields.email, password: PASSWORD }, '/arbeitgeber/login');
      await e.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', employer.fields.email, '--pin', PIN, '--state', employer.state])).out[0]! }, '/sicherheitscode');
      assert.match(e.lastUrl, /startseite$/);

      // A writes, with an attachment
      await a.client.get('/partner/postfach/neu');
      await a.client.request('POST', '/partner/postfach/neu', messageForm(a.client, { subject: 'Vertraulich A', body: 'Nur für die AOK.' }, [{ name: 'a.pdf', bytes: await samplePdf() }]));
      const id = a.client.lastHtml.match(new RegExp(`href="/partner/postfach/(${ID.source})"`))![1]!;
      await a.client.get(`/partner/postfach/${id}`);
      const fileLink = a.client.lastHtml.match(/href="(\/partner\/postfach\/[^"]+\/anhaenge\/[^"]+)"/)![1]!;
      // the employer writes too
      await e.get('/arbeitgeber/postfach/neu');
      await e.request('POST', '/arbeitgeber/postfach/neu', messageForm(e, { subject: 'Vertraulich E', body: 'Nur für die AOK.' }));
      const employerId = e.lastHtml.match(new RegExp(`href="/arbeitgeber/postfach/(${ID.source})"`))![1]!;

      // B (same AOK, another provider) guesses A's ids: nothing, and nothing changes
      for (const path of [`/partner/postfach/${id}`, fileLink, `/partner/postfach/neu?antwort=${id}`, `/partner/postfach/${employerId}`, `/partner/postfach/${newId()}`, '/partner/postfach/..%2F..%2Fetc']) {
        const r = await b.client.get(path);
        assert.equal(r.status, 404, path);
        assert.doesNotMatch(b.client.text(), /Vertraulich|Nur für die AOK/, path);
      }
      await b.client.get('/partner/postfach');
      assert.doesNotMatch(b.client.text(), /Vertraulich/);
      await b.client.get('/partner/postfach/neu');
      const unread = await b.client.request('POST', `/partner/postfach/${id}/ungelesen`, new URLSearchParams({ _csrf: b.client.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(unread.status, 404);
      // an answer "to" A's message is refused and stored nowhere
      await b.client.get('/partner/postfach/neu');
      await b.client.request('POST', '/partner/postfach/neu', messageForm(b.client, { subject: 'AW: geraten', body: 'x', replyTo: id }));
      assert.equal(b.client.lastStatus, 404);
      assert.equal((await t.system.deps.db.selectFrom('postbox_messages').select('id').where('subject', '=', 'AW: geraten').execute()).length, 0);
      await b.client.get('/partner/startseite');
      assert.match(b.client.text(), /Keine ungelesenen Nachrichten/);

      // the employer cannot reach the provider's message through its own portal, nor the provider the employer's
      for (const path of [`/arbeitgeber/postfach/${id}`, fileLink.replace('/partner/', '/arbeitgeber/')]) {
        const r = await e.get(path);
        assert.equal(r.status, 404, path);
      }
      await e.get('/arbeitgeber/postfach');
      assert.doesNotMatch(e.text(), /Vertraulich A/);
      await a.client.get(`/partner/postfach/${employerId}`);
      assert.equal(a.client.lastStatus, 404);
      // a signed-in employer is nobody in the provider portal
      await e.get(`/partner/postfach/${id}`);
      assert.doesNotMatch(e.text(), /Vertraulich A|Nur für die AOK/);

      // staff of another AOK: neither the message nor a letter to the provider
      const other = await signedInStaff(t, 'clerk', 'by');
      await other.get('/backoffice/postfach');
      assert.doesNotMatch(other.text(), /Vertraulich A/);
      await other.get(`/backoffice/postfach/${id}`);
      assert.equal(other.lastStatus, 404);
      await letter(other, { portal: 'partner', identifier: '260370111', subject: 'Fremd' });
      assert.equal(other.lastStatus, 422);
      assert.match(other.fieldError('identifier') ?? '', /kein Unternehmen/);

      // letters: an IK nobody manages, an IK in the employer portal, a Betriebsnummer in the provider portal, no portal
      const staff = a.staff;
      await letter(staff, { portal: 'partner', identifier: '320370587', subject: 'Niemand' });
      assert.equal(staff.lastStatus, 422);
      assert.match(staff.fieldError('identifier') ?? '', /kein Unternehmen/);
      assert.match(staff.lastHtml, /<option[^>]*value="partner"[^>]*selected/, 'the choice is kept');
      await letter(staff, { portal: 'arbeitgeber', identifier: '260370111', subject: 'Falsches Portal' });
      assert.equal(staff.lastStatus, 422);
      assert.ok(staff.fieldError('identifier'));
      await letter(staff, { portal: 'partner', identifier: '66667777', subject: 'Falsche Nummer' });
      assert.equal(staff.lastStatus, 422);
      assert.ok(staff.fieldError('identifier'));
      await letter(staff, { portal: 'backoffice', identifier: '260370111', subject: 'Kein Portal' });
      assert.equal(staff.lastStatus, 422);
      assert.ok(staff.fieldError('portal'));
      await letter(staff, { portal: 'partner', identifier: '260370111', subject: 'Kein PDF' }, sampleJpeg);
      assert.equal(staff.lastStatus, 422);
      assert.match(staff.fieldError('files') ?? '', /PDF/);
      assert.equal((await t.system.deps.db.selectFrom('postbox_messages').select('id').where('kind', '=', 'letter').where('company', 'in', ['260370111', '510370439']).execute()).length, 0);

      // attachments follow the upload rules
      await a.client.get('/partner/postfach/neu');
      const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, bytes: sampleJpeg }));
      await a.client.request('POST', '/partner/postfach/neu', messageForm(a.client, { subject: 'Viele', body: 'x' }, six));
      assert.equal(a.client.lastStatus, 422);
      assert.match(a.client.fieldError('files') ?? '', /höchstens fünf/);
      assert.match(a.client.lastHtml, /value="Viele"/);
      await a.client.request('POST', '/partner/postfach/neu', messageForm(a.client, { subject: 'Rechnung', body: 'x' }, [{ name: 'rechnung.pdf', bytes: sampleExe() }]));
      assert.equal(a.client.lastStatus, 422);
      assert.match(a.client.fieldError('files') ?? '', /Dateiformat/);
      const noCsrf = new FormData();
      noCsrf.set('subject', 'x');
      noCsrf.set('body', 'x');
      assert.equal((await a.client.request('POST', '/partner/postfach/neu', noCsrf)).status, 403);
      const mine = await t.system.deps.db.selectFrom('postbox_messages').select('subject').where('portal', '=', 'partner').where('company', '=', '260370111').execute();
      assert.deepEqual(mine.map((m) => m.subject), ['Vertraulich A']);

      // no mail said anything to B, and nothing about A's message at all
      for (const m of await mailsTo(t.baseUrl, b.fields.email)) assert.doesNotMatch(m.subject, /Postfach/);

      // without a login there is no postbox
      const anonymous = await partnerClient(t);
      await anonymous.get(`/partner/postfach/${id}`);
      assert.match(anonymous.lastUrl, /\/partner\/login/);
      assert.doesNotMatch(anonymous.text(), /Vertraulich/);
    });
  });
}
