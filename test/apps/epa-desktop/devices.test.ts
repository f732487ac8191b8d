import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { createRecordApi, dpopProofs } from '../../../src/apps/epa-desktop/record-api.ts';
import { loopbackForSuite } from '../../modules/ident-provider/support.ts';
import { clockAtRealTime, codeFromMail, lastMailId, loggedInPerson, unlock } from '../../modules/epa-access/support.ts';
import { ok } from '../../modules/epa-records/api-support.ts';
import { approveOnPage, desktopFor, localLogin, type RunningDesktop } from './epa-login-support.ts';
import { signedInToRecord } from './documents-support.ts';

/**
 * "Registrierte Geräte" in the program, against a running server, without JavaScript: one person with
 * two programs unlocked for their ePA (this one, A, and another computer's, B): the list, "Umbenennen"
 * with its messages at the field, "Entfernen" of the other device and of this one (which ends the ePA
 * login here), and nothing of it while acting for someone else.
 */

const EMAIL = 'erika@example.org';

/** A row of the table: [Name, Freigeschaltet am, Zuletzt verwendet] as read, and its links. */
interface DeviceRow {
  cells: string[];
  current: boolean;
  rename: string;
  remove: string;
}

function deviceRows(html: string): DeviceRow[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1]!.matchAll(/<t[hd](?: [^>]*)?>([\s\S]*?)<\/t[hd]>/g)].slice(0, 3).map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
    const link = (action: string) => new RegExp(`<a href="(/epa/geraete/[^"]+/${action})"`).exec(row[1]!)?.[1] ?? '';
    return { cells, current: cells[0]!.endsWith(' (dieses Gerät)'), rename: link('umbenennen'), remove: link('entfernen') };
  });
}

const thisOne = (html: string) => deviceRows(html).find((r) => r.current)!;
const theOther = (html: string) => deviceRows(html).find((r) => !r.current)!;

