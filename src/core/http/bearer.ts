import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The token of `Authorization: Bearer …`, or undefined. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * Marks every route of this scope as one that reads no cookie: an app's JSON API, where activation is
 * proven by a one-time code, a login by the device key's signature and the PIN, and everything after
 * it by the bearer token. A cross-site request carries none of these, so the server's CSRF check
 * skips such routes by this flag. Call it before the scope's routes are added.
 */
export function withoutCookies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), withoutCookie: true };
  });
}
