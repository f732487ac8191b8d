import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { approve, discover, exchange, loopbackForSuite, registeredPerson, startLogin } from './support.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';

/** What oidc-provider's built-in pages carry (its form_post page, its default layout and pages). */
const PROVIDER_HTML = /Submitting Callback|fonts\.googleapis\.com|login-card|Sign-in|Your browser does not support JavaScript|<title>(Logout|Device)/;

for (const kind of databaseKinds) {
  describe(`AOK Ident shows only its own German pages (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    let first: string;
    let second: string;
    before(async () => {
      first = await registeredPerson(t, 'K220645122');
      second = await registeredPerson(t, 'M410392876');
    });

    test('another person logs in where one is still logged in: our page ends that login, then the new one goes on', async () => {
      const config = await discover(t);
      const browser = new FormClient(t.baseUrl);
      const a = await startLogin(t, config, `${callback().base}/callback`, {}, browser);
      const tokensA = await exchange(config, a, await approve(t, a, first));

      const b = await startLogin(t, config, `${callback().base}/callback`, {}, browser);
      await t.system.deps.ident.completeLogin(b.uid, second, { acr: ACR_HIGH, amr: ['mfa'] });
      await browser.get(`/ident/interaction/${b.uid}`);
      const link = /<a class="button" href="([^"]+)"/.exec(browser.lastHtml)![1]!.replace(/&amp;/g, '&');
      await browser.get(link);
      assert.equal(browser.lastStatus, 200);
      assert.doesNotMatch(browser.lastHtml, PROVIDER_HTML);
      assert.match(browser.lastHtml, /lang="de"/);
      assert.match(browser.lastHtml, /Anmeldung wechseln/);

      const fields = Object.fromEntries([...browser.lastHtml.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      await browser.postForm(fields, '/ident/session/end/confirm', { csrf: null });
      const back = new URL(browser.lastUrl);
      assert.equal(back.origin + back.pathname, `${callback().base}/callback`);
      const tokensB = await exchange(config, b, back);
      assert.notEqual(tokensB.claims()!.sub, tokensA.claims()!.sub);
    });

    test('errors and logout are ours too', async () => {
      const answers = [
        await fetch(`${t.baseUrl}/ident/auth?client_id=pforte-epa`),
        await fetch(`${t.baseUrl}/ident/auth?client_id=unbekannt&response_type=code`),
        await fetch(`${t.baseUrl}/ident/auth/nichtda`),
        await fetch(`${t.baseUrl}/ident/session/end`),
        await fetch(`${t.baseUrl}/ident/session/end/success`),
        await fetch(`${t.baseUrl}/ident/session/end/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'xsrf=x&logout=yes' }),
      ];
      for (const answer of answers) {
        const text = await answer.text();
        if (!(answer.headers.get('content-type') ?? '').includes('html')) continue;
        assert.doesNotMatch(text, PROVIDER_HTML, answer.url);
        assert.match(text, /lang="de"/, answer.url);
      }
    });
  });
}
