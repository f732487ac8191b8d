import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { FormClient } from '../../support/browser-client.ts';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';
import { approve, client, discover, exchange, loopbackForSuite, oauthError, refresh, registeredPerson, startLogin, verifiedJwt } from './support.ts';
import { approveWithTerminal, terminalPerson } from '../ident-login/support.ts';

for (const kind of databaseKinds) {
  describe(`AOK Ident: a whole login with openid-client (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();

    test('discovery, PAR, PKCE, the QR approval with pforte-ident, code exchange, ID token, refresh, revocation, logout', async () => {
      // the person's terminal program, activated with the letter: it approves the QR code of the login page
      const person = await terminalPerson(t);
      const config = await discover(t);
      const server = config.serverMetadata();
      assert.equal(server.issuer, `${t.baseUrl}/ident`);
      assert.deepEqual(server.code_challenge_methods_supported, ['S256']);
      assert.ok(server.pushed_authorization_request_endpoint);
      assert.deepEqual(server.id_token_signing_alg_values_supported, ['ES256']);
      assert.deepEqual(server.subject_types_supported, ['pairwise']);
      assert.deepEqual(server.acr_values_supported, [ACR_HIGH]);

      const login = await startLogin(t, config, `${callback().base}/callback`);
      assert.match(login.browser.text(), /„AOK Ident“-App Anmeldung/);
      assert.match(login.browser.text(), /Bitte scannen Sie den QR-Code ein, um in Ihre „AOK Ident“-App zu gelangen\./);
      assert.match(login.browser.text(), /Anmeldung bei AOK Mein Leben/);

      const back = await approveWithTerminal(login, person.data);
      assert.equal(back.origin + back.pathname, `${callback().base}/callback`);
      const tokens = await exchange(config, login, back);
      const claims = tokens.claims()!;
      assert.equal(claims.acr, ACR_HIGH);
      assert.deepEqual(claims.amr, ['mfa', 'pin', 'swk']);
      assert.equal(claims.kvnr, person.kvnr);
      assert.notEqual(claims.sub, person.id, 'the sub is pairwise, not the person id');
      assert.equal(Number(claims.exp) - Number(claims.iat), 300);
      assert.equal(tokens.expires_in, 300);
      assert.ok(tokens.refresh_token);

      const access = await verifiedJwt(t, tokens.access_token);
      assert.equal(access.payload.aud, `${t.baseUrl}/epa`);
      assert.equal(access.payload.iss, `${t.baseUrl}/ident`);
      assert.equal(access.payload.sub, claims.sub);
      assert.equal(access.payload.kvnr, person.kvnr);
      assert.equal(access.payload.acr, ACR_HIGH);
      assert.equal(access.payload.scope, 'epa');
      assert.equal(Number(access.payload.exp) - Number(access.payload.iat), 300);

      const refreshed = await refresh(config, tokens.refresh_token!);
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'rotated');
      assert.equal(refreshed.claims()?.sub, claims.sub);

      await client.tokenRevocation(config, refreshed.refresh_token!);
      await assert.rejects(refresh(config, refreshed.refresh_token!), oauthError('invalid_grant'));

      // a second login, then RP-initiated logout ends the session and its tokens
      const second = await startLogin(t, config, `${callback().base}/callback`);
      const secondTokens = await exchange(config, second, await approveWithTerminal(second, person.data));
      const end = client.buildEndSessionUrl(config, { id_token_hint: secondTokens.id_token!, post_logout_redirect_uri: `${callback().base}/` });
      await second.browser.get(end.href);
      assert.equal(second.browser.lastStatus, 200);
      assert.match(second.browser.text(), /Möchten Sie sich von AOK Mein Leben abmelden\?/);
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(second.browser.lastHtml)?.[1];
      assert.ok(xsrf);
      await second.browser.postForm({ xsrf, logout: 'yes' }, '/ident/session/end/confirm', { csrf: null });
      assert.equal(second.browser.lastUrl, `${callback().base}/`);
      await assert.rejects(refresh(config, secondTokens.refresh_token!), oauthError('invalid_grant'));
    });

    test("the README's command: scripts/ident-login.ts logs in as a loopback client", async () => {
      const insuredId = await registeredPerson(t, 'J012345677');
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ident-login.ts', '--issuer', `${t.baseUrl}/ident`, '--timeout-seconds', '60'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      const exited = once(child, 'exit');
      while (!/Öffnen Sie im Browser: (\S+)/.test(out)) {
        if (child.exitCode !== null) assert.fail(out);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const browser = new FormClient(t.baseUrl);
      await browser.get(/Öffnen Sie im Browser: (\S+)/.exec(out)![1]!);
      const uid = new URL(browser.lastUrl).pathname.split('/').pop()!;
      const back = await approve(t, { browser, uid, verifier: '', state: '', nonce: '', redirectUri: '' }, insuredId);
      assert.equal(back.pathname, '/callback');
      assert.equal(browser.lastStatus, 200, 'the script answered the browser');
      const [code] = await exited;
      assert.equal(code, 0, out);
      const printed = JSON.parse(out.slice(out.indexOf('{'))) as { id_token: Record<string, unknown>; expires_in: number; refreshed: boolean };
      assert.equal(printed.id_token.kvnr, 'J012345677');
      assert.equal(printed.expires_in, 300);
      assert.equal(printed.refreshed, true);
    });
  });
}
