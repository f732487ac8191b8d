import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Limit } from '../../core/attempts/rate-limit.ts';
import { sendHtml, seeOther } from '../../core/http/render.ts';
import { ErrorPage } from '../../core/http/error-page.tsx';
import { identChrome, LoginPage } from './pages.tsx';
import { allowFormTarget } from './provider.ts';
import { identPath } from './paths.ts';
import { LOGIN_PAGE_SCRIPT, qrPart } from '../ident-login/routes.ts';

/**
 * oidc-provider's endpoints under /ident, and only those: any other address there is our 404. The
 * provider answers them itself (reply.hijack), reading the body itself, so Fastify parses none.
 */
const PROVIDER_ROUTES: readonly [string, HTTPMethods[]][] = [
  ['/.well-known/openid-configuration', ['GET']],
  ['/.well-known/oauth-authorization-server', ['GET']],
  ['/jwks', ['GET']],
  ['/auth', ['GET', 'POST']],
  ['/auth/:uid', ['GET']],
  ['/request', ['POST']],
  ['/token', ['POST']],
  ['/token/revocation', ['POST']],
  ['/session/end', ['GET', 'POST']],
  ['/session/end/confirm', ['POST']],
  ['/session/end/success', ['GET']],
];

/**
 * The anonymous endpoints that store an entry per request (a pushed request, a login's interaction):
 * counted per address, as the other public endpoints are.
 */
const STORING_LIMITS: Record<string, Limit> = {
  [identPath('/request')]: { points: 30, windowMs: 60_000 },
  [identPath('/auth')]: { points: 30, windowMs: 60_000 },
};

export async function identRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const { ident, sessions } = deps;
  const chrome = identChrome(deps.config.INSURER_BRAND);
  const brand = deps.config.INSURER_BRAND;

  async function loginRequest(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    const view = await ident.loginRequest(request.raw, reply.raw, request.params.uid);
    if (!view) throw new AppError('ident.login_expired', 404);
    return view;
  }

  // Manual 003 §4.1: the page of a waiting login with its QR code; §4.2: once approved, the way back to the client
  app.get<{ Params: { uid: string } }>(identPath('/interaction/:uid'), async (request, reply) => {
    const view = await loginRequest(request, reply);
    const csp = reply.raw.getHeader('content-security-policy');
    // "Abbrechen" ends at the client's redirect_uri
    if (typeof csp === 'string') reply.header('content-security-policy', allowFormTarget(csp, view.redirectUri));
    const csrf = sessions.csrfToken(request, reply);
    if (view.returnTo) await deps.identLogin.handedBack(view.uid);
    const qr = view.returnTo ? '' : await qrPart(deps, request, view, csrf);
    return sendHtml(reply, <LoginPage chrome={chrome} brand={brand} view={view} csrf={csrf} qr={qr} scripts={view.returnTo ? [] : [LOGIN_PAGE_SCRIPT]} />);
  });

  app.post<{ Params: { uid: string } }>(identPath('/interaction/:uid/abbrechen'), async (request, reply) => {
    const view = await loginRequest(request, reply);
    const { returnTo } = await ident.declineLogin(view.uid, { actor: 'anonymous', ip: request.ip });
    return seeOther(reply, returnTo);
  });

  await app.register(async (scope) => {
    // the provider reads the raw body (it refuses what its endpoints do not take, multipart included)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    for (const [path, methods] of PROVIDER_ROUTES) {
      scope.route({
        method: methods,
        url: identPath(path),
        // the provider's own cookies and tokens authenticate these requests, never the portal session
        config: { withoutCookie: true },
        handler: async (request, reply) => {
          const limit = STORING_LIMITS[request.routeOptions.url ?? ''];
          if (limit && !(await deps.rateLimiter.hit(`ident:ip:${request.ip}:${request.routeOptions.url}`, limit)).allowed) {
            // RFC 9126 §2.3: a pushed request over the limit is answered 429; the browser's login gets our page
            if (request.routeOptions.url !== identPath('/request')) throw new AppError('request.rate_limited', 429);
            return reply.code(429).header('cache-control', 'no-store').send({ error: 'invalid_request', error_description: 'too many requests' });
          }
          reply.hijack();
          try {
            await ident.handle(request.raw, reply.raw, { id: request.id, log: request.log });
          } catch (error) {
            request.log.error({ err: error }, 'ident provider failed');
            if (reply.raw.headersSent) return reply.raw.destroy();
            reply.raw.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
            reply.raw.end(await ErrorPage({ code: 'request.internal', requestId: request.id }));
          }
        },
      });
    }
  });
}
