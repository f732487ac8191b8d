import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';
import { errors, Provider } from './oidc.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { ErrorCode } from '../../core/errors/app-error.ts';
import { ErrorPage } from '../../core/http/error-page.tsx';
import { actorLabels } from '../../core/audit/actor-labels.ts';
import { createSigningKeys, type KeyState } from './signing-keys.ts';
import { epaClient, type IdentClient } from './clients.ts';
import { insuredAccounts, type IdentAccounts } from './accounts.ts';
import { providerConfiguration } from './provider-config.ts';
import { identChrome, LoggedOutPage, LogoutPage, SwitchPersonPage } from './pages.tsx';
import { IDENT_BASE } from './paths.ts';
import { sweepExpiredEntries, type ReplayHandler } from './adapter.ts';
import { createLogins } from './logins.ts';

export interface IdentDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  config: Config;
  fileKey: Buffer;
  /** the platform's session secret: the provider's cookie keys and pairwise salt derive from it */
  secret: string;
  /** who may log in; the insured persons registered for the ePA unless a test gives others */
  accounts?: IdentAccounts;
}

/** The request a provider answer belongs to, for its error page's request id and the log. */
export interface RequestMeta {
  id: string;
  log: FastifyBaseLogger;
}

/** oidc-provider's self-submitting form page (response_modes/form_post.js) */
const FORM_POST_MARKER = '<title>Submitting Callback</title>';
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);

const requestMeta = new WeakMap<IncomingMessage, RequestMeta>();

interface Built {
  provider: Provider;
  callback: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  state: KeyState;
  issuer: string;
}

/** oidc-provider's errors as our codes: what the error page says (never the provider's own text). */
function errorCode(out: ErrorOut, error: Error): ErrorCode {
  if (out.error === 'server_error') return 'request.internal';
  if (error instanceof errors.SessionNotFound || out.error === 'invalid_request_uri') return 'ident.login_expired';
  if (out.error === 'invalid_client') return 'ident.client_unknown';
  if (out.error === 'invalid_redirect_uri') return 'ident.redirect_invalid';
  return 'ident.request_invalid';
}

/**
 * The page's Content-Security-Policy with the client's address as a place forms may lead to: after
 * "Abmelden" (or "Abbrechen") the browser is sent on to the client, and a browser checks form-action
 * on that redirect too.
 */
export function allowFormTarget(csp: string, target: unknown): string {
  const url = typeof target === 'string' ? URL.parse(target) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol)) return csp;
  return csp.replace(/form-action 'self'/, `form-action 'self' ${url.origin}`);
}

function widenFormAction(ctx: KoaContextWithOIDC, target: unknown) {
  const csp = ctx.res.getHeader('content-security-policy');
  if (typeof csp === 'string') ctx.set('content-security-policy', allowFormTarget(csp, target));
}

/**
 * The AOK Ident OpenID Provider at /ident. The oidc-provider instance is made on first use, with the
 * issuer `${PUBLIC_URL}/ident` and the signing keys from the database, and made again when another
 * key starts signing or a key comes or goes (another process may have rotated): nothing a second
 * process would need lives only here.
 */
