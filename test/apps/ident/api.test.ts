import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { collectMisses } from '../../../src/core/i18n/catalogue.ts';
import { identMessage } from '../../../src/modules/ident-devices/signed.ts';
import { CODE, deviceKey, registered } from '../../modules/ident-devices/support.ts';
import { freshKvnr } from '../../modules/insured/kvnr.ts';

for (const kind of databaseKinds) {
  describe(`AOK Ident app › page and JSON API (${kind})`, () => {
    const t = testSystemFor(kind);
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${t.baseUrl}/api/ident${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.10', ...headers }, body: JSON.stringify(body) });

    test('the installable app: its page with every text in English too, its manifest and its service worker under /ident/app/', async () => {
      const redirect = await fetch(`${t.baseUrl}/ident/app`, { redirect: 'manual' });
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get('location'), '/ident/app/');
      const collector = collectMisses();
      const page = await fetch(`${t.baseUrl}/ident/app/`);
      const html = await page.text();
      collector.stop();
      assert.equal(page.status, 200);
      assert.deepEqual([...collector.misses], [], 'every German text of the page has its English');
      assert.match(html, /<link rel="manifest" href="\/ident\/app\/manifest.webmanifest"/);
      assert.match(html, /<script src="\/assets\/build\/ident.js" defer><\/script>/);
      assert.match(html, /GesundheitsID-Code festlegen/);
      const manifest = await (await fetch(`${t.baseUrl}/ident/app/manifest.webmanifest`)).json();
      assert.deepEqual([manifest.name, manifest.start_url, manifest.scope, manifest.icons[0].src], ['AOK Ident', '/ident/app/', '/ident/app/', '/assets/ident-icon.svg']);
      const sw = await fetch(`${t.baseUrl}/ident/app/sw.js`);
      assert.equal(sw.status, 200);
      assert.equal(sw.headers.get('service-worker-allowed'), '/ident/app/');
      assert.equal((await fetch(`${t.baseUrl}/assets/ident-icon.svg`)).status, 200);
    });

    test('a wrong KVNR and a wrong code: the same answer over HTTP, word for word, and no cookie', async () => {
      const p = await registered(t);
      const body = { activationCode: 'AAAA-BBBB-CCCC', pin: CODE, publicKey: deviceKey().publicKey, kind: 'app' };
      const answer = async (response: Response) => {
        const { requestId: _id, ...rest } = (await response.json()) as Record<string, unknown>;
        assert.equal(response.headers.get('set-cookie'), null);
        return { status: response.status, ...rest };
      };
      const wrongCode = await answer(await post('/activate', { ...body, kvnr: p.kvnr }));
      const unknown = await answer(await post('/activate', { ...body, kvnr: freshKvnr('H'), activationCode: p.code }));
      assert.deepEqual(wrongCode, { status: 401, error: 'insured.activation_invalid', message: 'Versichertennummer oder Aktivierungscode ist nicht korrekt.' });
      assert.deepEqual(unknown, wrongCode);
    });

    test('activate, open "Geräte" with the signed nonce and the code, list, remove this device: all with JSON and the bearer token', async () => {
      const p = await registered(t);
      const key = deviceKey();
      const activated = await post('/activate', { kvnr: p.kvnr, activationCode: p.code, pin: CODE, publicKey: key.publicKey, kind: 'cli', name: 'Laptop' });
      assert.equal(activated.status, 201);
      const { deviceId, person, insurer } = (await activated.json()) as { deviceId: string; person: { firstName: string }; insurer: { name: string } };
      assert.deepEqual([person.firstName, insurer.name], ['Erika', 'AOK Baden-Württemberg']);
      const signedBody = async (purpose: 'login' | 'remove', about = '') => {
        const { nonce } = (await (await post('/challenge', { deviceId, purpose })).json()) as { nonce: string };
        return { deviceId, nonce, signature: key.sign(identMessage(purpose, nonce, deviceId, about)) };
      };
      const login = await post('/login', { ...(await signedBody('login')), pin: CODE });
      assert.equal(login.status, 200);
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}` };
      const list = (await (await fetch(`${t.baseUrl}/api/ident/devices`, { headers: auth })).json()) as { devices: { id: string; name: string; current: boolean }[] };
      assert.deepEqual(list.devices.map((d) => [d.id, d.name, d.current]), [[deviceId, 'Terminal (Laptop)', true]]);
      const removed = await post('/devices/remove', { ...(await signedBody('remove', deviceId)), remove: deviceId }, auth);
      assert.equal(removed.status, 204);
      assert.equal((await fetch(`${t.baseUrl}/api/ident/devices`, { headers: auth })).status, 401);
    });
  });
}
