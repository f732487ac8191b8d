import { createHash, generateKeyPairSync } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { DAY } from '../../core/clock/clock.ts';
import { decryptFile, encryptFile } from '../../core/files/encryption.ts';

export const SIGNING_ALG = 'ES256';
/** a key signs this long before the next one is made */
export const ROTATE_AFTER_MS = 90 * DAY;
/** a new key is in the JWKS this long before it signs, so verifiers that cache the JWKS know it */
export const PUBLISH_AHEAD_MS = DAY;
/**
 * a key that no longer signs stays in the JWKS this long: far beyond the 5 minutes of the tokens it
 * signed, so an ID token kept for the logout (id_token_hint) is still recognised
 */
export const KEEP_RETIRED_MS = DAY;

/** One key as the provider gets it: its private JWK, and whether it is the one that signs now. */
export interface LoadedKey {
  kid: string;
  jwk: JsonWebKey & { kid: string; alg: string; use: 'sig'; key_ops?: string[] };
  signing: boolean;
}

/** What decides the provider's key set: the published kids and the signing one; a change needs a new provider. */
export interface KeyState {
  kids: string[];
  signing: string;
}

interface KeyRow {
  kid: string;
  created_at: Date;
  signs_from: Date;
}

/** RFC 7638 thumbprint of a P-256 public key: the same kid oidc-provider would compute. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
}

/**
 * The signing keys of the Ident provider in the database, private halves encrypted under the file
 * key (bound to their kid). The key that signs at a time is the newest whose `signs_from` has come;
 * an older one stops signing then and is removed KEEP_RETIRED_MS later.
 */
