import * as client from 'openid-client';
import { EPA_CLIENT_ID, EPA_SCOPE, KVNR_SCOPE } from '../../../modules/ident-provider/clients.ts';
import { EPA_API } from '../../../modules/epa-access/api.ts';
import { userAgent } from '../user-agent.ts';

/**
 * The desktop client's side of the AOK Ident login (manual 003 §4.1–4.2) with openid-client: the
 * provider found by discovery at `${server}/ident`, a pushed authorization request (PAR) with PKCE S256
 * and the device key's DPoP proof, the loopback redirect to this program, the code exchange with
 * state, nonce and PKCE checked and the ID token's signature verified, refresh and revocation; and the
 * record API's calls with a fresh DPoP proof each (fetchProtectedResource).
 */

/** What one login needs to be finished: kept in memory until the browser comes back. */
export interface LoginStart {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
  /** seconds */
  expiresIn: number;
  /** the ID token's claims (after a code exchange; a refresh may omit the ID token) */
  claims: client.IDToken | undefined;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

type IdentStep = 'start' | 'finish' | 'refresh' | 'revoke' | 'call';

/**
 * A step with the AOK Ident provider that failed, as this program keeps it: which step, what kind of
 * failure and the codes that name it, nothing more. openid-client's errors carry the provider's
 * answer and the callback's parameters in `cause` (the authorization code and state among them, the
 * token response in some checks) and a stack through the library; the routes log what they catch
 * (`request.log.warn({ err })`, the program's logger), and these fields are all that line can show.
 */
export class IdentError extends Error {
  override readonly name = 'IdentError';
  constructor(
    readonly step: IdentStep,
    readonly kind: 'grant_refused' | 'authorization_refused' | 'failed',
    /** openid-client's code (OAUTH_RESPONSE_BODY_ERROR, OAUTH_INVALID_RESPONSE …) or a network error's (ECONNREFUSED …) */
    readonly code: string | null,
    /** the provider's OAuth error code (invalid_grant …), when it answered with one */
    readonly oauthError: string | null,
    readonly status: number | null,
  ) {
    super(`AOK Ident: ${step} failed (${oauthError ?? code ?? kind})`);
  }
}

/** A short code-like value of an error's field, or null: never free text, which may carry anything. */
function codeOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : null;
}

/** What is kept of a failure of `step` (see IdentError). */
function identError(step: IdentStep, error: unknown): IdentError {
  if (error instanceof IdentError) return error;
  const e = error as { code?: unknown; error?: unknown; status?: unknown; cause?: { code?: unknown } } | null;
  const oauthError = error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError ? codeOf(e?.error) : null;
  const status = typeof e?.status === 'number' ? e.status : null;
  const kind =
    error instanceof client.AuthorizationResponseError ? 'authorization_refused'
    : error instanceof client.ResponseBodyError && (oauthError === 'invalid_grant' || oauthError === 'invalid_dpop_proof' || status === 400) ? 'grant_refused'
    : 'failed';
  return new IdentError(step, kind, codeOf(e?.code) ?? codeOf(e?.cause?.code), oauthError, status);
}

/** Runs a step with the provider; its failure is an IdentError. */
async function step<T>(name: IdentStep, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw identError(name, error);
  }
}

/** The provider said no to a refresh (the login ended, revoked or older than 120 minutes). */
export function isGrantRefused(error: unknown): boolean {
  return error instanceof IdentError && error.kind === 'grant_refused';
}

/** The provider's refusal in the browser (RFC 6749 §4.1.2.1): the person declined, or the login was cancelled. */
export function isAuthorizationRefused(error: unknown): boolean {
  return error instanceof IdentError && error.kind === 'authorization_refused';
}

function tokensOf(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, withClaims: boolean): Tokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    idToken: response.id_token,
    expiresIn: typeof response.expires_in === 'number' ? response.expires_in : 300,
    claims: withClaims ? response.claims() : undefined,
  };
}

export function createIdentClient(server: string, options: { fetch?: client.CustomFetch } = {}) {
  const issuer = new URL(`${server}/ident`);
  let found: Promise<client.Configuration> | undefined;

  /** Discovery once per run; a failure is tried again at the next login. */
  function configuration(): Promise<client.Configuration> {
    found ??= client
      .discovery(issuer, EPA_CLIENT_ID, undefined, client.None(), {
        // a local server speaks http; anything else must be https
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
      })
      .then((config) => {
        // the ID token's signature is checked against the provider's keys, not only its claims
        client.enableNonRepudiationChecks(config);
        return config;
      });
    found.catch(() => (found = undefined));
    return found;
  }

  const dpop = async (keys: CryptoKeyPair) => client.getDPoPHandle(await configuration(), keys);

  return {
    /** PAR with PKCE and the device key's proof; the address of the provider's login page (the QR code of §4.1). */
    start: (keys: CryptoKeyPair, redirectUri: string, loginHint: string): Promise<LoginStart> => step('start', async () => {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = await client.buildAuthorizationUrlWithPAR(
        config,
        {
          redirect_uri: redirectUri,
          scope: `openid ${KVNR_SCOPE} ${EPA_SCOPE}`,
          resource: `${server}/epa`,
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
          login_hint: loginHint,
        },
        { DPoP: await dpop(keys) },
      );
      return { url, state, nonce, verifier, redirectUri };
    }),

    /** The code of the callback for tokens bound to the device key; openid-client checks state, nonce, PKCE and the ID token. */
    finish: (keys: CryptoKeyPair, login: LoginStart, callback: URL): Promise<Tokens> => step('finish', async () => {
      const config = await configuration();
      const response = await client.authorizationCodeGrant(
        config,
        callback,
        { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
        undefined,
        { DPoP: await dpop(keys) },
      );
      return tokensOf(response, true);
    }),

    refresh: (keys: CryptoKeyPair, refreshToken: string): Promise<Tokens> =>
      step('refresh', async () => tokensOf(await client.refreshTokenGrant(await configuration(), refreshToken, undefined, { DPoP: await dpop(keys) }), false)),

    /** Revokes the refresh token, and with it the login's grant at the provider. */
    revoke: (refreshToken: string): Promise<void> => step('revoke', async () => client.tokenRevocation(await configuration(), refreshToken, { token_type_hint: 'refresh_token' })),

    /** A call of the record API (`/epa/api/v1…`) with the access token and a fresh proof of the device key. */
    async call(keys: CryptoKeyPair, accessToken: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
      const headers = new Headers({ accept: 'application/json', 'user-agent': userAgent() });
      if (body !== undefined) headers.set('content-type', 'application/json');
      let response: Response;
      try {
        response = await client.fetchProtectedResource(await configuration(), accessToken, new URL(`${server}${EPA_API}${path}`), method, body === undefined ? null : JSON.stringify(body), headers, {
          DPoP: await dpop(keys),
        });
      } catch (error) {
        // a refusal with its DPoP challenge is an error to openid-client, an answer to us
        const refused = (error as { response?: unknown }).response;
        if (!(refused instanceof Response)) throw identError('call', error);
        response = refused;
      }
      const text = await response.text();
      let parsed: unknown = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = {};
      }
      return { status: response.status, body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} };
    },
  };
}

export type IdentClient = ReturnType<typeof createIdentClient>;
