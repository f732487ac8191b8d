import { z } from 'zod';
import type { ClientMetadata } from 'oidc-provider';

/** The ePA desktop client (manual 003), built in: a public native client on the loopback. */
export const EPA_CLIENT_ID = 'pforte-epa';
/** the scope whose claim is the person's KVNR; only the ePA client may ask for it */
export const KVNR_SCOPE = 'kvnr';
/** the record service's scope in the access token for its audience */
export const EPA_SCOPE = 'epa';

/** What the configuration says about a client; the provider's metadata is made from it. */
export interface IdentClient {
  id: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** public (PKCE only) or with a secret */
  secret: string | null;
  /** every authorization request goes through PAR (RFC 9126) */
  requirePar: boolean;
  /** the ePA client: the KVNR claim and access tokens for the record */
  epa: boolean;
  /** the pairwise `sub`'s sector: the redirect URIs' host, or the client id for a loopback client */
  sector: string;
}

export const epaClient: IdentClient = {
  id: EPA_CLIENT_ID,
  name: 'AOK Mein Leben',
  // RFC 8252 §7.3: the desktop client listens on a free port of the loopback, IPv4 or IPv6
  redirectUris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1/', 'http://[::1]/'],
  secret: null,
  requirePar: true,
  epa: true,
  sector: EPA_CLIENT_ID,
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

function isLoopback(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * A redirect URI a client may register: http on the loopback's IP literals (any port is then
 * accepted, RFC 8252 §7.3; `localhost` is not, §8.3), or https elsewhere; no fragment, no user info.
 */
const redirectUri = z.string().max(2000).refine((value) => {
  const url = URL.parse(value);
  if (!url || url.hash || url.username || url.password || url.href !== value) return false;
  return isLoopback(value) || (url.protocol === 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}, 'muss https:// oder http://127.0.0.1/… bzw. http://[::1]/… sein (ohne Fragment)');

const extraClient = z
  .object({
    client_id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'aus a-z, 0-9 und - (2 bis 63 Zeichen)'),
    client_name: z.string().min(1).max(100),
    redirect_uris: z.array(redirectUri).min(1).max(10),
    post_logout_redirect_uris: z.array(redirectUri).max(10).default([]),
    client_secret: z.string().min(32, 'mindestens 32 Zeichen').max(200).optional(),
    require_pushed_authorization_requests: z.boolean().default(false),
  })
  .strict();

/**
 * Further clients from IDENT_CLIENTS (a JSON array), checked at start: a mistake stops the start
 * with the field and what is wrong. Such a client logs the person in; the KVNR and the record's
 * audience stay the ePA client's.
 */
export function parseIdentClients(json: string | undefined): IdentClient[] {
  if (json === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('ist kein gültiges JSON');
  }
  const parsed = z.array(extraClient).max(50).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const ids = new Set<string>([EPA_CLIENT_ID]);
  return parsed.data.map((c) => {
    if (ids.has(c.client_id)) throw new Error(`client_id ${c.client_id} ist doppelt`);
    ids.add(c.client_id);
    const hosts = new Set(c.redirect_uris.map((u) => new URL(u).host));
    const loopback = c.redirect_uris.some(isLoopback);
    if (loopback && !c.redirect_uris.every(isLoopback)) throw new Error(`${c.client_id}: Loopback- und https-Adressen nicht gemischt`);
    if (!loopback && hosts.size > 1) throw new Error(`${c.client_id}: alle redirect_uris auf einem Host`);
    return {
      id: c.client_id,
      name: c.client_name,
      redirectUris: c.redirect_uris,
      postLogoutRedirectUris: c.post_logout_redirect_uris,
      secret: c.client_secret ?? null,
      requirePar: c.require_pushed_authorization_requests,
      epa: false,
      // a program on the loopback has no host of its own: its id names the sector
      sector: loopback ? c.client_id : [...hosts][0]!,
    };
  });
}

/** The client as oidc-provider registers it: code flow only, pairwise `sub`, ES256 ID tokens. */
export function clientMetadata(client: IdentClient): ClientMetadata {
  const native = client.redirectUris.some(isLoopback);
  return {
    client_id: client.id,
    client_name: client.name,
    application_type: native ? 'native' : 'web',
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // the code in the query only: form_post would answer with oidc-provider's own page and inline script
    response_modes: ['query'],
    token_endpoint_auth_method: client.secret ? 'client_secret_basic' : 'none',
    ...(client.secret ? { client_secret: client.secret } : {}),
    require_pushed_authorization_requests: client.requirePar,
    // the record's scope (EPA_SCOPE) is a resource server's, allowed by getResourceServerInfo to the ePA client alone
    scope: client.epa ? `openid ${KVNR_SCOPE}` : 'openid',
    subject_type: 'pairwise',
    // names the sector only (never fetched: sectorIdentifierUriValidate is off); see pairwiseSubject
    sector_identifier_uri: `https://${client.sector}/`,
    id_token_signed_response_alg: 'ES256',
  };
}
