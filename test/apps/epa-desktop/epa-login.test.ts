import { hostname } from 'node:os';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { createLocalUsers } from '../../../src/apps/epa-desktop/local-users.ts';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { clockAtRealTime, codeFromMail, lastMailId, otherCode } from '../../modules/epa-access/support.ts';
import { terminalPerson } from '../../modules/ident-login/support.ts';
import { approveOnPage, desktopFor, localLogin, loginPageUid, newLocalUser } from './epa-login-support.ts';

/**
 * Manual 003 §4–§4.3 with the program against a running server: the tile, "AOK-Kasse" and
 * "Versichertennummer" the first time, the Ident login (PAR, PKCE, DPoP with the device key) approved
 * with `pforte-ident approve`, "Endgerät freischalten" with the code from the mailbox, "Erneut
 * einloggen", later logins straight to the Ident app, the token's renewal, the 120 minutes, "Abmelden".
 */

const EMAIL = 'erika@example.org';
const KENNWORT = 'Lindenblüte am Fluss 7';

function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? allFiles(path) : [{ path, bytes: readFileSync(path) }];
  });
}

for (const kind of databaseKinds) {
  describe(`pforte-epa › the ePA login, first time and later (${kind})`, () => {
    const t = testSystemFor(kind);
    clockAtRealTime(t);
    const app = desktopFor(t);
    let person: Awaited<ReturnType<typeof terminalPerson>>;
    let mailBefore: string | undefined;

    test('the tile, the first time: AOK-Kasse and Versichertennummer under the Voraussetzung of §4', async () => {
      person = await terminalPerson(t);
      await newLocalUser(app(), app().browser, 'Erika');
      await app().browser.get(app().at('/epa'));
      assert.equal(app().browser.lastStatus, 200);
      const text = app().browser.text();
      assert.match(text, /Elektronische Patientenakte \(ePA\)/);
      assert.match(text, /Voraussetzung Bevor Sie sich mit Ihrer „AOK Ident“-App beim Desktop-Client anmelden können, müssen Sie bereits für die ePA registriert sein\./);
      assert.match(app().browser.lastHtml, /<label for="f-kasse">AOK-Kasse<\/label>/);
      assert.match(app().browser.lastHtml, /<option value="by">AOK Bayern<\/option>/);
      assert.match(app().browser.lastHtml, /<label for="f-kvnr">Versichertennummer<\/label>/);
    });

    test('a Versichertennummer with a wrong check digit and no Kasse are refused at the fields', async () => {
      const wrong = `${person.kvnr.slice(0, 9)}${(Number(person.kvnr[9]) + 1) % 10}`;
      await app().browser.postForm({ kasse: '', kvnr: wrong }, '/epa');
      assert.equal(app().browser.lastStatus, 400);
      assert.match(app().browser.text(), /Fehler: Bitte wählen Sie Ihre AOK-Kasse aus\./);
      assert.match(app().browser.text(), /Fehler: Die Prüfziffer der Krankenversichertennummer stimmt nicht\./);
      await app().browser.postForm({ kasse: 'xx', kvnr: person.kvnr }, '/epa');
      assert.match(app().browser.text(), /Fehler: Bitte wählen Sie eine AOK-Kasse aus der Liste aus\./);
    });

    test('"Weiter" pushes the request (PAR, PKCE S256, the device key\'s DPoP proof, the KVNR as login_hint) and opens the QR page of §4.1', async () => {
      const before = app().sent.length;
      await app().browser.postForm({ kasse: 'bw', kvnr: person.kvnr }, '/epa');
      loginPageUid(app().browser);
      assert.match(app().browser.text(), /„AOK Ident“-App Anmeldung/);
      assert.match(app().browser.text(), /Bitte scannen Sie den QR-Code ein, um in Ihre „AOK Ident“-App zu gelangen\./);
      const par = app().sent.slice(before).find((r) => r.url === `${t.baseUrl}/ident/request`);
      assert.ok(par, 'a pushed authorization request');
      const params = new URLSearchParams(par.body);
      assert.equal(params.get('client_id'), 'pforte-epa');
      assert.equal(params.get('redirect_uri'), app().at('/callback'));
      assert.equal(params.get('code_challenge_method'), 'S256');
      assert.equal(params.get('login_hint'), person.kvnr);
      assert.equal(params.get('scope'), 'openid kvnr epa');
      assert.ok(par.dpop, 'with a DPoP proof');
    });

    test('approved with pforte-ident, "Öffne AOK Mein Leben.app" brings the browser back; the device is registered and the code mailed', async () => {
      mailBefore = await lastMailId(t, EMAIL);
      const back = await approveOnPage(app().browser, person.data);
      assert.equal(back.origin + back.pathname, app().at('/callback'));
      assert.match(app().browser.text(), /Anmeldung abgeschlossen/);
      await app().browser.get(app().at('/epa'));
      assert.equal(app().browser.lastUrl, app().at('/epa/freischalten'));
      assert.match(app().browser.text(), /Endgerät freischalten/);
      assert.match(app().browser.text(), /Bitte geben Sie den Bestätigungscode aus Ihrer E-Mail an\./);
      assert.match(app().browser.text(), /pforte-epa auf /);
      const proofs = app().sent.filter((r) => r.url.startsWith(`${t.baseUrl}/ident/token`) || r.url.startsWith(`${t.baseUrl}/epa/api/v1/`));
      assert.ok(proofs.length >= 3 && proofs.every((r) => r.dpop), 'the code exchange and every record call carry a DPoP proof');
    });

    test('the code mail names the program and this computer\'s operating system, never the computer\'s name', async () => {
      const { text } = await codeFromMail(t, EMAIL, mailBefore);
      const system = ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[process.platform];
      assert.match(text, system ? new RegExp(`ePA Desktop Client unter ${system}`) : /ePA Desktop Client/);
      assert.ok(!text.includes(hostname()), 'the host name the program uses for its own device name stays out of the mail');
    });

    test('a wrong Bestätigungscode is refused at the field, with the entries left', async () => {
      const { code } = await codeFromMail(t, EMAIL, mailBefore);
      await app().browser.postForm({ code: otherCode(code) }, '/epa/freischalten');
      assert.equal(app().browser.lastStatus, 400);
      assert.match(app().browser.text(), /Fehler: Der Bestätigungscode ist nicht korrekt\. Sie haben noch 4 Versuche\./);
      await app().browser.postForm({ code: '12a' }, '/epa/freischalten');
      assert.match(app().browser.text(), /Fehler: Der Bestätigungscode besteht aus sechs Ziffern\./);
    });

    test('the right code unlocks the device and ends the local session: "Erneut einloggen" (§4.3)', async () => {
      const { code } = await codeFromMail(t, EMAIL, mailBefore);
      await app().browser.postForm({ code }, '/epa/freischalten');
      assert.equal(new URL(app().browser.lastUrl).pathname, '/');
      assert.match(app().browser.text(), /Erneut einloggen: Ihr Gerät wurde für Ihre elektronische Patientenakte \(ePA\) freigeschaltet\./);
      assert.match(app().browser.text(), /Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an\./);
      await app().browser.get(app().at('/epa'));
      assert.equal(new URL(app().browser.lastUrl).pathname, '/', 'no local session any more');
    });

    test('the KVNR, the Kasse and the device key are kept only in the local user\'s encrypted file', async () => {
      const opened = await createLocalUsers(app().dataDir, new ManualClock()).unlock('Erika', KENNWORT);
      assert.ok(opened.ok);
      const epa = opened.user.data.epa as { kvnr: string; kasse: string; deviceKey: { d: string; x: string; crv: string } };
      assert.equal(epa.kvnr, person.kvnr);
      assert.equal(epa.kasse, 'bw');
      assert.equal(epa.deviceKey.crv, 'P-256');
      for (const file of allFiles(app().dataDir)) {
        for (const secret of [person.kvnr, epa.deviceKey.d, epa.deviceKey.x]) assert.equal(file.bytes.indexOf(secret), -1, `${secret} in ${file.path}`);
      }
    });

    test('later: the local login, then the tile leads straight to the Ident login and on to "Dokumente" with the KVNR', async () => {
      await localLogin(app(), app().browser, 'Erika');
      await app().browser.get(app().at('/epa'));
      loginPageUid(app().browser);
      await approveOnPage(app().browser, person.data);
      await app().browser.get(app().at('/epa'));
      assert.equal(app().browser.lastUrl, app().at('/epa/dokumente'));
      assert.match(app().browser.text(), /Dokumente/);
      assert.match(app().browser.text(), new RegExp(`Angemeldet in der ePA mit der Versichertennummer ${person.kvnr}`));
      assert.match(app().browser.lastHtml, /<form method="post" action="\/epa\/abmelden"/);
    });

    test('the access token is renewed with the refresh token and the device key when it runs out', async () => {
      const before = app().sent.length;
      app().clock.advance(5 * 60_000);
      await app().browser.get(app().at('/epa/dokumente'));
      assert.equal(app().browser.lastStatus, 200);
      assert.match(app().browser.text(), new RegExp(person.kvnr));
      const renewal = app().sent.slice(before).find((r) => r.url === `${t.baseUrl}/ident/token` && new URLSearchParams(r.body).get('grant_type') === 'refresh_token');
      assert.ok(renewal?.dpop, 'a refresh with a DPoP proof');
    });

    test('"Abmelden" revokes the refresh token at AOK Ident and ends the local session', async () => {
      const before = app().sent.length;
      await app().browser.postForm({}, '/epa/abmelden');
      assert.equal(new URL(app().browser.lastUrl).pathname, '/');
      assert.match(app().browser.text(), /Sie wurden abgemeldet\./);
      assert.ok(app().sent.slice(before).some((r) => r.url === `${t.baseUrl}/ident/token/revocation`));
      const revoked = await t.system.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'ident.grant_revoked').execute();
      assert.ok(revoked.length >= 1, 'the login\'s grant ended at the provider');
    });

    test('120 minutes after the Ident login a new Ident login is needed', async () => {
      await localLogin(app(), app().browser, 'Erika');
      await app().browser.get(app().at('/epa'));
      await approveOnPage(app().browser, person.data);
      await app().browser.get(app().at('/epa/dokumente'));
      assert.equal(app().browser.lastStatus, 200);
      app().clock.advance(120 * 60_000);
      await app().browser.get(app().at('/epa/dokumente'));
      assert.equal(app().browser.lastStatus, 401);
      assert.match(app().browser.text(), /Ihre Anmeldung in der ePA ist abgelaufen\. Bitte melden Sie sich erneut mit Ihrer „AOK Ident“-App an\./);
      await app().browser.get(app().at('/epa'));
      loginPageUid(app().browser);
    });
  });
}
