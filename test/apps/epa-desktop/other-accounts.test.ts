import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { startDesktop, type Desktop } from '../../../src/apps/epa-desktop/server.tsx';
import { launchFile } from '../../../src/apps/epa-desktop/cli.ts';
import { createLocalUsers, MAX_LOCAL_USERS } from '../../../src/apps/epa-desktop/local-users.ts';
import { DEVICE_BUDGET } from '../../../src/apps/epa-desktop/throttle.ts';
import { nameKey, type KdfParams } from '../../../src/apps/epa-desktop/vault.ts';
import { FormClient } from '../../support/browser-client.ts';

/**
 * Another OS account of the same computer reaches the client's port on 127.0.0.1 too. It gets no
 * screen without the address the program opened, cannot add more than 10 local users, and cannot keep
 * the CPU busy with key derivations.
 */

const KENNWORT = 'Lindenblüte am Fluss 7';
const REFUSED = 'Bitte öffnen Sie den ePA-Client über das Programm „pforte-epa“.';

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), 'pforte-epa-accounts-')), 'daten');
}

/** A stand-in for argon2id that counts its runs (the files it makes open only with it). */
function countingKdf() {
  const runs = { count: 0 };
  const deriveKey = async (name: string, kennwort: string, kdf: KdfParams) => {
    runs.count += 1;
    return createHash('sha256').update(`${nameKey(name)}\u0000${kennwort}\u0000${kdf.salt}`).digest();
  };
  return { runs, deriveKey };
}

const newUser = (name: string) => ({ name, kennwort: KENNWORT, kennwortRepeat: KENNWORT, terms: true });

