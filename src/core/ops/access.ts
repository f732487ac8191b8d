import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../http/bearer.ts';

/** Compared as hashes of equal length, so the time taken tells nothing of the token. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may read /metrics on the public listener: only whoever shows METRICS_TOKEN as a bearer token.
 * Where a connection comes from proves nothing here: a proxy on this host connects from loopback and
 * need not say whom it forwards (plain `proxy_pass`, or only X-Real-IP), so every outside request
 * would look local. A scraper on this host without the token uses METRICS_PORT (internal-server.ts).
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  const given = bearerToken(request);
  return token !== undefined && given !== undefined && sameToken(given, token);
}
