import { beforeEach } from 'node:test';
import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, exportJWK, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { TestSystem } from '../../support/system.ts';
import { mailsTo, waitForMail } from '../../support/mailbox.ts';
import { accessTokenHash } from '../../../src/modules/epa-access/access-token.ts';
import { EPA_API } from '../../../src/modules/epa-access/api.ts';
import { approve, client, discover, exchange, registeredPerson, startLogin, type StartedLogin } from '../ident-provider/support.ts';
import { freshKvnr } from '../insured/kvnr.ts';
import type { EpaCaller } from '../../../src/modules/epa-access/service.ts';

/**
 * The tokens come from oidc-provider, which stamps them with the computer's time; the record service
 * checks them on the platform's clock. Each suite starts that clock at the computer's time.
 */
export function clockAtRealTime(t: TestSystem) {
  beforeEach(() => t.clock.set(new Date()));
}

/** What the record service answered. */
export interface Answer {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
}

/**
 * The desktop client after its Ident login: openid-client's configuration, its device key (P-256) as
 * DPoP handle, and the tokens bound to that key. `call` asks the record API with openid-client's
 * fetchProtectedResource, which signs a fresh proof for every request.
 */
export interface EpaSession {
  config: client.Configuration;
  keys: client.CryptoKeyPair;
  dpop: client.DPoPHandle;
  accessToken: string;
  refreshToken: string | undefined;
  jkt: string;
  call(method: string, path: string, body?: unknown): Promise<Answer>;
}

/** The desktop client's Ident login with its own device key; the approval comes from `approveLogin`. */
export async function epaLogin(t: TestSystem, redirectUri: string, approveLogin: (login: StartedLogin) => Promise<URL>, keys?: client.CryptoKeyPair): Promise<EpaSession> {
  const config = await discover(t);
  const pair = keys ?? (await client.randomDPoPKeyPair('ES256'));
  const dpop = client.getDPoPHandle(config, pair);
  const login = await startLogin(t, config, redirectUri, {}, undefined, dpop);
  const tokens = await exchange(config, login, await approveLogin(login), dpop);
  const session: EpaSession = {
    config,
    keys: pair,
    dpop,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    jkt: await calculateJwkThumbprint(await exportJWK(pair.publicKey)),
    async call(method, path, body) {
      const headers = new Headers({ accept: 'application/json' });
      if (body !== undefined) headers.set('content-type', 'application/json');
      try {
        const response = await client.fetchProtectedResource(config, session.accessToken, new URL(`${t.baseUrl}${EPA_API}${path}`), method, body === undefined ? null : JSON.stringify(body), headers, { DPoP: dpop });
        return answerOf(response);
      } catch (error) {
        // a 401 with its challenge is an error to openid-client, an answer to the test
        const response = (error as { response?: unknown }).response;
        if (response instanceof Response) return answerOf(response);
        throw error;
      }
    },
  };
  return session;
}

/** The login approved by the Ident app's service (the QR code path has its own tests). */
export function epaLoginApprovedFor(t: TestSystem, insuredId: string, redirectUri: string, keys?: client.CryptoKeyPair): Promise<EpaSession> {
  return epaLogin(t, redirectUri, (login) => approve(t, login, insuredId), keys);
}

/** A DPoP proof made by hand (jose), for what a well-behaved client never sends. */
export async function handProof(input: { key: CryptoKey; publicJwk?: JWK; method: string; url: string; accessToken: string; iat: number; jti?: string }): Promise<string> {
  const jwk = input.publicJwk ?? (await exportJWK(input.key));
  return new SignJWT({ htm: input.method, htu: input.url, ath: accessTokenHash(input.accessToken), jti: input.jti ?? randomUUID() })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .setIssuedAt(input.iat)
    .sign(input.key);
}

/** A request to the record API with the headers given as they are. */
export async function rawCall(t: TestSystem, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const response = await fetch(`${t.baseUrl}${EPA_API}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answerOf(response);
}

/** The epoch second on the platform's clock. */
export function nowSeconds(t: TestSystem): number {
  return Math.floor(t.clock.now().getTime() / 1000);
}

/** The Bestätigungscode of the newest mail to `to` that came after `after` (a mail id), read in the embedded mailbox. */
export async function codeFromMail(t: TestSystem, to: string, after?: string): Promise<{ code: string; mailId: string; text: string; subject: string }> {
  const mail = await waitForMail(t.baseUrl, to, { subject: 'Bestätigungscode', after });
  const code = /Ihr Bestätigungscode lautet: (\d{6})/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the mail: ${mail.text}`);
  return { code, mailId: mail.id, text: mail.text, subject: mail.subject };
}

/** The id of the newest mail to `to` so far (mails after it are new), or undefined. */
export async function lastMailId(t: TestSystem, to: string): Promise<string | undefined> {
  const ids = (await mailsTo(t.baseUrl, to)).map((m) => BigInt(m.id));
  return ids.length ? String(ids.reduce((a, b) => (a > b ? a : b))) : undefined;
}

/** A code that is not `code`. */
export function otherCode(code: string, n = 1): string {
  return String((Number(code) + n) % 1_000_000).padStart(6, '0');
}

/** A person registered for the ePA (as staff leave them), logged in on a desktop client of their own. */
export async function loggedInPerson(t: TestSystem, redirectUri: string) {
  const kvnr = freshKvnr('E');
  const insuredId = await registeredPerson(t, kvnr);
  const session = await epaLoginApprovedFor(t, insuredId, redirectUri);
  const email = `${kvnr.toLowerCase()}@example.org`;
  const caller: EpaCaller = { insuredId, kvnr, jkt: session.jkt, deviceId: null, deviceName: null };
  return { kvnr, insuredId, email, session, caller };
}

/** "Endgerät freischalten" done: the device registered and confirmed with the code from the mail; its id. */
export async function unlock(t: TestSystem, person: { email: string; session: EpaSession }, name = 'Mein PC'): Promise<string> {
  const before = await lastMailId(t, person.email);
  const registered = await person.session.call('POST', '/devices', { name });
  if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
  const { code } = await codeFromMail(t, person.email, before);
  const confirmed = await person.session.call('POST', '/devices/confirm', { code });
  if (confirmed.status !== 200) throw new Error(JSON.stringify(confirmed.body));
  return String(registered.body.device.id);
}

/** An access token as the provider's current signing key would sign it, with the claims given: for claims no client can get. */
export async function providerSigned(t: TestSystem, claims: JWTPayload): Promise<string> {
  const { keys } = t.system.deps.ident;
  const signing = (await keys.load(await keys.state())).find((k) => k.signing)!;
  const key = await importJWK({ ...signing.jwk, key_ops: undefined } as JWK, 'ES256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: signing.kid }).sign(key);
}
