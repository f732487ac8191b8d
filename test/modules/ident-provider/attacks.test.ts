import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { approve, client, discover, exchange, loopbackForSuite, oauthError, refresh, registeredPerson, startLogin } from './support.ts';

const OTHER = { client_id: 'werkzeug', client_name: 'Werkzeug', redirect_uris: ['http://127.0.0.1/cb', 'http://[::1]/cb'] };
const STACK = /\n\s+at |node_modules|\bError: /;

/** A pushed authorization request as a client sends it, answered as JSON. */
async function push(baseUrl: string, params: Record<string, string>) {
  const response = await fetch(`${baseUrl}/ident/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

for (const kind of databaseKinds) {
  describe(`AOK Ident refuses what an attacker tries (${kind})`, () => {
    const t = testSystemFor(kind, { env: { IDENT_CLIENTS: JSON.stringify([OTHER]) } });
    const callback = loopbackForSuite();
    let insuredId: string;
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    before(async () => {
      insuredId = await registeredPerson(t, 'K220645122');
    });

    const base = () => ({ client_id: 'pforte-epa', response_type: 'code', scope: 'openid', redirect_uri: `${callback().base}/callback` });

    test('without PKCE, or with the plain method, a request is refused', async () => {
      const none = await push(t.baseUrl, base());
      assert.equal(none.status, 400);
      assert.equal(none.body.error, 'invalid_request');
      const plain = await push(t.baseUrl, { ...base(), code_challenge: challenge, code_challenge_method: 'plain' });
      assert.equal(plain.status, 400);
      assert.equal(plain.body.error, 'invalid_request');
      // a client without PAR is held to the same rule at the authorization endpoint: the error goes back to it
      const browser = new FormClient(t.baseUrl);
      await browser.get(`/ident/auth?${new URLSearchParams({ ...base(), client_id: 'werkzeug', redirect_uri: `${callback().base}/cb`, code_challenge: challenge, code_challenge_method: 'plain' })}`);
      const answer = new URL(browser.lastUrl);
      assert.equal(answer.origin + answer.pathname, `${callback().base}/cb`);
      assert.equal(answer.searchParams.get('error'), 'invalid_request');
    });

    test('the ePA client must push its request (PAR): a plain authorization request goes back to it refused', async () => {
      const browser = new FormClient(t.baseUrl);
      await browser.get(`/ident/auth?${new URLSearchParams({ ...base(), code_challenge: challenge, code_challenge_method: 'S256' })}`);
      const answer = new URL(browser.lastUrl);
      assert.equal(answer.origin + answer.pathname, `${callback().base}/callback`);
      assert.equal(answer.searchParams.get('error'), 'invalid_request');
      assert.equal(answer.searchParams.get('code'), null);
    });

    test('a redirect anywhere but the registered loopback path is refused, never followed', async () => {
      for (const redirect of ['http://evil.example/callback', 'https://evil.example/callback', 'http://localhost:5000/callback', 'http://127.0.0.1:5000/other', 'http://127.0.0.1.evil.example/callback', 'http://127.0.0.1:5000/callback#x']) {
        const answer = await push(t.baseUrl, { ...base(), redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256' });
        assert.equal(answer.status, 400, redirect);
        assert.match(answer.body.error_description ?? '', /redirect_uri did not match/, redirect);
      }
      const browser = new FormClient(t.baseUrl);
      const response = await browser.get(`/ident/auth?${new URLSearchParams({ ...base(), client_id: 'werkzeug', redirect_uri: 'http://evil.example/cb', code_challenge: challenge, code_challenge_method: 'S256' })}`);
      assert.equal(response.status, 400);
      assert.equal(new URL(browser.lastUrl).host, new URL(t.baseUrl).host, 'stays on our page');
      assert.match(browser.text(), /Die Rücksprungadresse der anfragenden Anwendung ist nicht zugelassen/);
      const unknown = await browser.get(`/ident/auth?${new URLSearchParams({ ...base(), client_id: 'niemand', code_challenge: challenge, code_challenge_method: 'S256' })}`);
      assert.equal(unknown.status, 400);
      assert.match(browser.text(), /Die anfragende Anwendung ist nicht bekannt/);
    });

    test('the code comes back in the query only: form_post and fragment are refused', async () => {
      for (const mode of ['form_post', 'fragment']) {
        const answer = await push(t.baseUrl, { ...base(), response_mode: mode, code_challenge: challenge, code_challenge_method: 'S256' });
        assert.equal(answer.status, 400, mode);
      }
    });

    test('a code used twice: the second use fails and the tokens of the first are revoked', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const back = await approve(t, login, insuredId);
      const tokens = await exchange(config, login, back);
      await assert.rejects(exchange(config, login, back), oauthError('invalid_grant'));
      await assert.rejects(refresh(config, tokens.refresh_token!), oauthError('invalid_grant'));
      const last = (action: string) => t.system.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action as never).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const [approved, revoked] = [await last('ident.login_approved'), await last('ident.grant_revoked')];
      assert.equal(revoked.data.route, 'token');
      assert.equal(revoked.data.grant, approved.data.grant, 'the replay ends the login it came from');
    });

    test('a code sent twice at the same moment gives tokens once', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const back = await approve(t, login, insuredId);
      const results = await Promise.allSettled([exchange(config, login, back), exchange(config, login, back)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const winner = results.find((r) => r.status === 'fulfilled')!.value;
      await assert.rejects(refresh(config, winner.refresh_token!), oauthError('invalid_grant'));
    });

    test('a refresh token used twice: the second use fails and ends the login', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const tokens = await exchange(config, login, await approve(t, login, insuredId));
      const rotated = await refresh(config, tokens.refresh_token!);
      await assert.rejects(refresh(config, tokens.refresh_token!), oauthError('invalid_grant'));
      await assert.rejects(refresh(config, rotated.refresh_token!), oauthError('invalid_grant'));
    });

    test('a pushed request_uri expires after 60 seconds on the clock (oidc-provider does not allow gematik\'s 90)', async () => {
      const pushed = await push(t.baseUrl, { ...base(), code_challenge: challenge, code_challenge_method: 'S256' });
      assert.equal(pushed.status, 201);
      assert.equal(Number(pushed.body.expires_in), 60);
      t.clock.advance(61_000);
      const browser = new FormClient(t.baseUrl);
      const response = await browser.get(`/ident/auth?${new URLSearchParams({ client_id: 'pforte-epa', request_uri: pushed.body.request_uri! })}`);
      assert.equal(response.status, 400);
      assert.match(browser.text(), /Diese Anmeldung ist abgelaufen/);
    });

    test('a token request with a multipart (or JSON) body is refused as the spec says, not answered with a 500', async () => {
      const form = new FormData();
      form.set('grant_type', 'authorization_code');
      form.set('client_id', 'pforte-epa');
      form.set('code', 'x');
      for (const body of [form, JSON.stringify({ grant_type: 'authorization_code', client_id: 'pforte-epa' })]) {
        const response = await fetch(`${t.baseUrl}/ident/token`, { method: 'POST', body, headers: typeof body === 'string' ? { 'content-type': 'application/json' } : {} });
        assert.equal(response.status, 400);
        assert.equal(((await response.json()) as { error: string }).error, 'invalid_request');
      }
    });

    test('long garbage in every parameter of every endpoint: no 500, no stack trace', async () => {
      const names = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'request_uri', 'resource', 'prompt', 'max_age', 'acr_values', 'claims', 'request', 'grant_type', 'code', 'code_verifier', 'refresh_token', 'token', 'token_type_hint', 'id_token_hint', 'post_logout_redirect_uri', 'logout', 'xsrf', 'ui_locales', 'login_hint'];
      const garbage = ['x'.repeat(3000), '\u0000'.repeat(100) + 'ä'.repeat(1000), '%'.repeat(2000), '{"a":'.repeat(500), 'A'.repeat(60_000)];
      const endpoints: [string, string][] = [['GET', '/ident/auth'], ['POST', '/ident/auth'], ['POST', '/ident/request'], ['POST', '/ident/token'], ['POST', '/ident/token/revocation'], ['GET', '/ident/session/end'], ['POST', '/ident/session/end'], ['POST', '/ident/session/end/confirm'], ['GET', '/ident/jwks'], ['GET', '/ident/.well-known/openid-configuration']];
      const wrong: string[] = [];
      for (const [method, path] of endpoints) {
        for (const name of names) {
          for (const value of garbage) {
            const params = new URLSearchParams({ client_id: 'pforte-epa', [name]: value });
            // a query string past Node's header limit is refused by Node (431), so long values go in bodies
            const response =
              method === 'GET'
                ? await t.system.app.inject({ method, url: `${path}?${params}` })
                : await t.system.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
            if (response.statusCode >= 500 || STACK.test(response.body)) wrong.push(`${method} ${path} ${name}=${value.slice(0, 10)}… → ${response.statusCode}`);
          }
        }
      }
      for (const uid of ['x'.repeat(150), '%00', '..%2F..%2Fetc']) {
        for (const path of [`/ident/auth/${uid}`, `/ident/interaction/${uid}`]) {
          const response = await t.system.app.inject({ method: 'GET', url: path });
          if (response.statusCode >= 500 || STACK.test(response.body)) wrong.push(`GET ${path} → ${response.statusCode}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  });
}
