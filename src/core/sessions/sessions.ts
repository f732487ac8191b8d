import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { HOUR } from '../clock/clock.ts';
import { untilNoneLeft } from '../db/batches.ts';
import { hashSecret, hmac, newSecret, safeEqual } from '../ids/secrets.ts';

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * HOUR;
/** Staff sessions are shorter: 15 minutes idle, 8 hours at most. */
export const STAFF_IDLE_MS = 15 * 60_000;
export const STAFF_ABSOLUTE_MS = 8 * HOUR;

const idleFor = (portal: string) => (portal === 'backoffice' ? STAFF_IDLE_MS : IDLE_MS);
const absoluteFor = (portal: string) => (portal === 'backoffice' ? STAFF_ABSOLUTE_MS : ABSOLUTE_MS);
const TOUCH_AFTER_MS = 60_000;

/** the cookie value set during this request, before the browser has sent it back */
const newSessions = new WeakMap<FastifyRequest, string>();

export interface SessionState {
  portal: string;
  accountId: string | null;
  registrationId: string | null;
  staffId?: string | null;
  /** when this browser accepted the cookie notice; a new session keeps it */
  cookieNoticeAt?: Date | null;
}

export interface SessionOptions {
  secret: string;
  secure: boolean;
}

/**
 * One cookie, always: a random value that exists before anything is stored, so
 * every form carries a CSRF token bound to it. State is a row keyed by the
 * cookie's hash; binding state (registration, later login) rotates the value.
 */
export function createSessions(db: Db, clock: Clock, options: SessionOptions) {
  const cookieName = options.secure ? '__Host-pforte_session' : 'pforte_session';
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secure,
  };

  function cookieValue(request: FastifyRequest): string | undefined {
    const value = request.cookies[cookieName];
    return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  }

  return {
    cookieName,

    /** Ensures the browser has a session cookie and returns its value. */
    ensureCookie(request: FastifyRequest, reply: FastifyReply): string {
      const existing = cookieValue(request) ?? newSessions.get(request);
      if (existing) return existing;
      const value = newSecret();
      newSessions.set(request, value);
      reply.setCookie(cookieName, value, cookieOptions);
      return value;
    },

    csrfToken(request: FastifyRequest, reply: FastifyReply): string {
      return hmac(options.secret, `csrf:${this.ensureCookie(request, reply)}`);
    },

    verifyCsrf(request: FastifyRequest, token: unknown): boolean {
      const value = cookieValue(request);
      return Boolean(value && typeof token === 'string' && safeEqual(token, hmac(options.secret, `csrf:${value}`)));
    },

    async load(request: FastifyRequest): Promise<SessionState | null> {
      const value = cookieValue(request);
      if (!value) return null;
      const now = clock.now();
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', hashSecret(value))
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return null;
      if (now.getTime() - new Date(row.last_seen_at).getTime() > idleFor(row.portal)) return null;
      if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
        await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', row.id_hash).execute();
      }
      return {
        portal: row.portal,
        accountId: row.account_id,
        registrationId: row.registration_id,
        staffId: row.staff_id,
        cookieNoticeAt: row.cookie_notice_at ? new Date(row.cookie_notice_at) : null,
      };
    },

    /** Starts a new session with state under a fresh cookie value, ending the old one. */
    async bind(request: FastifyRequest, reply: FastifyReply, state: SessionState): Promise<void> {
      const old = cookieValue(request);
      let cookieNoticeAt = state.cookieNoticeAt ?? null;
      if (old) {
        const previous = await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(old)).returning('cookie_notice_at').executeTakeFirst();
        cookieNoticeAt ??= previous?.cookie_notice_at ? new Date(previous.cookie_notice_at) : null;
      }
      const value = newSecret();
      const now = clock.now();
      await db
        .insertInto('sessions')
        .values({
          id_hash: hashSecret(value),
          portal: state.portal,
          account_id: state.accountId,
          registration_id: state.registrationId,
          staff_id: state.staffId ?? null,
          cookie_notice_at: cookieNoticeAt,
          created_at: now,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + absoluteFor(state.portal)),
        })
        .execute();
      newSessions.set(request, value);
      reply.setCookie(cookieName, value, cookieOptions);
    },

    /**
     * "Akzeptieren" on the cookie notice: the choice lives with the session this cookie
     * names (a row without account when nobody is signed in), so no second cookie is needed.
     */
    async acceptCookieNotice(request: FastifyRequest, reply: FastifyReply, portal: string): Promise<void> {
      const value = cookieValue(request);
      const now = clock.now();
      if (value) {
        const updated = await db
          .updateTable('sessions')
          .set({ cookie_notice_at: now, last_seen_at: now })
          .where('id_hash', '=', hashSecret(value))
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 1) return;
      }
      await this.bind(request, reply, { portal, accountId: null, registrationId: null, cookieNoticeAt: now });
    },

    async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const value = cookieValue(request);
      if (value) await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(value)).execute();
      reply.clearCookie(cookieName, { path: '/' });
    },

    /** Deletes ended sessions in bounded batches until none are left; returns how many. */
    async sweep(batchSize = 500): Promise<number> {
      const now = clock.now();
      return untilNoneLeft(async () => {
        const result = await db
          .deleteFrom('sessions')
          .where('id_hash', 'in', (eb) =>
            eb
              .selectFrom('sessions')
              .select('id_hash')
              .where((w) => w.or([w('expires_at', '<=', now), w('last_seen_at', '<', new Date(now.getTime() - IDLE_MS))]))
              .limit(batchSize),
          )
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
