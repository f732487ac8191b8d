import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { pdfTextWith } from '../../support/pdf.ts';
import { clockAtRealTime } from '../../modules/epa-access/support.ts';
import { pdfWith } from '../../modules/epa-records/fixtures.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import { deviceName } from '../../../src/apps/epa-desktop/epa-login/section.tsx';
import { desktopFor, launchCookie } from './epa-login-support.ts';
import { signedInToRecord } from './documents-support.ts';
import { protocolRows, whoAndWhat } from './protocol-support.ts';

/**
 * "Protokoll" in the program (issue 15 §7), against a running server, without JavaScript: every
 * entry with Zeitpunkt, Wer, Aktion, Dokument, Gerät and Ergebnis, newest first; the filter by period
 * and kind; pages of 25; "Als PDF speichern"; reachable from the record's screens.
 */
for (const kind of databaseKinds) {
  describe(`pforte-epa › Protokoll (${kind})`, () => {
    const t = testSystemFor(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);
    const browser = () => app().browser;
    const open = (query = '') => browser().get(app().at(`/epa/protokoll${query}`));
    let person: Awaited<ReturnType<typeof signedInToRecord>>;
    const device = deviceName();

    test('without the ePA login the Protokoll leads to the login', async () => {
      const answer = await fetch(app().at('/epa/protokoll'), { redirect: 'manual', headers: { cookie: await launchCookie(app()) } });
      assert.equal(answer.status, 303);
    });

    test('"Protokoll" is reached from "Dokumente" and lists every entry newest first: Zeitpunkt, Wer, Aktion, Dokument, Gerät, Ergebnis', async () => {
      person = await signedInToRecord(t, app());
      assert.match(browser().lastHtml, /<a href="\/epa\/protokoll">Protokoll<\/a>/, 'the record\'s navigation on Dokumente');
      await open();
      assert.equal(browser().lastStatus, 200);
      const html = browser().lastHtml;
      assert.match(html, /<h1>Protokoll<\/h1>/);
      assert.match(html, /<a href="\/epa\/protokoll" aria-current="page">Protokoll<\/a>/);
      for (const head of ['Zeitpunkt', 'Wer', 'Aktion', 'Dokument', 'Gerät', 'Ergebnis']) assert.match(html, new RegExp(`<th scope="col">${head}</th>`));
      const rows = protocolRows(html);
      assert.match(rows[0]![0]!, /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/, 'the time in Berlin');
      assert.deepEqual(rows[0]!.slice(1), ['Sie', 'Dokumentenliste abgerufen', '–', device, 'erfolgreich']);
      const actions = rows.map((r) => r[2]);
      for (const action of ['Anmeldung an der ePA', 'Gerät freigeschaltet', 'Gerät angemeldet, Bestätigungscode per E-Mail gesendet']) assert.ok(actions.includes(action), action);
    });

    test('an opened document is named; the AOK appears by its name, a refused step as "abgewiesen"', async () => {
      const doc = await t.system.deps.epaRecords.add(t.system.deps.epaRecords.staffAccess({ ...SYSTEM_ACTOR, actor: 'staff:sb-1', insurerId: 'bw' }, 'bw'), person.id, { title: 'Brief der AOK', classCode: 'BRI', fileName: 'brief.pdf', bytes: pdfWith('Brief') });
      await browser().get(app().at(`/epa/dokumente/${doc.id}`));
      await browser().get(app().at('/epa/dokumente/00000000-0000-4000-8000-000000000000'));
      await open();
      const rows = whoAndWhat(browser().lastHtml);
      assert.deepEqual(rows[0], ['Sie', 'Zugriff auf ein unbekanntes Dokument', '00000000-0000-4000-8000-000000000000', device, 'abgewiesen']);
      assert.deepEqual(rows[1], ['Sie', 'Dokument geöffnet', 'Brief der AOK', device, 'erfolgreich']);
      assert.deepEqual(rows[2], ['AOK Baden-Württemberg', 'Dokument hinzugefügt', 'Brief der AOK', '–', 'erfolgreich']);
    });

    test('the kind filters: "Anmeldungen" shows only logins', async () => {
      await open('?art=login');
      const actions = whoAndWhat(browser().lastHtml).map((r) => r[1]);
      assert.ok(actions.length >= 2);
      assert.ok(actions.every((a) => a === 'Anmeldung an der ePA'), actions.join(', '));
      assert.match(browser().lastHtml, /<option value="login" selected>Anmeldungen<\/option>/);
    });

    test('the period filters; a day that does not exist is named at its field', async () => {
      await open('?von=2020-01-01&bis=2020-12-31');
      assert.deepEqual(protocolRows(browser().lastHtml), []);
      assert.match(browser().text(), /Für diese Auswahl gibt es keine Einträge\./);
      await open('?von=2025-02-30');
      assert.equal(browser().lastStatus, 400);
      assert.equal(browser().fieldError('von'), 'Bitte geben Sie ein gültiges Datum an (JJJJ-MM-TT).');
    });

    test('pages of 25: "Seite 1 von 2" and "Nächste Seite"', async () => {
      for (let i = 0; i < 25; i++) await browser().get(app().at('/epa/dokumente'));
      await open();
      assert.equal(protocolRows(browser().lastHtml).length, 25);
      assert.match(browser().text(), /Seite 1 von \d+ Nächste Seite/);
      await browser().get(app().at('/epa/protokoll?seite=2'));
      assert.ok(protocolRows(browser().lastHtml).length > 0);
      assert.match(browser().text(), /Vorherige Seite/);
    });

    test('"Als PDF speichern" downloads the record service\'s PDF of the same selection', async (tc) => {
      await open('?art=login');
      const link = /<a class="button" href="([^"]+)" download="">Als PDF speichern<\/a>/.exec(browser().lastHtml)?.[1];
      assert.equal(link, '/epa/protokoll.pdf?art=login');
      const response = await browser().get(app().at(link!));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="ePA-Protokoll-\d{4}-\d{2}-\d{2}\.pdf"/);
      pdfTextWith(tc, new Uint8Array(await response.arrayBuffer()), ['Protokoll', person.kvnr, 'Anmeldung an der ePA']);
    });
  });
}