for (const kind of databaseKinds) {
  describe(`pforte-epa › Registrierte Geräte (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const appA = desktopFor(t);
    const appB = desktopFor(t);
    const open = (app: RunningDesktop, path = '/epa/geraete') => app.browser.get(app.at(path));
    let person: Awaited<ReturnType<typeof signedInToRecord>>;

    test('with two unlocked devices, "Registrierte Geräte" lists both: Name, Freigeschaltet am, Zuletzt verwendet, this one marked', async () => {
      person = await signedInToRecord(t, appA());
      await signedInToRecord(t, appB(), 'Erika', person);
      await open(appA(), '/epa/dokumente');
      assert.match(appA().browser.lastHtml, /<a href="\/epa\/geraete">Registrierte Geräte<\/a>/);
      await open(appA());
      const html = appA().browser.lastHtml;
      assert.equal(appA().browser.lastStatus, 200);
      assert.match(html, /<h1>Registrierte Geräte<\/h1>/);
      assert.match(html, /<a href="\/epa\/geraete" aria-current="page">Registrierte Geräte<\/a>/);
      assert.match(html, /<th scope="col">Name<\/th>\s*<th scope="col">Freigeschaltet am<\/th>\s*<th scope="col">Zuletzt verwendet<\/th>/);
      const rows = deviceRows(html);
      assert.equal(rows.length, 2);
      assert.equal(rows.filter((r) => r.current).length, 1);
      assert.match(thisOne(html).cells[0]!, /^pforte-epa auf .+ \(dieses Gerät\)$/);
      assert.match(theOther(html).cells[0]!, /^pforte-epa auf .+[^)]$/);
      for (const row of rows) {
        assert.match(row.cells[1]!, /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
        assert.match(row.cells[2]!, /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
      }
      await open(appB());
      assert.equal(thisOne(appB().browser.lastHtml).rename, theOther(html).rename, 'B sees itself marked');
    });

    test('"Umbenennen" names at the field an empty name, one over 60 characters and one with control characters, and keeps what was typed', async () => {
      const browser = appA().browser;
      await open(appA());
      const other = theOther(browser.lastHtml).cells[0]!;
      await browser.get(appA().at(theOther(browser.lastHtml).rename));
      assert.match(browser.lastHtml, /<h1>Gerät umbenennen<\/h1>/);
      assert.match(browser.lastHtml, new RegExp(`name="name" type="text" value="${other}"`));
      for (const [name, message] of [
        ['   ', 'Bitte füllen Sie dieses Feld aus.'],
        ['L'.repeat(61), 'Die Eingabe ist zu lang.'],
        ['Laptop\u0007', 'Die Eingabe enthält unzulässige Zeichen.'],
      ] as const) {
        await browser.postForm({ name }, '/umbenennen');
        assert.equal(browser.lastStatus, 400, name);
        assert.equal(browser.fieldError('name'), message);
        assert.match(browser.lastHtml, /aria-invalid="true"/);
      }
      assert.match(browser.lastHtml, /value="Laptop&#7;"|value="Laptop\u0007"/);
      await open(appA());
      assert.equal(theOther(browser.lastHtml).cells[0], other, 'nothing was renamed');
    });

    test('"Umbenennen" with a good name: the notice, the new name in the list, on the other device too', async () => {
      const browser = appA().browser;
      await open(appA());
      await browser.get(appA().at(theOther(browser.lastHtml).rename));
      await browser.postForm({ name: '  Laptop im Büro ' }, '/umbenennen');
      assert.equal(browser.lastUrl, appA().at('/epa/geraete?hinweis=umbenannt'));
      assert.match(browser.text(), /Das Gerät wurde umbenannt\./);
      assert.equal(theOther(browser.lastHtml).cells[0], 'Laptop im Büro');
      await open(appB());
      assert.equal(thisOne(appB().browser.lastHtml).cells[0], 'Laptop im Büro (dieses Gerät)');
    });

    test('acting for someone else, the screen and its link are hidden and its forms change nothing; the record service keeps devices the caller\'s own', async () => {
      const browser = appA().browser;
      const anna = await loggedInPerson(t, `${callback().base}/callback`);
      const annasDevice = await unlock(t, anna, 'Annas Tablet');
      const annaApi = createRecordApi({ server: t.baseUrl, accessToken: () => anna.session.accessToken, proof: dpopProofs(anna.session.keys) });
      const named = ok(await annaApi.nameRepresentative({ kvnr: person.kvnr, email: EMAIL }));
      await open(appA(), '/vertretung');
      await browser.postForm({}, `/vertretung/${named.representation.id}/bestaetigen`);
      await browser.postForm({}, `/vertretung/${named.representation.id}/handeln`);
      assert.match(browser.text(), /Sie handeln für/);
      await open(appA());
      assert.equal(browser.lastStatus, 200);
      assert.doesNotMatch(browser.lastHtml, /href="\/epa\/geraete"/, 'not in the navigation');
      assert.match(browser.text(), /Die Geräte dieser Person kann nur sie selbst verwalten\./);
      assert.doesNotMatch(browser.lastHtml, /<table/);
      assert.doesNotMatch(browser.lastHtml, /Annas Tablet|Laptop im Büro/);
      const renamed = await browser.request('POST', appA().at(`/epa/geraete/${annasDevice}/umbenennen`), new URLSearchParams({ _csrf: browser.csrf(), name: 'Übernommen' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(renamed.status, 403);
      await open(appA());
      const removed = await browser.request('POST', appA().at(`/epa/geraete/${annasDevice}/entfernen`), new URLSearchParams({ _csrf: browser.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(removed.status, 403);
      assert.deepEqual(
        ok(await annaApi.devices()).devices.map((d) => d.name),
        ['Annas Tablet'],
      );
      await open(appA());
      assert.match(browser.lastHtml, /name="weiter" value="\/epa\/geraete"/);
      await browser.postForm({ weiter: '/epa/geraete' }, '/vertretung/zurueck');
      assert.equal(browser.lastUrl, appA().at('/epa/geraete'));
      assert.equal(deviceRows(browser.lastHtml).length, 2);
    });

    test('"Entfernen" of the other device says what follows; after it the list has this one only and the other device is refused', async () => {
      const browser = appA().browser;
      await open(appA());
      await browser.get(appA().at(theOther(browser.lastHtml).remove));
      assert.match(browser.lastHtml, /<h1>Gerät entfernen<\/h1>/);
      assert.match(browser.text(), /Möchten Sie Laptop im Büro aus Ihrer ePA entfernen\? Das Gerät kann danach nicht mehr auf Ihre ePA zugreifen\./);
      assert.match(browser.lastHtml, /<a class="button button--secondary" href="\/epa\/geraete">\s*Abbrechen\s*<\/a>/);
      await browser.postForm({}, '/entfernen');
      assert.equal(browser.lastUrl, appA().at('/epa/geraete?hinweis=entfernt'));
      assert.match(browser.text(), /Das Gerät wurde entfernt\. Es kann nicht mehr auf Ihre ePA zugreifen\./);
      const rows = deviceRows(browser.lastHtml);
      assert.equal(rows.length, 1);
      assert.ok(rows[0]!.current);
    });

    test('the removed device, at its next screen, ends its ePA login and leads to the start, saying why', async () => {
      await open(appB(), '/epa/dokumente');
      assert.equal(appB().browser.lastUrl, appB().at('/?hinweis=geraet_entfernt'));
      assert.match(appB().browser.text(), /Sie haben dieses Gerät aus Ihrer ePA entfernt und wurden abgemeldet\./);
      assert.match(appB().browser.lastHtml, /name="kennwort"/, 'the local login');
      await open(appB(), '/epa/dokumente');
      assert.equal(appB().browser.lastUrl, appB().at('/'), 'no ePA without a login');
    });

    test('"Entfernen" of this device warns of the logout and the new Bestätigungscode, ends the ePA login here, and the login says why', async () => {
      const browser = appA().browser;
      await open(appA());
      await browser.get(appA().at(thisOne(browser.lastHtml).remove));
      assert.match(browser.lastHtml, /<h1>Dieses Gerät entfernen<\/h1>/);
      assert.match(browser.text(), /Sie werden hier von der ePA abgemeldet\. Um Ihre ePA auf diesem Gerät wieder zu nutzen, müssen Sie es erneut freischalten: mit einem neuen Bestätigungscode, den Sie per E-Mail erhalten\./);
      assert.match(browser.lastHtml, /Entfernen und abmelden/);
      await browser.postForm({}, '/entfernen');
      assert.equal(browser.lastUrl, appA().at('/?hinweis=geraet_entfernt'));
      assert.match(browser.text(), /Sie haben dieses Gerät aus Ihrer ePA entfernt und wurden abgemeldet\./);
      assert.match(browser.lastHtml, /name="kennwort"/, 'the local login');
      await open(appA(), '/epa/dokumente');
      assert.equal(browser.lastUrl, appA().at('/'), 'no ePA without a login');

      // the next ePA login must unlock the device again, with a new code
      const before = await lastMailId(t, EMAIL);
      await localLogin(appA(), browser, 'Erika');
      await open(appA(), '/epa');
      await approveOnPage(browser, person.data);
      await open(appA(), '/epa');
      assert.equal(browser.lastUrl, appA().at('/epa/freischalten'));
      const { code } = await codeFromMail(t, EMAIL, before);
      await browser.postForm({ code }, '/epa/freischalten');
      assert.match(browser.text(), /Erneut einloggen/);
    });
  });
}
