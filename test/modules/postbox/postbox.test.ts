import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { sampleExe, sampleJpeg, samplePdf } from '../../support/samples.ts';
import { person, signedInEmployer, readReplyThenMarkUnread } from '../../support/journeys.ts';
import { signedInStaff } from '../../support/staff.ts';

for (const kind of databaseKinds) {
  describe(`postbox (${kind})`, () => {
    const t = testSystemFor(kind);

    test('a message with attachments both ways, read/unread, a mail without content, a letter', async () => {
      const a = await signedInEmployer(t, person({ betriebsnummer: '66667777' }));
      const c = a.client;
      await c.get('/arbeitgeber/startseite');
      assert.match(c.text(), /Keine ungelesenen Nachrichten/);
      await c.get('/arbeitgeber/postfach/neu');
      const form = new FormData();
      form.set('_csrf', c.csrf());
      form.set('subject', 'Frage zur Beitragsnachweisung');
      form.set('body', 'Guten Tag,\nanbei die Unterlagen.');
      form.append('files', new Blob([new Uint8Array(await samplePdf())]), 'Nachweis.pdf');
      form.append('files', new Blob([new Uint8Array(sampleJpeg)]), 'Foto.jpg');
      await c.request('POST', '/arbeitgeber/postfach/neu', form);
      assert.match(c.text(), /Ihre Nachricht wurde an Ihre AOK gesendet/);
      assert.match(c.text(), /Frage zur Beitragsnachweisung \(2 Anhänge\)/);

      const staff = await signedInStaff(t, 'clerk', 'by');
      await staff.get('/backoffice/postfach');
      assert.match(staff.text(), /Frage zur Beitragsnachweisung/);
      assert.match(staff.text(), /ungelesen/);
      const link = staff.lastHtml.match(/href="(\/backoffice\/postfach\/[0-9a-f-]{36})"/)![1]!;
      await staff.get(link);
      assert.match(staff.text(), /anbei die Unterlagen/);
      assert.match(staff.text(), /Nachweis\.pdf/);
      const answer = new FormData();
      answer.set('_csrf', staff.csrf());
      answer.set('body', 'Vielen Dank, wir haben die Unterlagen erhalten.');
      answer.append('files', new Blob([new Uint8Array(await samplePdf('Bestätigung'))]), 'Eingangsbestätigung.pdf');
      await staff.request('POST', `${link}/antworten`, answer);
      assert.match(staff.text(), /Die Antwort wurde in das Postfach des Unternehmens gestellt/);

      const notice = await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neue Nachricht in Ihrem Postfach' });
      assert.doesNotMatch(notice.text, /Vielen Dank|Unterlagen/, 'the mail holds no content');
      await c.get('/arbeitgeber/startseite');
      assert.match(c.text(), /1 ungelesene Nachricht/);
      await c.get('/arbeitgeber/postfach');
      const reply = c.lastHtml.match(/href="(\/arbeitgeber\/postfach\/[0-9a-f-]{36})">AW: Frage/)![1]!;
      await readReplyThenMarkUnread(c, 'arbeitgeber', reply, [/Vielen Dank, wir haben die Unterlagen erhalten/]);
      await c.get('/arbeitgeber/startseite');
      assert.match(c.text(), /1 ungelesene Nachricht/);

      // a letter (PDF) published by staff
      await staff.get('/backoffice/postfach/brief');
      const bad = new FormData();
      bad.set('_csrf', staff.csrf());
      bad.set('portal', 'arbeitgeber');
      bad.set('identifier', '66667777');
      bad.set('subject', 'Beitragsbescheid 2026');
      bad.append('files', new Blob([new Uint8Array(sampleJpeg)]), 'Bescheid.pdf');
      await staff.request('POST', '/backoffice/postfach/brief', bad);
      assert.equal(staff.lastStatus, 422);
      assert.match(staff.fieldError('files') ?? staff.text(), /PDF/);
      const unknown = new FormData();
      unknown.set('_csrf', staff.csrf());
      unknown.set('portal', 'arbeitgeber');
      unknown.set('identifier', '09912347');
      unknown.set('subject', 'x');
      unknown.append('files', new Blob([new Uint8Array(await samplePdf())]), 'x.pdf');
      await staff.request('POST', '/backoffice/postfach/brief', unknown);
      assert.equal(staff.lastStatus, 422);
      assert.match(staff.text(), /kein Unternehmen/);
      const letter = new FormData();
      letter.set('_csrf', staff.csrf());
      letter.set('portal', 'arbeitgeber');
      letter.set('identifier', '66667777');
      letter.set('subject', 'Beitragsbescheid 2026');
      letter.append('files', new Blob([new Uint8Array(await samplePdf('Bescheid'))]), 'Bescheid.pdf');
      await staff.request('POST', '/backoffice/postfach/brief', letter);
      assert.match(staff.text(), /Der Brief wurde in das Postfach des Unternehmens gestellt/);
      await waitForMail(t.baseUrl, a.fields.email, { subject: 'Neue Post in Ihrem Postfach' });
      await c.get('/arbeitgeber/postfach');
      assert.match(c.text(), /Beitragsbescheid 2026 \(1 Anhang\) Brief ungelesen/);
    });

    test('bad input › other companies, other insurers, too many or wrong attachments, no login', async () => {
      const a = await signedInEmployer(t, person({ betriebsnummer: '98094032' }));
      const b = await signedInEmployer(t, person({ betriebsnummer: '32349289' }));
      await a.client.get('/arbeitgeber/postfach/neu');
      const form = new FormData();
      form.set('_csrf', a.client.csrf());
      form.set('subject', 'Geheim');
      form.set('body', 'Nur für die AOK.');
      form.append('files', new Blob([new Uint8Array(await samplePdf())]), 'a.pdf');
      await a.client.request('POST', '/arbeitgeber/postfach/neu', form);
      const id = a.client.lastHtml.match(/href="\/arbeitgeber\/postfach\/([0-9a-f-]{36})"/)![1]!;
      await a.client.get(`/arbeitgeber/postfach/${id}`);
      const fileLink = a.client.lastHtml.match(/href="(\/arbeitgeber\/postfach\/[^"]+\/anhaenge\/[^"]+)"/)![1]!;
      await b.client.get(`/arbeitgeber/postfach/${id}`);
      assert.equal(b.client.lastStatus, 404, "another company's message");
      const foreignFile = await b.client.get(fileLink);
      assert.equal(foreignFile.status, 404, "another company's attachment");

      const other = await signedInStaff(t, 'clerk', 'he');
      await other.get('/backoffice/postfach');
      assert.doesNotMatch(other.text(), /Geheim/);
      await other.get(`/backoffice/postfach/${id}`);
      assert.equal(other.lastStatus, 404);

      await a.client.get('/arbeitgeber/postfach/neu');
      const many = new FormData();
      many.set('_csrf', a.client.csrf());
      many.set('subject', 'Viele');
      many.set('body', 'x');
      for (let i = 0; i < 6; i++) many.append('files', new Blob([new Uint8Array(sampleJpeg)]), `f${i}.jpg`);
      await a.client.request('POST', '/arbeitgeber/postfach/neu', many);
      assert.equal(a.client.lastStatus, 422);
      assert.match(a.client.fieldError('files') ?? '', /höchstens fünf/);
      assert.match(a.client.lastHtml, /value="Viele"/);
      const exe = new FormData();
      exe.set('_csrf', a.client.csrf());
      exe.set('subject', 'Rechnung');
      exe.set('body', 'x');
      exe.append('files', new Blob([new Uint8Array(sampleExe())]), 'rechnung.pdf');
      await a.client.request('POST', '/arbeitgeber/postfach/neu', exe);
      assert.equal(a.client.lastStatus, 422);
      assert.match(a.client.fieldError('files') ?? '', /Dateiformat/);
      const empty = new FormData();
      empty.set('_csrf', a.client.csrf());
      empty.set('subject', '');
      empty.set('body', '');
      await a.client.request('POST', '/arbeitgeber/postfach/neu', empty);
      assert.equal(a.client.lastStatus, 422);
      assert.ok(a.client.fieldError('subject'));
      // a field sent twice is not a form our page sends: refused, never a 500, nothing stored
      const twice = new FormData();
      twice.set('_csrf', a.client.csrf());
      twice.append('subject', 'Erster Betreff');
      twice.append('subject', 'Zweiter Betreff');
      twice.set('body', 'x');
      const repeated = await a.client.request('POST', '/arbeitgeber/postfach/neu', twice);
      assert.ok([400, 422].includes(repeated.status), `status ${repeated.status}`);
      const noCsrf = new FormData();
      noCsrf.set('subject', 'x');
      noCsrf.set('body', 'x');
      const r = await a.client.request('POST', '/arbeitgeber/postfach/neu', noCsrf);
      assert.equal(r.status, 403);
      const count = await t.system.deps.db.selectFrom('postbox_messages').select('subject').where('company', '=', '98094032').execute();
      assert.deepEqual(count.map((m) => m.subject), ['Geheim']);

      // without a login there is no postbox
      const anonymous = new FormClient(t.baseUrl);
      await anonymous.get(`/arbeitgeber/postfach/${id}`);
      assert.match(anonymous.lastUrl, /\/arbeitgeber\/login/);
    });
  });
}
