import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { hashSecret, newSecret } from '../ids/secrets.ts';
import { AppError } from '../errors/app-error.ts';

/** What a single-use secret opens: a link in a mail, or the activation code shown for the app. */
export type TokenKind =
  | 'posting_extension'
  | 'email_confirmation'
  | 'registration_status'
  | 'device_reset_status'
  | 'device_reset_cancel'
  | 'password_reset'
  | 'invitation'
  | 'device_activation'
  | 'email_change'
  | 'main_contact_handover';

export interface Token {
  hash: string;
  kind: string;
  registration_id: string | null;
  account_id: string | null;
  expires_at: Date;
  used_at: Date | null;
}

export type Consumed = { outcome: 'ok'; token: Token } | { outcome: 'expired' | 'used' | 'unknown' };

/** A condition on the token row (its registration's portal, its account's state). */
export type TokenFilter = (eb: ExpressionBuilder<Database, 'tokens'>) => Expression<SqlBool>;

export interface Lookup {
  /** the hash the secret is stored under; link secrets take `hashSecret` */
  hash?: (secret: string) => string;
  /** outside it the token is unknown (another portal's link) */
  scope?: TokenFilter;
  /** outside it the token counts as used up (an invitation whose account is no longer invited) */
  usable?: TokenFilter;
}

/** Whose open tokens of a kind a new one replaces; null still runs the statement (see `sameWork`). */
export type Owner = { accountId: string | null } | { registrationId: string | null };

const LINK_SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * Single-use secrets (confirmation, status, cancel and reset links, invitations, activation codes),
 * stored only as hashes in one table. `consume` is one UPDATE … WHERE unused AND unexpired RETURNING,
 * so two requests with the same secret cannot both get `ok`; the reason of a refusal is read after.
 */
export function createTokens(clock: Clock) {
  function hashOf(secret: unknown, lookup: Lookup): string | null {
    if (typeof secret !== 'string') return null;
    if (!lookup.hash) return LINK_SECRET.test(secret) ? hashSecret(secret) : null;
    return lookup.hash(secret);
  }

  async function findByHash(db: Db, kinds: readonly TokenKind[], hash: string, lookup: Lookup) {
    let query = db
      .selectFrom('tokens')
      .select(['hash', 'kind', 'registration_id', 'account_id', 'expires_at', 'used_at'])
      .select((eb) => (lookup.usable ? sql<boolean>`${lookup.usable(eb)}` : sql<boolean>`true`).as('usable'))
      .where('hash', '=', hash)
      .where('kind', 'in', kinds);
    if (lookup.scope) query = query.where(lookup.scope);
    return query.executeTakeFirst();
  }

  /** The owner's open tokens of these kinds stop working (a newer one was sent, the process ended). */
  async function revoke(db: Db, kinds: readonly TokenKind[], owner: Owner): Promise<void> {
    // '' matches no row but runs the same statement as a real owner
    const [column, id] = 'accountId' in owner ? (['account_id', owner.accountId ?? ''] as const) : (['registration_id', owner.registrationId ?? ''] as const);
    await db.updateTable('tokens').set({ used_at: clock.now() }).where(column, '=', id).where('kind', 'in', kinds).where('used_at', 'is', null).execute();
  }

  /** What `consume` would answer for a token already found, without using it. */
  function check(token: Token & { usable: boolean }): Consumed['outcome'] {
    if (token.used_at || !token.usable) return 'used';
    return new Date(token.expires_at) <= clock.now() ? 'expired' : 'ok';
  }

  /** Uses the secret up, once: `ok` for exactly one caller; otherwise why not (used before expired). */
  async function consume(db: Db, kinds: readonly TokenKind[], secret: unknown, lookup: Lookup = {}): Promise<Consumed> {
    const hash = hashOf(secret, lookup);
    if (hash === null) return { outcome: 'unknown' };
    const now = clock.now();
    let update = db.updateTable('tokens').set({ used_at: now }).where('hash', '=', hash).where('kind', 'in', kinds).where('used_at', 'is', null).where('expires_at', '>', now);
    if (lookup.scope) update = update.where(lookup.scope);
    if (lookup.usable) update = update.where(lookup.usable);
    const used = await update.returning(['hash', 'kind', 'registration_id', 'account_id', 'expires_at', 'used_at']).executeTakeFirst();
    if (used) return { outcome: 'ok', token: used };
    const seen = await findByHash(db, kinds, hash, lookup);
    if (!seen) return { outcome: 'unknown' };
    const outcome = check(seen);
    // seen unused and unexpired after the update refused it: another request used it in between
    return { outcome: outcome === 'ok' ? 'used' : outcome };
  }

  return {
    revoke,
    check,
    consume,

    /** `consume` for a mailed link: a refusal is the link's error page (unknown 404, used or expired 410). */
    async consumeLink(db: Db, kinds: readonly TokenKind[], secret: unknown, lookup: Lookup = {}): Promise<Token> {
      const result = await consume(db, kinds, secret, lookup);
      if (result.outcome === 'unknown') throw new AppError('token.invalid', 404);
      if (result.outcome !== 'ok') throw new AppError(result.outcome === 'used' ? 'token.used' : 'token.expired', 410);
      return result.token;
    },

    /**
     * Stores a new secret's hash and returns the secret (a random link secret unless one is given,
     * such as an activation code). With `replaces`, the owner's open tokens of this kind stop working.
     */
    async issue(
      db: Db,
      token: { kind: TokenKind; registrationId?: string | null; accountId?: string | null; expiresAt: Date; secret?: string; hash?: (secret: string) => string; replaces?: Owner },
    ): Promise<string> {
      const secret = token.secret ?? newSecret();
      if (token.replaces) await revoke(db, [token.kind], token.replaces);
      await db
        .insertInto('tokens')
        .values({
          hash: (token.hash ?? hashSecret)(secret),
          kind: token.kind,
          registration_id: token.registrationId ?? null,
          account_id: token.accountId ?? null,
          created_at: clock.now(),
          expires_at: token.expiresAt,
          used_at: null,
        })
        .execute();
      return secret;
    },

    /** The token a secret stands for, used or not (a status link is opened many times); undefined when unknown. */
    async find(db: Db, kinds: readonly TokenKind[], secret: unknown, lookup: Lookup = {}): Promise<(Token & { usable: boolean }) | undefined> {
      const hash = hashOf(secret, lookup);
      return hash === null ? undefined : findByHash(db, kinds, hash, lookup);
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
