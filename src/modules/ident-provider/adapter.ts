import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from './oidc.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { hashSecret } from '../../core/ids/secrets.ts';
import { untilNoneLeft } from '../../core/db/batches.ts';

/** The models whose use once is checked here too: two requests with one code at the same moment. */
const SINGLE_USE = new Set(['AuthorizationCode', 'RefreshToken']);

/**
 * What an anonymous request stores (a pushed request, a login's interaction) is kept small: generous
 * for real parameters (a redirect_uri, state, nonce), refused as invalid_request (400) beyond.
 */
const ANONYMOUS_MODELS = new Set(['PushedAuthorizationRequest', 'Interaction']);
export const MAX_STORED_PARAMETERS = 8 * 1024;

/**
 * oidc-provider's storage on our database, one row per entry in `ident_oidc_entries`. The row's key
 * is the hash of the entry's id, which for a code or token is the credential itself; the id is left
 * out of the stored payload and put back from the caller's value on `find`. Expiry is on the
 * platform's clock, so tests move it and `find` no longer sees what expired.
 */
export function createAdapterFactory(db: Db, clock: Clock, onReplay?: ReplayHandler): (model: string) => Adapter {
  return (model) => new DatabaseAdapter(db, clock, model, onReplay);
}

/** Told of a replay the adapter itself caught (it ended the grant, so oidc-provider never does). */
export type ReplayHandler = (replay: { grantId: string; clientId: string | null; accountId: string | null }) => Promise<void>;

class DatabaseAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly model: string,
    private readonly onReplay?: ReplayHandler,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const { jti: _id, consumed: _consumed, ...stored } = payload;
    const json = JSON.stringify(stored);
    if (ANONYMOUS_MODELS.has(this.model) && json.length > MAX_STORED_PARAMETERS) throw new errors.InvalidRequest('request parameters too large');
    const row = {
      payload: json,
      grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
      session_uid: this.model === 'Session' && typeof payload.uid === 'string' ? payload.uid : null,
      expires_at: typeof expiresIn === 'number' ? new Date(this.clock.now().getTime() + expiresIn * 1000) : null,
    };
    await this.db
      .insertInto('ident_oidc_entries')
      .values({ model: this.model, id_hash: hashSecret(id), ...row })
      .onConflict((oc) => oc.columns(['model', 'id_hash']).doUpdateSet(row))
      .execute();
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const row = await this.live().where('id_hash', '=', hashSecret(id)).executeTakeFirst();
    return row ? { ...toPayload(row), jti: id } : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const row = await this.live().where('session_uid', '=', uid).executeTakeFirst();
    return row ? toPayload(row) : undefined;
  }

  async findByUserCode(): Promise<undefined> {
    // the device flow is off: no entry has a user code
    return undefined;
  }

  /**
   * Marks a code or refresh token used, once: of two requests that both found it unused, the second
   * finds nothing to mark, and is answered like a replay (the grant and its tokens are revoked).
   */
  async consume(id: string): Promise<void> {
    const marked = await this.db
      .updateTable('ident_oidc_entries')
      .set({ consumed_at: this.clock.now() })
      .where('model', '=', this.model)
      .where('id_hash', '=', hashSecret(id))
      .where('consumed_at', 'is', null)
      .returning('grant_id')
      .executeTakeFirst();
    if (marked || !SINGLE_USE.has(this.model)) return;
    const row = await this.db
      .selectFrom('ident_oidc_entries')
      .select(['grant_id', 'payload'])
      .where('model', '=', this.model)
      .where('id_hash', '=', hashSecret(id))
      .executeTakeFirst();
    if (row?.grant_id) {
      const ended = await this.db.deleteFrom('ident_oidc_entries').where('model', '=', 'Grant').where('id_hash', '=', hashSecret(row.grant_id)).executeTakeFirst();
      await this.db.deleteFrom('ident_oidc_entries').where('grant_id', '=', row.grant_id).execute();
      // logged by whoever ended the grant, so a grant ended twice at once is logged once
      if (Number(ended.numDeletedRows) > 0) {
        const { clientId, accountId } = JSON.parse(row.payload) as { clientId?: string; accountId?: string };
        await this.onReplay?.({ grantId: row.grant_id, clientId: clientId ?? null, accountId: accountId ?? null });
      }
    }
    throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`);
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom('ident_oidc_entries').where('model', '=', this.model).where('id_hash', '=', hashSecret(id)).execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('ident_oidc_entries').where('model', '=', this.model).where('grant_id', '=', grantId).execute();
  }

  private live() {
    const now = this.clock.now();
    return this.db
      .selectFrom('ident_oidc_entries')
      .select(['payload', 'consumed_at'])
      .where('model', '=', this.model)
      .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)]));
  }
}

function toPayload(row: { payload: string; consumed_at: Date | null }): AdapterPayload {
  const payload = JSON.parse(row.payload) as AdapterPayload;
  return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload;
}

/**
 * Marks an interaction answered, once: of two answers to one login request at the same moment only
 * the first gets true. Its expiry counts as for `find`.
 */
export async function claimInteraction(db: Db, clock: Clock, uid: string): Promise<boolean> {
  const now = clock.now();
  const marked = await db
    .updateTable('ident_oidc_entries')
    .set({ consumed_at: now })
    .where('model', '=', 'Interaction')
    .where('id_hash', '=', hashSecret(uid))
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('id_hash')
    .executeTakeFirst();
  return marked !== undefined;
}

/** Deletes expired entries in bounded batches; returns how many. */
export async function sweepExpiredEntries(db: Db, clock: Clock, batchSize = 500): Promise<number> {
  const now = clock.now();
  return untilNoneLeft(async () => {
    const result = await db
      .deleteFrom('ident_oidc_entries')
      .where('id_hash', 'in', (eb) => eb.selectFrom('ident_oidc_entries').select('id_hash').where('expires_at', '<=', now).limit(batchSize))
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}
