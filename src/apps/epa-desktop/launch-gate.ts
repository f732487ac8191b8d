import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../core/clock/clock.ts';
import { hmac, newSecret } from '../../core/ids/secrets.ts';

/** How long an address the program opened or printed may be opened: long enough to copy it, short enough to go stale. */
export const LAUNCH_VALID_MS = 2 * 60_000;
export const LAUNCH_PATH = '/start';

/**
 * The client's port on 127.0.0.1 is open to every OS account of the computer, not only to the one that
 * started the program. So the program lets in only the browser it opened: each start (and each Enter in
 * its window) makes a random secret, valid once and for LAUNCH_VALID_MS, in the address
 * /start?launch=<secret>. The request bearing it gets a cookie of its own (HttpOnly, SameSite=Strict;
 * not Secure: plain http on loopback) and a redirect to the bare address, so the secret leaves the
 * address bar and the history. The cookie's value is random; the program keeps only its HMAC under a
 * key made at this start, in memory, so the cookie is worth nothing to another run of the program.
 * Another account's browser has no cookie and sees the page "Bitte öffnen Sie den ePA-Client über das
 * Programm" with 403 everywhere except the style sheets and the ePA login's loopback callback.
 */
export function createLaunchGate(port: () => number, clock: Clock) {
  const key = newSecret();
  // cookies do not tell ports apart: the port in the name keeps two running clients apart
  const cookieName = () => `pforte_epa_zugang_${port()}`;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: false };
  /** HMAC of each launch secret not yet used → until when it may be (ms since the epoch) */
  const pending = new Map<string, number>();
  const admitted = new Set<string>();

  const dropStale = (now: number) => {
    for (const [secret, until] of pending) if (until <= now) pending.delete(secret);
  };

  return {
    cookieName,

    /** A fresh address that lets in the browser opening it first, once, within LAUNCH_VALID_MS. */
    launchPath(): string {
      const now = clock.now().getTime();
      dropStale(now);
      const secret = newSecret();
      pending.set(hmac(key, `launch:${secret}`), now + LAUNCH_VALID_MS);
      return `${LAUNCH_PATH}?launch=${secret}`;
    },

    /** The browser holds the cookie of a launch of this run. */
    admits(request: FastifyRequest): boolean {
      const value = request.cookies[cookieName()];
      return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) && admitted.has(hmac(key, `zugang:${value}`));
    },

    /** Uses up the launch secret and gives the browser its cookie; false when the secret is unknown, used or stale. */
    admit(secret: unknown, reply: FastifyReply): boolean {
      if (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return false;
      const now = clock.now().getTime();
      dropStale(now);
      const id = hmac(key, `launch:${secret}`);
      if (!pending.has(id)) return false;
      pending.delete(id);
      const value = newSecret();
      admitted.add(hmac(key, `zugang:${value}`));
      reply.setCookie(cookieName(), value, cookieOptions);
      return true;
    },
  };
}

export type LaunchGate = ReturnType<typeof createLaunchGate>;
