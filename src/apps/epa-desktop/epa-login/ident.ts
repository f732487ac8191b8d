import * as client from 'openid-client';
import { EPA_CLIENT_ID, EPA_SCOPE, KVNR_SCOPE } from '../../../modules/ident-provider/clients.ts';
import { EPA_API } from '../../../modules/epa-access/api.ts';

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

/** The provider said no to a refresh (the login ended, revoked or older than 120 minutes). */
export function isGrantRefused(error: unknown): boolean {
  return error instanceof client.ResponseBodyError && (error.error === 'invalid_grant' || error.error === 'invalid_dpop_proof' || error.status === 400);
}

/** The provider's refusal in the browser (RFC 6749 §4.1.2.1): the person declined, or the login was cancelled. */
export function isAuthorizationRefused(error: unknown): boolean {
  return error instanceof client.AuthorizationResponseError;
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
    async start(keys: CryptoKeyPair, redirectUri: string, loginHint: string): Promise<LoginStart> {
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
    },

    /** The code of the callback for tokens bound to the device key; openid-client checks state, nonce, PKCE and the ID token. */
    async finish(keys: CryptoKeyPair, login: LoginStart, callback: URL): Promise<Tokens> {
      const config = await configuration();
      const response = await client.authorizationCodeGrant(
        config,
        callback,
        { pkceCodeVerifier: login.verifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
        undefined,
        { DPoP: await dpop(keys) },
      );
      return tokensOf(response, true);
    },

    async refresh(keys: CryptoKeyPair, refreshToken: string): Promise<Tokens> {
      const response = await client.refreshTokenGrant(await configuration(), refreshToken, undefined, { DPoP: await dpop(keys) });
      return tokensOf(response, false);
    },

    /** Revokes the refresh token, and with it the login's grant at the provider. */
    async revoke(refreshToken: string): Promise<void> {
      await client.tokenRevocation(await configuration(), refreshToken, { token_type_hint: 'refresh_token' });
    },

    /** A call of the record API (`/epa/api/v1…`) with the access token and a fresh proof of the device key. */
    async call(keys: CryptoKeyPair, accessToken: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
      const headers = new Headers({ accept: 'application/json' });
      if (body !== undefined) headers.set('content-type', 'application/json');
      let response: Response;
      try {
        response = await client.fetchProtectedResource(await configuration(), accessToken, new URL(`${server}${EPA_API}${path}`), method, body === undefined ? null : JSON.stringify(body), headers, {
          DPoP: await dpop(keys),
        });
      } catch (error) {
        // a refusal with its DPoP challenge is an error to openid-client, an answer to us
        const refused = (error as { response?: unknown }).response;
        if (!(refused instanceof Response)) throw error;
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
