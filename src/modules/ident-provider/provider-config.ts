import type { Configuration, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import { errors, interactionPolicy } from './oidc.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { hmac } from '../../core/ids/secrets.ts';
import { createAdapterFactory, type ReplayHandler } from './adapter.ts';
import { clientMetadata, EPA_SCOPE, KVNR_SCOPE, type IdentClient } from './clients.ts';
import type { IdentAccounts } from './accounts.ts';
import type { LoadedKey } from './signing-keys.ts';
import { identPath } from './paths.ts';

/** gematik's level of assurance for a login that used the app (the GesundheitsID's "hoch") */
export const ACR_HIGH = 'gematik-ehealth-loa-high';
export const ACR_VALUES = [ACR_HIGH] as const;

const MINUTE = 60;
/** the record's access token and the ID token: 5 minutes */
export const TOKEN_TTL = 5 * MINUTE;
/** a login's refresh tokens, however often rotated, end this long after the login */
export const LOGIN_LIFETIME = 120 * MINUTE;
/** the page with the QR code waits this long for the app */
export const INTERACTION_TTL = 10 * MINUTE;

export interface ProviderInput {
  db: Db;
  clock: Clock;
  clients: IdentClient[];
  keys: LoadedKey[];
  accounts: IdentAccounts;
  /** the platform's session secret: cookie keys and the pairwise salt are derived from it */
  secret: string;
  /** the record service's audience, `${PUBLIC_URL}/epa` */
  epaAudience: string;
  /** a replayed code or refresh token the adapter caught itself: for the audit log */
  onReplay: ReplayHandler;
  pages: Pick<Configuration, 'renderError'> & { logoutSource: LogoutSource; postLogoutSuccessSource: PostLogoutSource };
}

type LogoutSource = (ctx: KoaContextWithOIDC, form: string) => Promise<void>;
type PostLogoutSource = (ctx: KoaContextWithOIDC) => Promise<void>;

/**
 * Seconds left of a lifetime that began at `since`, an epoch second oidc-provider stamped with its
 * own clock (Date.now, which it does not let us replace): so the difference is taken on that clock.
 * Expiry itself is also checked on the platform's clock, by the adapter.
 */
function remaining(since: number | undefined, lifetime: number): number {
  if (since === undefined) return lifetime;
  return Math.max(1, since + lifetime - Math.floor(Date.now() / 1000));
}

/** Seconds until `exp`, an epoch second on oidc-provider's clock (see `remaining`). */
export function providerSecondsUntil(exp: number): number {
  return Math.max(1, exp - Math.floor(Date.now() / 1000));
}

/**
 * Every login is approved in the app: a session at the provider alone logs no one in again, so a
 * browser left open on a shared computer does not sign the next person into the record.
 */
function policy() {
  const base = interactionPolicy.base();
  const login = base.get('login')!;
  login.checks.add(
    new interactionPolicy.Check('fresh_approval', 'every login is approved in the app', 'login_required', (ctx) =>
      ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );
  return base;
}

/** oidc-provider's configuration: what issue 14 asks of the identity service, and nothing more switched on. */
export function providerConfiguration(input: ProviderInput): Configuration {
  const { clients, accounts, epaAudience } = input;
  const byId = new Map(clients.map((c) => [c.id, c]));
  const isEpa = (clientId: string | undefined) => clientId !== undefined && byId.get(clientId)?.epa === true;
  const pairwiseSalt = hmac(input.secret, 'ident:pairwise-salt');

  const epaServer: ResourceServer = {
    scope: EPA_SCOPE,
    audience: epaAudience,
    accessTokenTTL: TOKEN_TTL,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'ES256' } },
  };

  return {
    adapter: createAdapterFactory(input.db, input.clock, input.onReplay),
    // the ePA client's access tokens are bound to its device key (DPoP, RFC 9449): cnf.jkt
    clients: clients.map((c) => ({ ...clientMetadata(c), ...(c.epa ? { dpop_bound_access_tokens: true } : {}) })),
    jwks: { keys: input.keys.map((k) => k.jwk) as never },
    cookies: {
      keys: [hmac(input.secret, 'ident:cookies')],
      names: { session: 'ident_session', interaction: 'ident_interaction', resume: 'ident_resume' },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    // every ID token says how the person logged in (acr, amr), as gematik's do
    claims: { acr: null, amr: null, sid: null, auth_time: null, iss: null, openid: ['sub', 'acr', 'amr', 'auth_time'], [KVNR_SCOPE]: ['kvnr'] },
    scopes: ['openid', KVNR_SCOPE],
    acrValues: [...ACR_VALUES],
    // scope claims (the KVNR) go into the ID token: the desktop client has no userinfo call
    conformIdTokenClaims: false,
    subjectTypes: ['pairwise'],
    // the sector is configuration (clients.ts), never a document fetched from a client's host
    sectorIdentifierUriValidate: () => false,
    async pairwiseIdentifier(_ctx, accountId, client) {
      return hmac(pairwiseSalt, `${client.sectorIdentifier}|${accountId}`);
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientDefaults: { id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code'], response_types: ['code'] },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: true },
      userinfo: { enabled: false },
      // a client revokes only what was issued to it; anything else is answered as RFC 7009 says (200) and left alone
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: false },
      registration: { enabled: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      rpInitiatedLogout: { enabled: true, logoutSource: input.pages.logoutSource, postLogoutSuccessSource: input.pages.postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx, client) => (isEpa(client.clientId) ? epaAudience : undefined),
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource, client) {
          if (resource === epaAudience && isEpa(client.clientId)) return epaServer;
          throw new errors.InvalidTarget();
        },
      },
    },
    ttl: {
      AccessToken: TOKEN_TTL,
      IdToken: TOKEN_TTL,
      AuthorizationCode: MINUTE,
      Interaction: INTERACTION_TTL,
      Session: LOGIN_LIFETIME,
      Grant: (_ctx, grant) => remaining(grant.iat, LOGIN_LIFETIME),
      // rotation keeps the first token's end: 120 minutes after the login, however often refreshed
      RefreshToken: (ctx) => remaining(ctx?.oidc?.entities.RotatedRefreshToken?.iiat, LOGIN_LIFETIME),
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    expiresWithSession: async () => true,
    async findAccount(ctx, id) {
      const account = await accounts.find(id);
      if (!account) return undefined;
      return {
        accountId: account.id,
        // the KVNR is the ePA client's alone, whatever another client asks for
        claims: async () => ({ sub: account.id, ...(isEpa(ctx.oidc.client?.clientId) ? { kvnr: account.kvnr } : {}) }),
      };
    },
    async extraTokenClaims(ctx, token) {
      const audience = (token as { resourceServer?: { audience?: string } }).resourceServer?.audience;
      if (token.kind !== 'AccessToken' || audience !== epaAudience || !token.accountId) return undefined;
      const account = await accounts.find(token.accountId);
      const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
      // auth_time: the record service notes each login once, however often its token is renewed
      return { ...(account ? { kvnr: account.kvnr } : {}), ...(source?.acr ? { acr: source.acr } : {}), ...(source?.authTime ? { auth_time: source.authTime } : {}) };
    },
    interactions: {
      policy: policy(),
      url: (_ctx, interaction) => identPath(`/interaction/${interaction.uid}`),
    },
    renderError: input.pages.renderError,
  };
}
