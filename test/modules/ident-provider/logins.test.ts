import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';
import { auditCounts } from '../../support/audit.ts';
import { approve, client, discover, exchange, loopbackForSuite, oauthError, refresh, registeredPerson, startLogin } from './support.ts';

const TOOL = { client_id: 'werkzeug', client_name: 'Werkzeug', redirect_uris: ['http://127.0.0.1/cb'], require_pushed_authorization_requests: true };
const HIGH = { acr: ACR_HIGH, amr: ['mfa'] } as const;
const MINUTE = 60_000;

function appError(code: string) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

for (const kind of databaseKinds) {
  describe(`AOK Ident: answering a login request (${kind})`, () => {
    const t = testSystemFor(kind, { env: { IDENT_CLIENTS: JSON.stringify([TOOL]) } });
    const callback = loopbackForSuite();
    let insuredId: string;
    let config: Awaited<ReturnType<typeof discover>>;
    before(async () => {
      insuredId = await registeredPerson(t, 'T012345678');
      config = await discover(t);
    });
    const redirect = () => `${callback().base}/callback`;

    test('a request is approved once; a second answer, an unknown or an expired request are refused', async () => {
      const login = await startLogin(t, config, redirect());
      const before = await auditCounts(t);
      await t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH, { ip: '192.0.2.7' });
      const entry = await t.system.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.login_approved').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal((await auditCounts(t))('ident.login_approved'), before('ident.login_approved') + 1);
      assert.deepEqual([entry.actor, entry.subject, entry.ip], [`insured:${insuredId}`, insuredId, '192.0.2.7']);
      assert.deepEqual({ ...entry.data, grant: typeof entry.data.grant }, { client: 'pforte-epa', acr: ACR_HIGH, grant: 'string' });
      await assert.rejects(t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH), appError('ident.login_answered'));
      await assert.rejects(t.system.deps.ident.declineLogin(login.uid), appError('ident.login_answered'));
      await assert.rejects(t.system.deps.ident.completeLogin('x'.repeat(30), insuredId, HIGH), appError('ident.login_expired'));
      const late = await startLogin(t, config, redirect());
      t.clock.advance(11 * MINUTE);
      await assert.rejects(t.system.deps.ident.completeLogin(late.uid, insuredId, HIGH), appError('ident.login_expired'));
    });

    test('two approvals at the same moment: one wins', async () => {
      const login = await startLogin(t, config, redirect());
      const results = await Promise.allSettled([
        t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH),
        t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    });

    test('a locked person, or one not registered for the ePA, cannot be logged in; the request stays open', async () => {
      const locked = await registeredPerson(t, 'C000500021', { status: 'locked' });
      const unregistered = await registeredPerson(t, 'Q123456784', { epa: false });
      const login = await startLogin(t, config, redirect());
      await assert.rejects(t.system.deps.ident.completeLogin(login.uid, locked, HIGH), appError('ident.account_unavailable'));
      await assert.rejects(t.system.deps.ident.completeLogin(login.uid, unregistered, HIGH), appError('ident.account_unavailable'));
      await assert.rejects(t.system.deps.ident.completeLogin(login.uid, 'nobody', HIGH), appError('ident.account_unavailable'));
      assert.ok((await auditCounts(t))('ident.login_refused') >= 3);
      assert.ok(await exchange(config, login, await approve(t, login, insuredId)));
    });

    test('a person locked after the login: the refresh fails', async () => {
      const person = await registeredPerson(t, 'Z123456783');
      const login = await startLogin(t, config, redirect());
      const tokens = await exchange(config, login, await approve(t, login, person));
      await t.system.deps.db.updateTable('insured_persons').set({ status: 'locked' }).where('id', '=', person).execute();
      await assert.rejects(refresh(config, tokens.refresh_token!), oauthError('invalid_grant'));
    });

    test('"Abbrechen" on the page sends access_denied to the client; the request cannot be approved afterwards', async () => {
      const login = await startLogin(t, config, redirect());
      const page = await fetch(`${t.baseUrl}/ident/interaction/${login.uid}`, { headers: { cookie: login.browser['cookieHeader']() } });
      assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`form-action 'self' ${callback().base}(;|$)`), 'the form may lead on to the client');
      await login.browser.postForm({}, `/ident/interaction/${login.uid}/abbrechen`);
      const answer = new URL(login.browser.lastUrl);
      assert.equal(answer.origin + answer.pathname, redirect());
      assert.equal(answer.searchParams.get('error'), 'access_denied');
      assert.equal(answer.searchParams.get('state'), login.state);
      assert.ok((await auditCounts(t))('ident.login_declined') >= 1);
      await assert.rejects(t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH), appError('ident.login_expired'));
    });

    test('the login page belongs to the browser that started the request', async () => {
      const login = await startLogin(t, config, redirect());
      const other = new FormClient(t.baseUrl);
      const response = await other.get(`/ident/interaction/${login.uid}`);
      assert.equal(response.status, 404);
      assert.match(other.text(), /Diese Anmeldung ist abgelaufen/);
      // approved for someone, the request still hands back only in the browser that started it
      const { returnTo } = await t.system.deps.ident.completeLogin(login.uid, insuredId, HIGH);
      await other.get(returnTo);
      assert.equal(other.lastStatus, 400);
      assert.equal(callback().hits.some((hit) => hit.includes(`state=${login.state}`)), false);
    });

    test('every login is approved in the app: the same browser asking again sees the login page, prompt=none is refused', async () => {
      const login = await startLogin(t, config, redirect());
      await exchange(config, login, await approve(t, login, insuredId));
      const again = await client.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: redirect(), scope: 'openid', state: 's2', code_challenge: await client.calculatePKCECodeChallenge(login.verifier), code_challenge_method: 'S256',
      });
      await login.browser.get(again.href);
      assert.match(new URL(login.browser.lastUrl).pathname, /^\/ident\/interaction\//);
      const silent = await client.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: redirect(), scope: 'openid', state: 's3', prompt: 'none', code_challenge: await client.calculatePKCECodeChallenge(login.verifier), code_challenge_method: 'S256',
      });
      await login.browser.get(silent.href);
      assert.equal(new URL(login.browser.lastUrl).searchParams.get('error'), 'login_required');
    });

    test('refresh tokens end 120 minutes after the login, however often rotated', async () => {
      const login = await startLogin(t, config, redirect());
      let refreshToken = (await exchange(config, login, await approve(t, login, insuredId))).refresh_token!;
      for (let i = 0; i < 4; i++) {
        t.clock.advance(29 * MINUTE);
        refreshToken = (await refresh(config, refreshToken)).refresh_token!;
      }
      t.clock.advance(5 * MINUTE);
      await assert.rejects(refresh(config, refreshToken), oauthError('invalid_grant'));
    });

    test('another client: its own pairwise sub, no KVNR, no access to the record', async () => {
      const epaLogin = await startLogin(t, config, redirect());
      const epaSub = (await exchange(config, epaLogin, await approve(t, epaLogin, insuredId))).claims()!.sub;
      const tool = await discover(t, 'werkzeug');
      const login = await startLogin(t, tool, `${callback().base}/cb`, { scope: 'openid' });
      const tokens = await exchange(tool, login, await approve(t, login, insuredId));
      const claims = tokens.claims()!;
      assert.equal(claims.kvnr, undefined);
      assert.notEqual(claims.sub, epaSub);
      assert.equal(claims.acr, ACR_HIGH);
      assert.equal(tokens.access_token.split('.').length, 1, 'an opaque token, not one for the record');
      const verifier = client.randomPKCECodeVerifier();
      const base = { redirect_uri: `${callback().base}/cb`, code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' };
      await assert.rejects(client.buildAuthorizationUrlWithPAR(tool, { ...base, scope: 'openid kvnr' }), oauthError('invalid_scope'));
      await assert.rejects(client.buildAuthorizationUrlWithPAR(tool, { ...base, scope: 'openid', resource: `${t.baseUrl}/epa` }), oauthError('invalid_target'));
    });
  });
}
