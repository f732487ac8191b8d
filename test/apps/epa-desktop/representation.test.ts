import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { clockAtRealTime } from '../../modules/epa-access/support.ts';
import { freshKvnr } from '../../modules/insured/kvnr.ts';
import { letter } from '../../modules/epa-records/api-support.ts';
import { desktopFor } from './epa-login-support.ts';
import { signedInToRecord, titles } from './documents-support.ts';
import { whoAndWhat } from './protocol-support.ts';

/**
 * "Vertretung für Angehörige" in the program (issue 15 §8), two people on their own local users
 * against a running server, without JavaScript: Anna names Bernd (the KVNR checked at the field, an
 * answer that does not tell whether he exists), Bernd confirms and acts for her ("Sie handeln für …",
 * her documents and Protokoll), cannot manage her representations, goes back to his own record; Anna
 * sees his steps as "Bernd Mustermann für Sie", ends the representation, and Bernd is refused.
 */
for (const kind of databaseKinds) {
  describe(`pforte-epa › Vertretung für Angehörige (${kind})`, () => {
    const t = testSystemFor(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);
    const anna = () => app().browser;
    let bernd: FormClient;
    let annaPerson: Awaited<ReturnType<typeof signedInToRecord>>;
    let berndPerson: Awaited<ReturnType<typeof signedInToRecord>>;
    let representation: string;

    before(async () => {
      // the tokens carry the computer's time (clockAtRealTime does this before each test, after this)
      t.clock.set(new Date());
      bernd = new FormClient(t.baseUrl);
      annaPerson = await signedInToRecord(t, app(), 'Anna');
      berndPerson = await signedInToRecord(t, { ...app(), browser: bernd }, 'Bernd');
      for (const [p, name] of [[annaPerson, 'Anna'], [berndPerson, 'Bernd']] as const) {
        await t.system.deps.db.updateTable('insured_persons').set({ first_name: name }).where('id', '=', p.id).execute();
      }
      await t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, annaPerson.id, { title: 'Annas Befund', classCode: 'BEF', fileName: 'befund.pdf', bytes: await letter('Annas Befund'), ownUpload: true });
      await t.system.deps.epaRecords.add({ actor: { kind: 'system' } }, berndPerson.id, { title: 'Bernds Notiz', classCode: 'DOK', fileName: 'notiz.pdf', bytes: await letter('Bernds Notiz'), ownUpload: true });
    });

    test('the Übersicht\'s tile leads to "Vertretung für Angehörige": the form, and no representatives yet', async () => {
      await anna().get(app().at('/uebersicht'));
      assert.match(anna().lastHtml, /<a class="tile" href="\/vertretung">/);
      await anna().get(app().at('/vertretung'));
      assert.equal(anna().lastStatus, 200);
      assert.match(anna().lastHtml, /<h1>Vertretung für Angehörige<\/h1>/);
      assert.match(anna().text(), /Sie haben noch niemanden als Vertretung benannt\./);
      assert.match(anna().text(), /Niemand hat Sie als Vertretung benannt\./);
    });

    test('a Versichertennummer with a wrong check digit is refused at its field; nothing is sent', async () => {
      const kvnr = berndPerson.kvnr;
      const wrong = `${kvnr.slice(0, 9)}${(Number(kvnr[9]) + 1) % 10}`;
      await anna().postForm({ kvnr: wrong, email: 'erika@example.org' }, '/vertretung/benennen');
      assert.equal(anna().lastStatus, 400);
      assert.match(anna().fieldError('kvnr') ?? '', /Prüfziffer/);
      assert.match(anna().lastHtml, /id="f-kvnr"[^>]*value="[^"]*"|value="[^"]*"[^>]*id="f-kvnr"/);
      assert.match(anna().text(), /Sie haben noch niemanden als Vertretung benannt\./);
    });

    test('Anna names Bernd: the answer says only "Falls … registriert ist, erhält sie eine E-Mail"; he is listed as eingeladen', async () => {
      await anna().get(app().at('/vertretung'));
      await anna().postForm({ kvnr: berndPerson.kvnr, email: 'erika@example.org' }, '/vertretung/benennen');
      assert.equal(anna().lastStatus, 200);
      const said = anna().text();
      assert.match(said, /Falls die Person mit dieser Versichertennummer und E-Mail-Adresse für die ePA registriert ist, erhält sie eine E-Mail/);
      assert.match(said, new RegExp(`\\(noch nicht bestätigt\\) ${berndPerson.kvnr} erika@example.org eingeladen`));
      representation = /\/vertretung\/([0-9a-f-]{36})\/beenden/.exec(anna().lastHtml)![1]!;
    });

    test('a KVNR that nobody has gets the very same answer', async () => {
      await anna().postForm({ kvnr: freshKvnr('Z'), email: 'niemand@example.org' }, '/vertretung/benennen');
      const notice = /Falls die Person[^<]*/.exec(anna().lastHtml)?.[0];
      assert.equal(notice, 'Falls die Person mit dieser Versichertennummer und E-Mail-Adresse für die ePA registriert ist, erhält sie eine E-Mail und kann die Vertretung in ihrem ePA Desktop Client bestätigen. Bis dahin ist die Vertretung nicht wirksam.');
    });

    test('Bernd sees the invitation from Anna and confirms it; Anna\'s list names him as bestätigt', async () => {
      await bernd.get(app().at('/vertretung'));
      assert.match(bernd.text(), /Personen, die Sie vertreten Anna Mustermann eingeladen/);
      await bernd.postForm({}, `/vertretung/${representation}/bestaetigen`);
      assert.equal(bernd.lastStatus, 200);
      assert.match(bernd.text(), /Sie haben die Vertretung bestätigt\./);
      assert.match(bernd.lastHtml, />Für Anna Mustermann handeln<\/button>/);
      await anna().get(app().at('/vertretung'));
      assert.match(anna().text(), new RegExp(`Bernd Mustermann ${berndPerson.kvnr} erika@example.org bestätigt`));
    });

    test('"Für Anna Mustermann handeln": her documents, the banner "Sie handeln für Anna Mustermann" on every screen', async () => {
      await bernd.postForm({}, `/vertretung/${representation}/handeln`);
      assert.equal(bernd.lastUrl, app().at('/epa/dokumente'));
      assert.deepEqual(titles(bernd.lastHtml), ['Annas Befund']);
      assert.match(bernd.text(), /Sie handeln für Anna Mustermann Zurück zu meiner Akte/);
      for (const path of ['/epa/protokoll', '/vertretung', '/uebersicht']) {
        await bernd.get(app().at(path));
        assert.match(bernd.lastHtml, /<section class="acting-banner" aria-label="Vertretung">/, path);
      }
    });

    test('acting for Anna, no record screen links "Registrierte Geräte" (his own devices)', async () => {
      for (const path of ['/epa/dokumente', '/epa/protokoll', '/vertretung']) {
        await bernd.get(app().at(path));
        assert.match(bernd.lastHtml, /<section class="acting-banner"/, path);
        assert.doesNotMatch(bernd.lastHtml, /href="\/epa\/geraete"/, path);
      }
    });

    test('acting for Anna, her Protokoll shows his steps as "Bernd Mustermann für Anna Mustermann"', async () => {
      await bernd.get(app().at('/epa/protokoll'));
      const rows = whoAndWhat(bernd.lastHtml).map((r) => r.slice(0, 2).join(': '));
      for (const step of ['Protokoll abgerufen', 'Dokumentenliste abgerufen', 'Vertretung: zur Akte gewechselt']) {
        assert.ok(rows.includes(`Bernd Mustermann für Anna Mustermann: ${step}`), step);
      }
      assert.ok(rows.includes('Anna Mustermann: Anmeldung an der ePA'), 'her own steps under her name');
    });

    test('acting for Anna, the representations cannot be managed: the page hides it and the record service refuses it', async () => {
      await bernd.get(app().at('/vertretung'));
      assert.doesNotMatch(bernd.lastHtml, /action="\/vertretung\/benennen"/);
      assert.match(bernd.text(), /Als Vertretung können Sie für diese Person keine Vertretungen benennen, bestätigen oder beenden\./);
      const token = bernd.csrf();
      const response = await bernd.request('POST', app().at('/vertretung/benennen'), new URLSearchParams({ _csrf: token, kvnr: freshKvnr('Y'), email: 'dritte@example.org' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(response.status, 403);
      assert.match(bernd.text(), /Als Vertretung können Sie für die vertretene Person keine Vertretungen benennen, bestätigen oder beenden\./);
    });

    test('"Zurück zu meiner Akte": his own documents, no banner', async () => {
      await bernd.get(app().at('/epa/dokumente'));
      await bernd.postForm({}, '/vertretung/zurueck');
      assert.equal(bernd.lastUrl, app().at('/epa/dokumente'));
      assert.deepEqual(titles(bernd.lastHtml), ['Bernds Notiz']);
      assert.doesNotMatch(bernd.lastHtml, /acting-banner/);
    });

    test('Anna\'s Protokoll names him: "Bernd Mustermann für Sie"; his own names whom he acted for', async () => {
      await anna().get(app().at('/epa/protokoll?art=access'));
      assert.deepEqual(whoAndWhat(anna().lastHtml)[1]!.slice(0, 2), ['Bernd Mustermann für Sie', 'Protokoll abgerufen']);
      await bernd.get(app().at('/epa/protokoll?art=access'));
      assert.ok(whoAndWhat(bernd.lastHtml).some((r) => r[0] === 'Sie für Anna Mustermann' && r[1] === 'Dokumentenliste abgerufen'));
    });

    test('Anna ends the Vertretung after a confirmation; Bernd, still acting for her, is refused and back on his own record', async () => {
      await bernd.get(app().at('/vertretung'));
      await bernd.postForm({}, `/vertretung/${representation}/handeln`);
      assert.match(bernd.text(), /Sie handeln für Anna Mustermann/);

      await anna().get(app().at(`/vertretung/${representation}/beenden`));
      assert.match(anna().text(), /Möchten Sie die Vertretung durch Bernd Mustermann beenden\?/);
      await anna().postForm({}, `/vertretung/${representation}/beenden`);
      assert.match(anna().text(), /Die Vertretung wurde beendet\./);
      assert.match(anna().text(), /Sie haben noch niemanden als Vertretung benannt\.|eingeladen/);
      assert.doesNotMatch(anna().text(), /Bernd Mustermann/);

      await bernd.get(app().at('/epa/protokoll'));
      assert.equal(bernd.lastStatus, 200);
      assert.match(bernd.text(), /Sie können nicht \(mehr\) für diese Person handeln: .* Sie sind wieder in Ihrer eigenen Akte\./);
      assert.doesNotMatch(bernd.lastHtml, /acting-banner/);
      await bernd.get(app().at('/epa/dokumente'));
      assert.deepEqual(titles(bernd.lastHtml), ['Bernds Notiz']);
      await anna().get(app().at('/epa/protokoll?art=representation'));
      assert.deepEqual(whoAndWhat(anna().lastHtml)[0]!.slice(0, 2), ['Bernd Mustermann für Sie', 'Vertretung: Zugriff abgewiesen (nicht bestätigt, widerrufen oder nicht berechtigt)']);
    });

    test('Anna ends the Vertretung while Bernd acts for her; his next Dokumente are his own, with the reason once', async () => {
      await anna().get(app().at('/vertretung'));
      // a new representation, confirmed by Bernd, and Bernd acting for her
      await anna().postForm({ kvnr: berndPerson.kvnr, email: 'erika@example.org' }, '/vertretung/benennen');
      await bernd.get(app().at('/vertretung'));
      const id = /\/vertretung\/([0-9a-f-]{36})\/bestaetigen/.exec(bernd.lastHtml)![1]!;
      await bernd.postForm({}, `/vertretung/${id}/bestaetigen`);
      await bernd.postForm({}, `/vertretung/${id}/handeln`);
      assert.match(bernd.text(), /Sie handeln für Anna Mustermann/);
      await anna().get(app().at(`/vertretung/${id}/beenden`));
      await anna().postForm({}, `/vertretung/${id}/beenden`);
      assert.match(anna().text(), /Die Vertretung wurde beendet\./);

      await bernd.get(app().at('/epa/dokumente'));
      assert.equal(bernd.lastStatus, 200);
      assert.doesNotMatch(bernd.lastHtml, /acting-banner/);
      assert.match(bernd.text(), /Sie können nicht \(mehr\) für diese Person handeln: .* Sie sind wieder in Ihrer eigenen Akte\./);
      assert.deepEqual(titles(bernd.lastHtml), ['Bernds Notiz']);
      await bernd.get(app().at('/epa/dokumente'));
      assert.doesNotMatch(bernd.text(), /Sie können nicht \(mehr\)/);
    });
  });
}
