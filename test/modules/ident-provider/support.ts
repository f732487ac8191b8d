import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createServer, type Server } from 'node:http';
import { createPublicKey, verify, type JsonWebKey as NodeJwk } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';

/** An insured person of the demo AOK registered for the ePA, as staff leave them; returns the id. */
export async function registeredPerson(t: TestSystem, kvnr: string, options: { epa?: boolean; status?: 'active' | 'locked' } = {}): Promise<string> {
  const { db, clock } = t.system.deps;
  const id = newId();
  const now = clock.now();
  await db
    .insertInto('insured_persons')
    .values({ id, kvnr, last_name: 'Muster', first_name: 'Erika', birth_date: '1980-02-01', email: `${kvnr.toLowerCase()}@example.org`, insurer_id: 'by', status: options.status ?? 'active', created_at: now, updated_at: now })
    .execute();
  if (options.epa !== false) {
    await db.insertInto('epa_records').values({ id: newId(), insured_id: id, identity_check: 'in_person', created_by: 'system', created_at: now }).execute();
  }
  return id;
}

/**
 * The desktop client's loopback listener (RFC 8252 §7.3): a server on 127.0.0.1 at a free port that
 * notes each address the browser is sent to.
 */
export async function loopback(): Promise<{ base: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    // a browser asks a page's host for its icon after the page: that is no redirect to the client
    if (req.url === '/favicon.ico') return void res.writeHead(404).end();
    hits.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The loopback listener of one describe block: started before its tests, closed after them. */
export function loopbackForSuite(): () => Awaited<ReturnType<typeof loopback>> {
  let callback: Awaited<ReturnType<typeof loopback>> | undefined;
  before(async () => {
    callback = await loopback();
  });
  after(() => callback?.close());
  return () => {
    if (!callback) throw new Error('the loopback starts in before()');
    return callback;
  };
}

/** openid-client's view of the provider, by discovery, as a public client. */
export async function discover(t: TestSystem, clientId = 'pforte-epa', secret?: string): Promise<client.Configuration> {
  return client.discovery(new URL(`${t.baseUrl}/ident`), clientId, undefined, secret ? client.ClientSecretBasic(secret) : client.None(), {
    execute: [client.allowInsecureRequests],
  });
}

const dpopKeys = new WeakMap<client.Configuration, client.DPoPHandle>();

/**
 * The client's DPoP handle (RFC 9449), one key per configuration, as the desktop client holds its
 * device key: the ePA client's tokens are bound to it, so every token request sends its proof.
 */
export async function dpopOf(config: client.Configuration): Promise<client.DPoPHandle> {
  let handle = dpopKeys.get(config);
  if (!handle) {
    handle = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'));
    dpopKeys.set(config, handle);
  }
  return handle;
}

/** A refresh with the configuration's DPoP key. */
export async function refresh(config: client.Configuration, refreshToken: string) {
  return client.refreshTokenGrant(config, refreshToken, undefined, { DPoP: await dpopOf(config) });
}

export interface StartedLogin {
  browser: FormClient;
  uid: string;
  verifier: string;
  state: string;
  nonce: string;
  redirectUri: string;
}

/** What the client keeps of a pushed request to check its answer: PKCE's verifier, state and nonce. */
export type PushedLogin = Pick<StartedLogin, 'verifier' | 'state' | 'nonce' | 'redirectUri'>;

/** The client pushes its request (PAR, PKCE S256, its DPoP key): the address it opens the browser at. */
export async function pushLogin(config: client.Configuration, redirectUri: string, params: Record<string, string> = {}, dpop?: client.DPoPHandle): Promise<PushedLogin & { url: URL }> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: 'openid kvnr epa',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  }, { DPoP: dpop ?? (await dpopOf(config)) });
  return { url, verifier, state, nonce, redirectUri };
}

/** The client pushes its request (PAR, PKCE S256, its DPoP key) and opens the browser at the login page. */
export async function startLogin(
  t: TestSystem,
  config: client.Configuration,
  redirectUri: string,
  params: Record<string, string> = {},
  browser = new FormClient(t.baseUrl),
  dpop?: client.DPoPHandle,
): Promise<StartedLogin> {
  const { url, verifier, state, nonce } = await pushLogin(config, redirectUri, params, dpop);
  await browser.get(url.href);
  const uid = /\/ident\/interaction\/([^/?#]+)$/.exec(new URL(browser.lastUrl).pathname)?.[1];
  if (!uid || browser.lastStatus !== 200) throw new Error(`no login page: ${browser.lastStatus} ${browser.lastUrl}`);
  return { browser, uid, verifier, state, nonce, redirectUri };
}

/** The approval as the Ident app's service gives it, then the browser follows "Öffne … .app" to the client. */
export async function approve(t: TestSystem, login: StartedLogin, insuredId: string): Promise<URL> {
  await t.system.deps.ident.completeLogin(login.uid, insuredId, { acr: ACR_HIGH, amr: ['mfa'] });
  await login.browser.get(`/ident/interaction/${login.uid}`);
  const link = /<a class="button" href="([^"]+)"/.exec(login.browser.lastHtml)?.[1];
  if (!link) throw new Error('no link back to the client');
  await login.browser.get(link.replace(/&amp;/g, '&'));
  return new URL(login.browser.lastUrl);
}

/** Code for tokens, with openid-client's checks (state, PKCE, nonce, the ID token's signature and claims). */
export async function exchange(config: client.Configuration, login: PushedLogin, callback: URL, dpop?: client.DPoPHandle) {
  return client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true }, undefined, { DPoP: dpop ?? (await dpopOf(config)) });
}

/** A JWT's payload after checking its ES256 signature against the provider's JWKS. */
export async function verifiedJwt(t: TestSystem, jwt: string): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> }> {
  const [h, p, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString()) as { kid: string; alg: string };
  const { keys } = (await (await fetch(`${t.baseUrl}/ident/jwks`)).json()) as { keys: (NodeJwk & { kid: string })[] };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'ES256') throw new Error(`unknown key ${header.kid} or alg ${header.alg}`);
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(s!, 'base64url'));
  if (!ok) throw new Error('bad signature');
  return { header, payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown> };
}

/** For assert.rejects: the OAuth error the server answered with. */
export function oauthError(code: string) {
  return (error: unknown) => {
    assert.equal((error as { error?: unknown }).error, code, String(error));
    return true;
  };
}

export { client };
