import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createIdentClient, IdentError, isAuthorizationRefused, isGrantRefused, type LoginStart } from '../../../src/apps/epa-desktop/epa-login/ident.ts';

const server = 'http://127.0.0.1:9';
const issuer = `${server}/ident`;
const metadata = {
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: `${issuer}/token`,
  jwks_uri: `${issuer}/jwks`,
  pushed_authorization_request_endpoint: `${issuer}/request`,
  revocation_endpoint: `${issuer}/revoke`,
  id_token_signing_alg_values_supported: ['ES256'],
};
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The AOK Ident provider as the client meets it: its discovery, and a token endpoint that refuses. */
function provider(options: { down?: boolean } = {}) {
  return async (url: string | URL | Request) => {
    if (options.down) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const address = String(url);
    if (address.endsWith('/.well-known/openid-configuration')) return json(metadata);
    if (address.endsWith('/token')) return json({ error: 'invalid_grant', error_description: 'Anmeldung GEHEIM-BESCHREIBUNG abgelaufen' }, 400);
    return json({}, 404);
  };
}

/** What the program's logger writes for a caught error, as the Ident routes log it (warn, `{ err }`). */
function logLine(error: unknown): string {
  let written = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  pino({ level: 'warn' }, sink).warn({ err: error }, 'ident login not finished');
  return written;
}

const keys = () => crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
const login: LoginStart = { url: new URL(`${issuer}/auth`), state: 'STATE-ERWARTET-4711', nonce: 'n', verifier: 'v'.repeat(43), redirectUri: 'http://127.0.0.1:1/callback' };
const callback = (query: string) => new URL(`http://127.0.0.1:1/callback?${query}&iss=${encodeURIComponent(issuer)}`);

async function failure(work: Promise<unknown>): Promise<IdentError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof IdentError, `an IdentError, not ${String(error)}`);
    return error;
  }
  throw new Error('the step did not fail');
}

describe('pforte-epa: failures of the AOK Ident login are logged by kind, without codes or tokens', () => {
  test('a callback for another login (its state does not match): the log names the step and the check, not the code or the state', async () => {
    const ident = createIdentClient(server, { fetch: provider() });
    const error = await failure(ident.finish(await keys(), login, callback('code=GEHEIMER-CODE-0815&state=STATE-FREMD-1234')));
    assert.deepEqual([error.step, error.kind, error.code, error.oauthError], ['finish', 'failed', 'OAUTH_INVALID_RESPONSE', null]);
    const line = logLine(error);
    assert.match(line, /"level":40/, 'a warning');
    assert.match(line, /"step":"finish"/);
    for (const secret of ['GEHEIMER-CODE-0815', 'STATE-FREMD-1234', 'STATE-ERWARTET-4711', 'node_modules/openid-client']) assert.ok(!line.includes(secret), secret);
  });

  test('the person declined in the app: an authorization refusal, told apart from a failure', async () => {
    const ident = createIdentClient(server, { fetch: provider() });
    const error = await failure(ident.finish(await keys(), login, callback(`error=access_denied&state=${login.state}`)));
    assert.ok(isAuthorizationRefused(error));
    assert.equal(error.oauthError, 'access_denied');
  });

  test('a refresh the provider refuses is a grant refusal; the log has its OAuth code, not the refresh token or the provider\'s text', async () => {
    const ident = createIdentClient(server, { fetch: provider() });
    const error = await failure(ident.refresh(await keys(), 'GEHEIMES-REFRESH-TOKEN'));
    assert.ok(isGrantRefused(error));
    assert.deepEqual([error.step, error.oauthError, error.status], ['refresh', 'invalid_grant', 400]);
    const line = logLine(error);
    assert.match(line, /invalid_grant/);
    for (const secret of ['GEHEIMES-REFRESH-TOKEN', 'GEHEIM-BESCHREIBUNG']) assert.ok(!line.includes(secret), secret);
  });

  test('a provider that cannot be reached: the network error\'s code', async () => {
    const ident = createIdentClient(server, { fetch: provider({ down: true }) });
    const error = await failure(ident.start(await keys(), 'http://127.0.0.1:1/callback', 'A123456780'));
    assert.deepEqual([error.step, error.kind, error.code], ['start', 'failed', 'ECONNREFUSED']);
    assert.ok(!isGrantRefused(error) && !isAuthorizationRefused(error));
  });
});
