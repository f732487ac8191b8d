import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../http/bearer.ts';

/**
 * The connection's own peer, never request.ip: with TRUST_PROXY request.ip is what X-Forwarded-For
 * claims, and any client can claim 127.0.0.1 there.
 */
function fromLoopback(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress ?? '';
  return peer === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(peer);
}

/**
 * A request a proxy forwarded: a proxy on this host connects from loopback too, so its requests
 * (from anywhere) would otherwise pass as local ones. A local scraper sends no such header.
 */
function forwarded(request: FastifyRequest): boolean {
  return request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
}

/** Compared as hashes of equal length, so the time taken tells nothing of the token. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: a process on this host talking to us directly, or whoever shows
 * METRICS_TOKEN as a bearer token (a Prometheus server elsewhere). The portals' users may not.
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (fromLoopback(request) && !forwarded(request)) return true;
  const given = bearerToken(request);
  return token !== undefined && given !== undefined && sameToken(given, token);
}
