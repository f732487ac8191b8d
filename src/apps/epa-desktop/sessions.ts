import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, newSecret, safeEqual } from '../../core/ids/secrets.ts';
import type { LocalUser } from './local-users.ts';

/**
 * The client's sessions: in memory only, so they end with the program. The cookie holds a random
 * value; what the server keeps is keyed by its HMAC under a secret made anew at each start, and the
 * CSRF token of every form is the same HMAC over the value, so a cookie or token from an earlier run,
 * or from another copy of the program, is worth nothing. Logging in or out gives a new value.
 */
export function createDesktopSessions(port: () => number) {
  const secret = newSecret();
  // cookies do not tell ports apart: the port in the name keeps two running clients apart
  const cookieName = () => `pforte_epa_${port()}`;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: false };
  const users = new Map<string, LocalUser>();
  const fresh = new WeakMap<FastifyRequest, string>();

  const valueOf = (request: FastifyRequest): string | undefined => {
    const value = fresh.get(request) ?? request.cookies[cookieName()];
    return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  };
  const keyOf = (value: string) => hmac(secret, `session:${value}`);

  function issue(request: FastifyRequest, reply: FastifyReply): string {
    const value = newSecret();
    fresh.set(request, value);
    reply.setCookie(cookieName(), value, cookieOptions);
    return value;
  }

  return {
    csrfToken(request: FastifyRequest, reply: FastifyReply): string {
      return hmac(secret, `csrf:${valueOf(request) ?? issue(request, reply)}`);
    },
    verifyCsrf(request: FastifyRequest, token: unknown): boolean {
      const value = valueOf(request);
      return Boolean(value && typeof token === 'string' && safeEqual(token, hmac(secret, `csrf:${value}`)));
    },
    user(request: FastifyRequest): LocalUser | undefined {
      const value = valueOf(request);
      return value ? users.get(keyOf(value)) : undefined;
    },
    /** The user is logged in under a new cookie value; the old one ends. */
    login(request: FastifyRequest, reply: FastifyReply, user: LocalUser): void {
      this.logout(request, reply);
      users.set(keyOf(issue(request, reply)), user);
    },
    logout(request: FastifyRequest, reply: FastifyReply): void {
      const value = valueOf(request);
      if (value) {
        const user = users.get(keyOf(value));
        users.delete(keyOf(value));
        // the key stays in memory only while someone is logged in with it
        if (user && ![...users.values()].some((u) => u.key === user.key)) user.key.fill(0);
      }
      issue(request, reply);
    },
  };
}

export type DesktopSessions = ReturnType<typeof createDesktopSessions>;