/** A request without redirects, with the cookies given. */
function get(desktop: Desktop, path: string, cookie = '') {
  return fetch(new URL(path, desktop.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

describe('pforte-epa › other accounts on this computer', () => {
  const clock = new ManualClock('2025-03-01T10:00:00Z');
  let desktop: Desktop;
  before(async () => {
    desktop = await startDesktop({ dataDir: folder(), server: 'http://127.0.0.1:3999', clock });
  });
  after(() => desktop?.close());

  test('a browser the program did not open gets "Bitte öffnen Sie den ePA-Client über das Programm" (403) on every screen', async () => {
    for (const path of ['/', '/benutzer-anlegen', '/uebersicht', '/profil', '/gesundheitswissen', '/impressum', '/epa', '/vertretung', '/epa/dokumente', '/gibt-es-nicht']) {
      const answer = await get(desktop, path);
      assert.equal(answer.status, 403, path);
      assert.ok((await answer.text()).includes(REFUSED), path);
    }
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const path of ['/anmelden', '/benutzer-anlegen']) {
      const answer = await fetch(new URL(path, desktop.url), { method: 'POST', headers: form, body: `benutzername=Gast&kennwort=${encodeURIComponent(KENNWORT)}` });
      assert.equal(answer.status, 403, path);
      assert.ok((await answer.text()).includes(REFUSED), path);
    }
  });

  test('the style sheets stay open, and so does the ePA login\'s callback, which its single-use state guards', async () => {
    for (const path of ['/assets/pforte.css', '/assets/epa/epa-desktop.css']) assert.equal((await get(desktop, path)).status, 200, path);
    const callback = await get(desktop, '/callback?code=x&state=unbekannt');
    assert.equal(callback.status, 400);
    assert.match(await callback.text(), /Diese Anmeldung ist ungültig, abgelaufen oder wurde bereits verwendet\./);
  });

  test('the address the program opened lets its browser in and leads to the bare address, the secret out of the address bar', async () => {
    const browser = new FormClient(desktop.url);
    const address = desktop.launchUrl();
    assert.match(address, new RegExp(`^${desktop.url}start\\?launch=[A-Za-z0-9_-]{43}$`));
    const first = await get(desktop, address);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/');
    const cookie = first.headers.getSetCookie()[0]!;
    assert.match(cookie, new RegExp(`^pforte_epa_zugang_${new URL(desktop.url).port}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));

    await browser.get(desktop.launchUrl());
    assert.equal(browser.lastUrl, desktop.url);
    assert.equal(browser.lastStatus, 200);
    assert.match(browser.text(), /Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an\./);
    await browser.get('/benutzer-anlegen');
    assert.equal(browser.lastStatus, 200);
  });

  test('the same address a second time, in another browser, is refused', async () => {
    const address = desktop.launchUrl();
    assert.equal((await get(desktop, address)).status, 303);
    const again = await get(desktop, address);
    assert.equal(again.status, 403);
    assert.deepEqual(again.headers.getSetCookie(), []);
    assert.ok((await again.text()).includes(REFUSED));
  });

  test('an address older than 2 minutes, or made up, is refused', async () => {
    const address = desktop.launchUrl();
    clock.advance(2 * 60_000);
    assert.equal((await get(desktop, address)).status, 403);
    for (const made of ['/start', '/start?launch=', `/start?launch=${'A'.repeat(43)}`, '/start?launch=a&launch=b']) assert.equal((await get(desktop, made)).status, 403, made);
  });

  test('the cookie of another run of the program lets nobody in', async () => {
    const other = await startDesktop({ dataDir: folder(), server: 'http://127.0.0.1:3999', clock });
    try {
      const cookie = (await get(other, other.launchUrl())).headers.getSetCookie()[0]!.split(';')[0]!;
      const value = cookie.slice(cookie.indexOf('=') + 1);
      assert.equal((await get(desktop, '/', `pforte_epa_zugang_${new URL(desktop.url).port}=${value}`)).status, 403);
      assert.equal((await get(other, '/', cookie)).status, 200);
    } finally {
      await other.close();
    }
  });

  test('the browser is given a page in the data folder that only this OS user can read, never the secret on a command line', async () => {
    const opened = launchFile(desktop.dataDir, desktop.launchUrl());
    assert.match(opened, /^file:\/\/.*\/oeffnen\.html$/);
    assert.doesNotMatch(opened, /launch=/);
    const path = fileURLToPath(opened);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const address = /url=([^"]+)"/.exec(readFileSync(path, 'utf8'))?.[1];
    assert.match(address ?? '', /\/start\?launch=[A-Za-z0-9_-]{43}$/);
    // followed from that page the navigation is cross-site: the answer forwards from the program's own origin, so the new cookie goes along
    const answer = await fetch(address!, { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /<meta http-equiv="refresh" content="0;url=\/"/);
    const cookie = answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    assert.equal((await get(desktop, '/', cookie)).status, 200);
  });
});

describe('pforte-epa › at most 10 local users, and a wait for the whole computer', () => {
  test('the 11th local user is refused at the Benutzername, before any key is derived', async () => {
    const dir = folder();
    const kdf = countingKdf();
    const users = createLocalUsers(dir, new ManualClock(), { deriveKey: kdf.deriveKey });
    for (let i = 1; i <= MAX_LOCAL_USERS; i++) assert.ok((await users.create(newUser(`Familie ${i}`))).ok);
    const runs = kdf.runs.count;
    assert.deepEqual(await users.create(newUser('Elfte')), { ok: false, errors: { name: 'epa_desktop.users_full' } });
    assert.equal(kdf.runs.count, runs, 'no key derived');
    assert.equal(users.count(), MAX_LOCAL_USERS);
  });

  test('in the program: "Benutzer anlegen" with 10 local users says so at the field (409)', async () => {
    const dataDir = folder();
    const users = createLocalUsers(dataDir, new ManualClock(), { deriveKey: countingKdf().deriveKey });
    for (let i = 1; i <= MAX_LOCAL_USERS; i++) assert.ok((await users.create(newUser(`Familie ${i}`))).ok);
    const desktop = await startDesktop({ dataDir, server: 'http://127.0.0.1:3999' });
    try {
      const browser = new FormClient(desktop.url);
      await browser.get(desktop.launchUrl());
      await browser.get('/benutzer-anlegen');
      await browser.postForm({ benutzername: 'Elfte', kennwort: KENNWORT, kennwortRepeat: KENNWORT, terms: 'ja' }, '/benutzer-anlegen');
      assert.equal(browser.lastStatus, 409);
      assert.equal(
        browser.fieldError('benutzername'),
        'Auf diesem Gerät gibt es bereits 10 lokale Benutzer; weitere sind nicht möglich. Bitte melden Sie sich mit einem vorhandenen lokalen Benutzer an.',
      );
    } finally {
      await desktop.close();
    }
  });

  test(`after ${DEVICE_BUDGET.tries} failed tries on the computer, logins and new users wait, refused before any key is derived`, async () => {
    const clock = new ManualClock('2025-03-01T10:00:00Z');
    const kdf = countingKdf();
    const users = createLocalUsers(folder(), clock, { deriveKey: kdf.deriveKey });
    assert.ok((await users.create(newUser('Anna'))).ok);
    // each name on its own stays below the per-name wait
    for (let i = 1; i < DEVICE_BUDGET.tries; i++) assert.deepEqual(await users.unlock(`Gast ${i}`, KENNWORT), { ok: false, code: 'epa_desktop.login_invalid' });
    const runs = kdf.runs.count;
    assert.deepEqual(await users.unlock('Anna', KENNWORT), { ok: false, code: 'epa_desktop.device_wait', waitMs: DEVICE_BUDGET.windowMs });
    assert.deepEqual(await users.create(newUser('Berta')), { ok: false, errors: { name: 'epa_desktop.device_wait' }, waitMs: DEVICE_BUDGET.windowMs });
    assert.equal(kdf.runs.count, runs, 'no key derived');

    clock.advance(DEVICE_BUDGET.windowMs);
    assert.equal((await users.unlock('Anna', KENNWORT)).ok, true);
  });

  test('in the program: past the computer\'s failed tries "Anmelden" answers 429 with the wait, whatever the name', async () => {
    const desktop = await startDesktop({ dataDir: folder(), server: 'http://127.0.0.1:3999' });
    try {
      const browser = new FormClient(desktop.url);
      await browser.get(desktop.launchUrl());
      for (let i = 1; i <= DEVICE_BUDGET.tries; i++) {
        await browser.postForm({ benutzername: `Gast ${i}`, kennwort: KENNWORT }, '/anmelden');
        assert.equal(browser.lastStatus, 400, `try ${i}`);
      }
      const refused = await browser.postForm({ benutzername: 'Noch ein Gast', kennwort: KENNWORT }, '/anmelden');
      assert.equal(browser.lastStatus, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.match(browser.text(), /Zu viele fehlgeschlagene Anmeldungen und neue Benutzer auf diesem Gerät in kurzer Zeit\./);
      assert.match(browser.text(), /Der nächste Versuch ist in \d+ Sekunden möglich\./);
    } finally {
      await desktop.close();
    }
  });
});