export function createIdentProvider(deps: IdentDeps) {
  const { db, clock, audit, config } = deps;
  const keys = createSigningKeys({ db, clock, fileKey: deps.fileKey });
  const accounts = deps.accounts ?? insuredAccounts(db);
  const clients: IdentClient[] = [epaClient, ...config.identClients];
  const chrome = identChrome(config.INSURER_BRAND);
  // the Protokoll names a client by its name (the actor of a login's end)
  for (const c of clients) actorLabels.set(`client:${c.id}`, `Anwendung: ${c.name}`);
  const epaAudience = () => `${config.publicUrl}/epa`;
  let current: Built | null = null;

  const clientName = (ctx: KoaContextWithOIDC) => ctx.oidc.client?.clientName ?? null;
  const pages = {
    async renderError(ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) {
      ctx.type = 'html';
      ctx.body = await ErrorPage({ code: errorCode(out, error), requestId: requestMeta.get(ctx.req)?.id ?? '' });
    },
    async logoutSource(ctx: KoaContextWithOIDC, form: string) {
      widenFormAction(ctx, ctx.oidc.params?.post_logout_redirect_uri);
      ctx.type = 'html';
      ctx.body = await LogoutPage({ chrome, clientName: clientName(ctx), form });
    },
    async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
      ctx.type = 'html';
      ctx.body = await LoggedOutPage({ chrome, clientName: clientName(ctx) });
    },
  };

  // the adapter's own replay check (two uses at once) ends the grant without oidc-provider's event
  const onReplay: ReplayHandler = async ({ grantId, clientId, accountId }) => {
    await audit.record({ actor: clientId ? `client:${clientId}` : 'anonymous', action: 'ident.grant_revoked', subject: accountId, ip: null, data: { route: 'token', grant: grantId } });
  };

  // the one page oidc-provider writes without a hook (another person's login ends the one before): ours instead
  async function ownSwitchPage(ctx: KoaContextWithOIDC, next: () => Promise<void>) {
    await next();
    if (typeof ctx.body !== 'string' || !ctx.body.includes(FORM_POST_MARKER)) return;
    // "Weiter" ends the other login and is sent on, through the login's resume, to the client's
    // redirect_uri (the provider checked it): a browser checks form-action on each of those redirects
    widenFormAction(ctx, ctx.oidc.entities.Interaction?.params.redirect_uri);
    const action = /<form method="post" action="([^"]*)"/.exec(ctx.body)?.[1];
    const fields = [...ctx.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [unescapeHtml(m[1]!), unescapeHtml(m[2]!)] as [string, string]);
    ctx.type = 'html';
    ctx.body = await SwitchPersonPage({ chrome, action: unescapeHtml(action ?? ''), fields });
  }

  async function built(): Promise<Built> {
    const state = await keys.state();
    const issuer = `${config.publicUrl}${IDENT_BASE}`;
    if (current && current.issuer === issuer && current.state.signing === state.signing && current.state.kids.join() === state.kids.join()) return current;
    const configuration = providerConfiguration({ db, clock, clients, keys: await keys.load(state), accounts, secret: deps.secret, epaAudience: epaAudience(), onReplay, pages });
    const provider = new Provider(issuer, configuration);
    provider.proxy = config.trustProxy > 0;
    // Koa reads all of X-Forwarded-For by default; only as many entries as there are proxies are theirs
    provider.maxIpsCount = config.trustProxy;
    provider.use(ownSwitchPage);
    provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => requestMeta.get(ctx.req)?.log.error({ err: error }, 'ident provider failed'));
    // a login ended (logout, revocation, or a replayed code or refresh token); by then its grant is
    // gone, so the entry names the grant, as the approval's entry does, and the person where known
    provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
      const { session, client, route } = ctx.oidc;
      audit
        .record({ actor: client ? `client:${client.clientId}` : 'anonymous', action: 'ident.grant_revoked', subject: session?.accountId ?? null, ip: ctx.ip, data: { route, grant: grantId } })
        .catch((error: unknown) => requestMeta.get(ctx.req)?.log.error({ err: error }, 'ident audit failed'));
    });
    current = { provider, callback: provider.callback() as Built['callback'], state, issuer };
    return current;
  }

  const logins = createLogins({ db, clock, audit, accounts, epaAudience, provider: async () => (await built()).provider });

  return {
    clients,
    keys,
    ...logins,
    /** The provider for the current keys (tests read its models). */
    provider: async () => (await built()).provider,

    /** Answers a request under /ident with oidc-provider; it reads the body itself. */
    async handle(req: IncomingMessage, res: ServerResponse, meta: RequestMeta): Promise<void> {
      const { callback } = await built();
      requestMeta.set(req, meta);
      // oidc-provider's routes start at its mount point; it finds that point from originalUrl
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = (req.url ?? '').slice(IDENT_BASE.length) || '/';
      await callback(req, res);
    },

    /** The login request the page at /ident/interaction/:uid shows, if this browser started it. */
    async loginRequest(req: IncomingMessage, res: ServerResponse, uid: string) {
      const { provider } = await built();
      return logins.view(provider, req, res, uid);
    },

    /** Deletes what expired (codes, sessions, grants …), in batches; the housekeeping runs it. */
    sweep: () => sweepExpiredEntries(db, clock),
  };
}

export type IdentProvider = ReturnType<typeof createIdentProvider>;