export function createSigningKeys(deps: { db: Db; clock: Clock; fileKey: Buffer }) {
  const { db, clock, fileKey } = deps;
  const aad = (kid: string) => Buffer.from(`ident-signing-key:${kid}`);
  const decrypted = new Map<string, LoadedKey['jwk']>();

  /** A new key, made at `now`, that signs from `signsFrom` (not before `now`). */
  async function insertKey(trx: Db, now: Date, signsFrom: Date): Promise<string> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const priv = privateKey.export({ format: 'jwk' });
    const kid = thumbprint(priv);
    const { d: _d, ...pub } = priv;
    const sealed = encryptFile(fileKey, Buffer.from(JSON.stringify(priv)), aad(kid));
    await trx
      .insertInto('ident_signing_keys')
      .values({
        kid,
        alg: SIGNING_ALG,
        public_jwk: JSON.stringify(pub),
        private_iv: sealed.iv,
        private_tag: sealed.tag,
        private_key: sealed.ciphertext,
        created_at: now,
        signs_from: signsFrom,
      })
      .execute();
    return kid;
  }

  /** Runs `work` while holding the table, so two processes starting at once make one key, not two. */
  function locked<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      await sql`lock table ident_signing_keys in share row exclusive mode`.execute(trx);
      return work(trx);
    });
  }

  function stateOf(rows: KeyRow[], now: Date): KeyState | null {
    const started = rows.filter((r) => r.signs_from <= now).sort((a, b) => b.signs_from.getTime() - a.signs_from.getTime());
    const signing = started[0];
    return signing ? { kids: rows.map((r) => r.kid).sort(), signing: signing.kid } : null;
  }

  async function rows(): Promise<KeyRow[]> {
    return db.selectFrom('ident_signing_keys').select(['kid', 'created_at', 'signs_from']).execute();
  }

  return {
    /** The published kids and the signing one now; makes the first key on a fresh database. */
    async state(): Promise<KeyState> {
      const now = clock.now();
      const found = stateOf(await rows(), now);
      if (found) return found;
      return locked(async (trx) => {
        const again = stateOf(await trx.selectFrom('ident_signing_keys').select(['kid', 'created_at', 'signs_from']).execute(), now);
        if (again) return again;
        await insertKey(trx, now, now);
        return stateOf(await trx.selectFrom('ident_signing_keys').select(['kid', 'created_at', 'signs_from']).execute(), now)!;
      });
    },

    /** The keys of a state, decrypted, the signing one first; the others may only verify. */
    async load(state: KeyState): Promise<LoadedKey[]> {
      const stored = await db.selectFrom('ident_signing_keys').selectAll().where('kid', 'in', state.kids).execute();
      const keys = stored.map((row): LoadedKey => {
        let jwk = decrypted.get(row.kid);
        if (!jwk) {
          const plain = decryptFile(fileKey, { iv: row.private_iv, tag: row.private_tag, ciphertext: row.private_key }, aad(row.kid));
          jwk = { ...(JSON.parse(plain.toString('utf8')) as JsonWebKey), kid: row.kid, alg: row.alg, use: 'sig' };
          decrypted.set(row.kid, jwk);
        }
        const signing = row.kid === state.signing;
        // oidc-provider signs with a key that may sign; the others are published for verifying only
        return { kid: row.kid, jwk: signing ? jwk : { ...jwk, key_ops: ['verify'] }, signing };
      });
      return keys.sort((a, b) => Number(b.signing) - Number(a.signing));
    },

    /**
     * An operator's answer to a suspect key: a new key signs at once (no day of publishing ahead), and
     * `retire` leaves the JWKS at once, so what it signed no longer verifies. Without `retire` the keys
     * before stay published as in a normal rotation.
     */
    async replaceNow(options: { retire?: string } = {}): Promise<{ added: string | null; removed: string[] } | null> {
      const now = clock.now();
      return locked(async (trx) => {
        const all = await trx.selectFrom('ident_signing_keys').select(['kid', 'created_at', 'signs_from']).execute();
        if (options.retire !== undefined && !all.some((r) => r.kid === options.retire)) return null;
        const signing = stateOf(all, now)?.signing;
        const replace = options.retire === undefined || options.retire === signing;
        // the keys that signed until now began before the new one, also on a clock that stands still (tests)
        const before = new Date(now.getTime() - 1);
        if (replace) await trx.updateTable('ident_signing_keys').set({ signs_from: before, created_at: sql`least(created_at, ${before})` }).where('signs_from', '>', before).where('signs_from', '<=', now).execute();
        const added = replace ? await insertKey(trx, now, now) : null;
        if (options.retire !== undefined) await trx.deleteFrom('ident_signing_keys').where('kid', '=', options.retire).execute();
        return { added, removed: options.retire === undefined ? [] : [options.retire] };
      });
    },

    /**
     * The rotation, run by the housekeeping: a key that has signed for ROTATE_AFTER_MS gets a
     * successor, published now and signing PUBLISH_AHEAD_MS later; keys retired for KEEP_RETIRED_MS go.
     * `force` makes the successor now whatever the age (an operator who suspects a key).
     */
    async rotate(options: { force?: boolean } = {}): Promise<{ added: string | null; removed: string[] }> {
      const now = clock.now();
      return locked(async (trx) => {
        const all = (await trx.selectFrom('ident_signing_keys').select(['kid', 'created_at', 'signs_from']).execute()).sort(
          (a, b) => a.signs_from.getTime() - b.signs_from.getTime(),
        );
        const removed: string[] = [];
        // a key is retired once a newer one signs; it goes when that happened KEEP_RETIRED_MS ago
        for (let i = 0; i < all.length - 1; i++) {
          const successor = all[i + 1]!;
          if (successor.signs_from.getTime() + KEEP_RETIRED_MS <= now.getTime()) removed.push(all[i]!.kid);
        }
        if (removed.length) await trx.deleteFrom('ident_signing_keys').where('kid', 'in', removed).execute();
        const newest = all[all.length - 1];
        const due = !newest || (newest.signs_from <= now && (options.force || newest.signs_from.getTime() + ROTATE_AFTER_MS <= now.getTime()));
        const added = due ? await insertKey(trx, now, newest ? new Date(now.getTime() + PUBLISH_AHEAD_MS) : now) : null;
        return { added, removed };
      });
    },
  };
}

export type SigningKeys = ReturnType<typeof createSigningKeys>;
