import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const params = (extra: Record<string, string> = {}) => ({
  client_id: 'pforte-epa',
  response_type: 'code',
  scope: 'openid',
  redirect_uri: 'http://127.0.0.1:5000/callback',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
  ...extra,
});

async function push(baseUrl: string, body: Record<string, string>, ip: string) {
  const response = await fetch(`${baseUrl}/ident/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    body: new URLSearchParams(body).toString(),
  });
  return { status: response.status, text: await response.text() };
}

for (const kind of databaseKinds) {
  describe(`AOK Ident limits what anonymous requests may store (${kind})`, () => {
    const t = testSystemFor(kind, { env: { TRUST_PROXY: 'true' } });

    test('an oversized state is refused as invalid_request, and nothing is stored', async () => {
      const before = await t.system.deps.db.selectFrom('ident_oidc_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const pushed = await push(t.baseUrl, params({ state: 'x'.repeat(50_000) }), '203.0.113.10');
      assert.equal(pushed.status, 400);
      assert.equal(JSON.parse(pushed.text).error, 'invalid_request');
      const query = new URLSearchParams(params({ state: 'x'.repeat(12_000) }));
      const auth = await fetch(`${t.baseUrl}/ident/auth?${query}`, { headers: { 'x-forwarded-for': '203.0.113.11' }, redirect: 'manual' });
      // the client's registered address gets the OAuth error, as for any refused login request
      assert.equal(auth.status, 303);
      assert.equal(new URL(auth.headers.get('location')!).searchParams.get('error'), 'invalid_request');
      const after = await t.system.deps.db.selectFrom('ident_oidc_entries').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
      assert.equal((await push(t.baseUrl, params({ state: 'x'.repeat(2000) }), '203.0.113.12')).status, 201);
    });

    test('pushed requests and logins are limited per address: 429, the OAuth error or our German page', async () => {
      const answers = [];
      for (let i = 0; i < 31; i++) answers.push((await push(t.baseUrl, params(), '203.0.113.20')).status);
      assert.deepEqual(answers.slice(0, 30), Array(30).fill(201));
      const over = await push(t.baseUrl, params(), '203.0.113.20');
      assert.equal(over.status, 429);
      assert.equal(JSON.parse(over.text).error, 'invalid_request');
      assert.equal((await push(t.baseUrl, params(), '203.0.113.21')).status, 201, 'another address is not affected');

      let last: Response | undefined;
      for (let i = 0; i < 31; i++) last = await fetch(`${t.baseUrl}/ident/auth?${new URLSearchParams(params())}`, { headers: { 'x-forwarded-for': '203.0.113.22' }, redirect: 'manual' });
      assert.equal(last!.status, 429);
      const page = await last!.text();
      assert.match(page, /lang="de"/);
      assert.doesNotMatch(page, /oidc-provider|Submitting Callback/);
    });
  });
}
