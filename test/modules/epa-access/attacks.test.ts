import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import type { FastifyRequest } from 'fastify';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { approve, discover, exchange, loopbackForSuite, startLogin } from '../ident-provider/support.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { createEpaAccess } from '../../../src/modules/epa-access/service.ts';
import { auditEpaEvents } from '../../../src/modules/epa-access/events.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { clockAtRealTime, handProof, loggedInPerson, nowSeconds, providerSigned, rawCall, type Answer } from './support.ts';

const OTHER = { client_id: 'werkzeug', client_name: 'Werkzeug', redirect_uris: ['http://127.0.0.1/cb', 'http://[::1]/cb'] };

/** A 401 of the record service with its DPoP challenge. */
function refused(answer: Answer, code: string, challenge: RegExp) {
  assert.equal(answer.status, 401, JSON.stringify(answer.body));
  assert.equal(answer.body.error, code);
  assert.match(answer.headers.get('www-authenticate') ?? '', challenge);
}

for (const kind of databaseKinds) {
  describe(`ePA record service refuses who may not call it (${kind})`, () => {
    const t = testSystemFor(kind, { env: { IDENT_CLIENTS: JSON.stringify([OTHER]) } });
    const callback = loopbackForSuite();
    clockAtRealTime(t);
    const url = (path: string) => `${t.baseUrl}${EPA_API}${path}`;

    /** The session's own key signs a proof for `method path` at the platform's clock. */
    async function ownProof(t: TestSystem, person: Awaited<ReturnType<typeof loggedInPerson>>, method: string, path: string, extra: { jti?: string; iat?: number } = {}) {
      return handProof({ key: person.session.keys.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', person.session.keys.publicKey), method, url: url(path), accessToken: person.session.accessToken, iat: extra.iat ?? nowSeconds(t), jti: extra.jti });
    }

    test('no token: 401 with the DPoP challenge', async () => {
      const answer = await rawCall(t, 'GET', '/session', {});
      refused(answer, 'epa.token_missing', /^DPoP algs="ES256"$/);
      assert.equal(answer.body.message, 'Für diesen Zugriff ist eine Anmeldung mit der „AOK Ident“-App erforderlich.');
    });

    test('the token as a Bearer token, without proof, is refused', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      refused(await rawCall(t, 'GET', '/session', { authorization: `Bearer ${person.session.accessToken}` }), 'epa.token_invalid', /error="invalid_token"/);
      refused(await rawCall(t, 'GET', '/session', { authorization: `DPoP ${person.session.accessToken}` }), 'epa.proof_invalid', /error="invalid_dpop_proof"/);
    });

    test("a proof signed by another key than the token's is refused", async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const stranger = await generateKeyPair('ES256', { extractable: true });
      const proof = await handProof({ key: stranger.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', stranger.publicKey), method: 'GET', url: url('/session'), accessToken: person.session.accessToken, iat: nowSeconds(t) });
      refused(await rawCall(t, 'GET', '/session', { authorization: `DPoP ${person.session.accessToken}`, dpop: proof }), 'epa.proof_invalid', /invalid_dpop_proof/);
      // the same hand-made proof with the right key is accepted: the key alone made the difference
      const right = await ownProof(t, person, 'GET', '/session');
      assert.equal((await rawCall(t, 'GET', '/session', { authorization: `DPoP ${person.session.accessToken}`, dpop: right })).status, 200);
    });

    test('a proof sent twice is refused the second time, also by another process on the same database', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const proof = await ownProof(t, person, 'GET', '/session');
      const headers = { authorization: `DPoP ${person.session.accessToken}`, dpop: proof };
      assert.equal((await rawCall(t, 'GET', '/session', headers)).status, 200);
      refused(await rawCall(t, 'GET', '/session', headers), 'epa.proof_replayed', /invalid_dpop_proof/);
      const d = t.system.deps;
      const other = createEpaAccess({ db: d.db, clock: d.clock, config: d.config, mailer: d.mailer, rateLimiter: d.rateLimiter, keys: d.ident.keys, hmacKey: d.hmacKey, events: auditEpaEvents(d.audit) });
      const request = { headers, method: 'GET', url: `${EPA_API}/session`, ip: '127.0.0.1' } as unknown as FastifyRequest;
      await assert.rejects(other.authenticate(request), (e: unknown) => e instanceof AppError && e.code === 'epa.proof_replayed');
    });

    test('a proof for another method, another address, or made long ago is refused', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const auth = { authorization: `DPoP ${person.session.accessToken}` };
      refused(await rawCall(t, 'GET', '/session', { ...auth, dpop: await ownProof(t, person, 'POST', '/session') }), 'epa.proof_invalid', /invalid_dpop_proof/);
      refused(await rawCall(t, 'GET', '/session', { ...auth, dpop: await ownProof(t, person, 'GET', '/devices') }), 'epa.proof_invalid', /invalid_dpop_proof/);
      refused(await rawCall(t, 'GET', '/session', { ...auth, dpop: await ownProof(t, person, 'GET', '/session', { iat: nowSeconds(t) - 301 }) }), 'epa.proof_invalid', /invalid_dpop_proof/);
    });

    test("another client's token is refused: an opaque one, or one signed for another client or audience", async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const tool = await discover(t, 'werkzeug');
      const login = await startLogin(t, tool, `${callback().base}/cb`, { scope: 'openid' });
      const toolToken = (await exchange(tool, login, await approve(t, login, person.insuredId))).access_token;
      const toolProof = await handProof({ key: person.session.keys.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', person.session.keys.publicKey), method: 'GET', url: url('/session'), accessToken: toolToken, iat: nowSeconds(t) });
      refused(await rawCall(t, 'GET', '/session', { authorization: `DPoP ${toolToken}`, dpop: toolProof }), 'epa.token_invalid', /invalid_token/);

      const now = nowSeconds(t);
      const claims = { iss: `${t.baseUrl}/ident`, aud: `${t.baseUrl}/epa`, sub: 'x', client_id: 'pforte-epa', scope: 'epa', kvnr: person.kvnr, cnf: { jkt: person.session.jkt }, iat: now, exp: now + 300, jti: randomUUID() };
      const tries: [string, Record<string, unknown>][] = [
        ['as it should be', {}],
        ['another client', { client_id: 'werkzeug' }],
        ['another audience', { aud: `${t.baseUrl}/anderswo` }],
        ['another issuer', { iss: 'https://evil.example/ident' }],
        ['no KVNR', { kvnr: undefined }],
        ['no binding', { cnf: undefined }],
      ];
      const statuses: Record<string, number> = {};
      for (const [name, change] of tries) {
        const token = await providerSigned(t, { ...claims, ...change });
        const proof = await handProof({ key: person.session.keys.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', person.session.keys.publicKey), method: 'GET', url: url('/session'), accessToken: token, iat: now });
        statuses[name] = (await rawCall(t, 'GET', '/session', { authorization: `DPoP ${token}`, dpop: proof })).status;
      }
      assert.deepEqual(statuses, { 'as it should be': 200, 'another client': 401, 'another audience': 401, 'another issuer': 401, 'no KVNR': 401, 'no binding': 401 });
    });

    test('a tampered token (another KVNR in it, the signature kept) is refused', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const victim = await loggedInPerson(t, `${callback().base}/callback`);
      const [header, payload, signature] = person.session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, kvnr: victim.kvnr })).toString('base64url')}.${signature}`;
      const proof = await handProof({ key: person.session.keys.privateKey, publicJwk: await crypto.subtle.exportKey('jwk', person.session.keys.publicKey), method: 'GET', url: url('/session'), accessToken: forged, iat: nowSeconds(t) });
      refused(await rawCall(t, 'GET', '/session', { authorization: `DPoP ${forged}`, dpop: proof }), 'epa.token_invalid', /invalid_token/);
    });

    test('an expired token is refused as expired, on the platform clock', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      assert.equal((await person.session.call('GET', '/session')).status, 200);
      t.clock.advance(301_000);
      const answer = await rawCall(t, 'GET', '/session', { authorization: `DPoP ${person.session.accessToken}`, dpop: await ownProof(t, person, 'GET', '/session') });
      refused(answer, 'epa.token_expired', /error="invalid_token", error_description="expired"/);
      assert.equal(answer.body.message, 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.');
    });

    test('a person locked by staff is refused (403), with a valid token', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      await t.system.deps.db.updateTable('insured_persons').set({ status: 'locked' }).where('id', '=', person.insuredId).execute();
      const answer = await person.session.call('GET', '/session');
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'epa.access_denied');
    });

    test('garbage in the headers and bodies: refused, never a 500', async () => {
      const person = await loggedInPerson(t, `${callback().base}/callback`);
      const garbage = ['DPoP', 'DPoP ', 'DPoP a.b.c', `DPoP ${'A'.repeat(9000)}`, 'Basic Zm9vOmJhcg==', 'DPoP \u00e4'];
      for (const authorization of garbage) {
        const answer = await rawCall(t, 'GET', '/session', { authorization, dpop: 'x.y.z' });
        assert.ok(answer.status === 401, `${authorization.slice(0, 12)} → ${answer.status}`);
      }
      const bodies = [[], 'text', { name: 'x'.repeat(61) }, { name: '\u0000' }, { name: 42 }];
      for (const body of bodies) {
        const answer = await person.session.call('POST', '/devices', body);
        assert.ok(answer.status >= 400 && answer.status < 500, `${JSON.stringify(body)} → ${answer.status}`);
      }
      const unknown = await person.session.call('GET', '/nirgends');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error, 'request.not_found');
    });
  });
}
