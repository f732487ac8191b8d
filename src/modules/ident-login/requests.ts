import { newSecret } from '../../core/ids/secrets.ts';
import { deleteBefore } from '../../core/db/batches.ts';
import { browserName } from '../jobmaster-login/browser.ts';
import { newNumbers, newShortCode } from './codes.ts';
import { KEEP_ENDED_MS, REQUEST_TTL_MS, stateNow, type IdentLoginDeps, type LoginRequestRow } from './service.ts';

/** Requests a login page may make per address: a page renews every 90 s, a login lives 10 minutes. */
const CREATE_LIMIT = { points: 60, windowMs: 10 * 60_000 };

/** Who the request is for and who asks: the app shows both before the person approves. */
export interface Requester {
  clientId: string;
  clientName: string;
  ip: string | null;
  userAgent: string | undefined;
}

/** What the login page shows of its request. */
export interface ShownRequest {
  id: string;
  shortCode: string;
  number: number;
  expiresAt: Date;
}

/** The page's request: waiting (shown), or what became of the latest one. */
export type PageState =
  | { state: 'waiting'; request: ShownRequest }
  | { state: 'approved' | 'used' | 'expired' }
  | { state: 'declined'; wrongNumber: boolean };

function shown(row: Pick<LoginRequestRow, 'id' | 'short_code' | 'number' | 'expires_at'>): ShownRequest {
  return { id: row.id, shortCode: row.short_code, number: row.number, expiresAt: new Date(row.expires_at) };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === '23505';
}

export function createLoginRequestPages(deps: IdentLoginDeps) {
  const { db, clock, rateLimiter } = deps;

  const latest = (uid: string) =>
    db.selectFrom('ident_login_requests').selectAll().where('interaction_uid', '=', uid).orderBy('seq', 'desc').limit(1).executeTakeFirst();

  async function create(uid: string, requester: Requester): Promise<ShownRequest> {
    await rateLimiter.enforce(`ident-qr:ip:${requester.ip ?? 'none'}`, CREATE_LIMIT);
    const now = clock.now();
    const { number, choices } = newNumbers();
    // the page's earlier request dies with the new one: one request per login at a time
    await db.updateTable('ident_login_requests').set({ state: 'expired', answered_at: now }).where('interaction_uid', '=', uid).where('state', '=', 'waiting').execute();
    for (let attempt = 0; ; attempt++) {
      const row = {
        id: newSecret(),
        interaction_uid: uid,
        short_code: newShortCode(),
        number,
        choices: choices.join(' '),
        client_id: requester.clientId,
        client_name: requester.clientName,
        browser: browserName(requester.userAgent),
        state: 'waiting' as const,
        created_at: now,
        expires_at: new Date(now.getTime() + REQUEST_TTL_MS),
      };
      try {
        await db.insertInto('ident_login_requests').values(row).execute();
        return shown(row);
      } catch (error) {
        // a short code that another request has (one in 31⁸): draw again
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  return {
    /**
     * The request the login page `uid` shows: its waiting one, a new one when it has none yet, or
     * what became of the last one (declined, expired …), which the page says before it offers a new one.
     */
    async forPage(uid: string, requester: Requester): Promise<PageState> {
      const row = await latest(uid);
      if (!row) return { state: 'waiting', request: await create(uid, requester) };
      const state = stateNow(row, clock.now());
      if (state === 'waiting') return { state, request: shown(row) };
      if (state === 'declined') return { state, wrongNumber: row.wrong_number };
      return { state };
    },

    /** "Neuen QR-Code anzeigen", and the page's script when the time ran out: the old request ends. */
    renew: (uid: string, requester: Requester) => create(uid, requester),

    /** What the page's script asks every few seconds; null unless `requestId` is this login's. */
    async status(uid: string, requestId: unknown): Promise<{ state: PageState['state']; expiresAt: string } | null> {
      if (typeof requestId !== 'string' || requestId.length > 64) return null;
      const row = await db.selectFrom('ident_login_requests').selectAll().where('id', '=', requestId).where('interaction_uid', '=', uid).executeTakeFirst();
      return row ? { state: stateNow(row, clock.now()), expiresAt: new Date(row.expires_at).toISOString() } : null;
    },

    /** The browser has been handed back to the client: the approved request is used. */
    async handedBack(uid: string): Promise<void> {
      await db.updateTable('ident_login_requests').set({ state: 'used' }).where('interaction_uid', '=', uid).where('state', '=', 'approved').execute();
    },

    /** Deletes requests a day after they ended; the housekeeping runs it. */
    sweep: (): Promise<number> => deleteBefore(db, 'ident_login_requests', 'id', 'expires_at', new Date(clock.now().getTime() - KEEP_ENDED_MS)),
  };
}
