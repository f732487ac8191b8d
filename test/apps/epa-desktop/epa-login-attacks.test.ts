import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { clockAtRealTime, codeFromMail, lastMailId, otherCode } from '../../modules/epa-access/support.ts';
import { terminalPerson } from '../../modules/ident-login/support.ts';
import { approveOnPage, approvedCallback, desktopFor, loginPageUid, newLocalUser } from './epa-login-support.ts';

/**
 * What the program refuses in its ePA login: an answer at /callback whose state is not the login's,
 * the same answer twice, the Ident login of another person than the KVNR given, and wrong
 * Bestätigungscodes up to the deleted registration and the wait after three failures.
 */

const EMAIL = 'erika@example.org';

for (const kind of databaseKinds) {
  describe(`pforte-epa › the ePA login refuses (${kind})`, () => {
    const t = testSystemFor(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);

    /** A new local user whose first ePA login is at the provider's QR page for `kvnr`. */
    async function atQrPage(name: string, kvnr: string) {
      // a browser of its own: no provider session of an earlier person
      const browser = new FormClient(t.baseUrl);
      await newLocalUser(app(), browser, name);
      await browser.get(app().at('/epa'));
      await browser.postForm({ kasse: 'by', kvnr }, '/epa');
      loginPageUid(browser);
      return browser;
    }

    test('a callback whose state is not the login\'s is refused; the login\'s own answer still finishes it', async () => {
      const person = await terminalPerson(t);
      const browser = await atQrPage('Anna', person.kvnr);
      const callback = await approvedCallback(browser, person.data, app().at('/').slice(0, -1));
      const forged = new URL(callback);
      forged.searchParams.set('state', 'ein-anderer-zustand-0123456789abcdefghijklmnop');
      await browser.get(forged.href);
      assert.equal(browser.lastStatus, 400);
      assert.match(browser.text(), /Diese Anmeldung ist ungültig, abgelaufen oder wurde bereits verwendet\./);
      await browser.get(callback.href);
      assert.equal(browser.lastStatus, 200);
      assert.match(browser.text(), /Anmeldung abgeschlossen/);
    });

    test('the same answer opened a second time is refused and changes nothing', async () => {
      const person = await terminalPerson(t);
      const browser = await atQrPage('Berta', person.kvnr);
      const callback = await approvedCallback(browser, person.data, app().at('/').slice(0, -1));
      await browser.get(callback.href);
      assert.match(browser.text(), /Anmeldung abgeschlossen/);
      const tokenRequests = app().sent.filter((r) => r.url === `${t.baseUrl}/ident/token`).length;
      await browser.get(callback.href);
      assert.equal(browser.lastStatus, 400);
      assert.match(browser.text(), /Diese Anmeldung ist ungültig, abgelaufen oder wurde bereits verwendet\./);
      assert.equal(app().sent.filter((r) => r.url === `${t.baseUrl}/ident/token`).length, tokenRequests, 'the code is not sent again');
      await browser.get(app().at('/epa'));
      assert.equal(browser.lastUrl, app().at('/epa/freischalten'), 'the first answer\'s login stands');
    });

    test('an Ident login of another person than the Versichertennummer given: a clear message, no session, the login revoked', async () => {
      const given = await terminalPerson(t);
      const other = await terminalPerson(t);
      const browser = await atQrPage('Carla', given.kvnr);
      const before = app().sent.length;
      await approveOnPage(browser, other.data);
      assert.equal(browser.lastStatus, 403);
      assert.match(browser.text(), /Sie haben sich in der „AOK Ident“-App mit einer anderen Versichertennummer angemeldet als der, die Sie hier angegeben haben\. Sie wurden deshalb nicht angemeldet\./);
      assert.match(browser.lastHtml, /href="\/epa\/angaben"/);
      const sent = app().sent.slice(before);
      assert.ok(sent.some((r) => r.url === `${t.baseUrl}/ident/token/revocation`), 'the tokens are revoked');
      assert.ok(!sent.some((r) => r.url.startsWith(`${t.baseUrl}/epa/api/`)), 'the record is not asked');
      await browser.get(app().at('/epa'));
      loginPageUid(browser);
    });

    test('five wrong Bestätigungscodes delete the registration; after three failures the wait names its end', async () => {
      const person = await terminalPerson(t);
      const browser = await atQrPage('Dora', person.kvnr);
      let mail = await lastMailId(t, EMAIL);
      await approveOnPage(browser, person.data);
      await browser.get(app().at('/epa/freischalten'));
      for (let failure = 1; failure <= 3; failure++) {
        const { code, mailId } = await codeFromMail(t, EMAIL, mail);
        mail = mailId;
        for (let n = 1; n <= 5; n++) await browser.postForm({ code: otherCode(code, n) }, '/epa/freischalten');
        assert.equal(browser.lastStatus, 410);
        assert.match(browser.text(), /Der Bestätigungscode wurde fünfmal falsch eingegeben\. Die Freischaltung dieses Geräts wurde deshalb gelöscht\./);
        assert.doesNotMatch(browser.lastHtml, /name="code"/, 'no field for a code any more');
        await browser.postForm({}, '/epa/freischalten/neu');
        if (failure < 3) assert.match(browser.text(), /Wir haben Ihnen einen neuen Bestätigungscode per E-Mail gesendet\./);
      }
      assert.equal(browser.lastStatus, 400);
      assert.match(browser.text(), /Die Freischaltung eines Geräts ist in den letzten 8 Stunden dreimal gescheitert\. Eine neue Freischaltung ist erst nach einer Wartezeit möglich\. Sie können ab \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr ein Gerät erneut freischalten\./);
    });

    test('the person\'s fifteenth wrong code, the others typed on other devices: no field for a code, the wait names its end', async () => {
      const person = await terminalPerson(t);
      const browser = await atQrPage('Emil', person.kvnr);
      const mail = await lastMailId(t, EMAIL);
      await approveOnPage(browser, person.data);
      await browser.get(app().at('/epa/freischalten'));
      const { code } = await codeFromMail(t, EMAIL, mail);
      const insuredId = (await t.system.deps.db.selectFrom('insured_persons').select('id').where('kvnr', '=', person.kvnr).executeTakeFirstOrThrow()).id;
      const earlier = new Date(t.clock.now().getTime() - 3_600_000);
      await t.system.deps.db.insertInto('epa_wrong_codes').values(Array.from({ length: 14 }, () => ({ insured_id: insuredId, wrong_at: earlier }))).execute();
      await browser.postForm({ code: otherCode(code, 1) }, '/epa/freischalten');
      assert.equal(browser.lastStatus, 429);
      assert.match(browser.text(), /Der Bestätigungscode wurde in den letzten 8 Stunden 15-mal falsch eingegeben\..* Sie können ab \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr ein Gerät erneut freischalten\./);
      assert.doesNotMatch(browser.lastHtml, /name="code"/, 'no field for a code any more');
      await browser.get(app().at('/epa/freischalten'));
      assert.match(browser.text(), /Sie können ab \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr ein Gerät erneut freischalten\./, 'the wait stays on the page');
      assert.doesNotMatch(browser.lastHtml, /name="code"/);
    });
  });
}
