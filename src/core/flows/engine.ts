import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newSecret } from '../ids/secrets.ts';
import { untilNoneLeft } from '../db/batches.ts';

/**
 * A flow kind declares its states, which state may follow which, and how long
 * a flow may live in each state. A flow is one row; every transition checks the
 * row's version, so two tabs or two processes cannot both advance it.
 */
export interface FlowKind<S extends string> {
  kind: string;
  initial: S;
  transitions: Record<S, readonly S[]>;
  ttlMs: Record<S, number>;
}

export interface Flow<S extends string, D> {
  id: string;
  kind: string;
  state: S;
  subject: string | null;
  data: D;
  expiresAt: Date;
  /** -1 for a draft: a signed id that no row holds yet (see `draft`) */
  version: number;
}

export function defineFlow<S extends string>(kind: FlowKind<S>): FlowKind<S> {
  return kind;
}

const DRAFT_VERSION = -1;

/**
 * A draft's id has the shape of a flow id (32 bytes, 43 characters): 16 random bytes, the
 * expiry in seconds, and 12 bytes of an HMAC over kind, nonce, expiry and the initial data.
 * The server can check it without a row, so a form page costs nothing until it is submitted.
 */
function draftMac(key: string, kind: string, nonce: Buffer, expires: number, data: object): Buffer {
  return createHmac('sha256', key).update(`flow-draft:${kind}:${nonce.toString('hex')}:${expires}:${JSON.stringify(data)}`).digest().subarray(0, 12);
}

/**
 * `key` signs drafts; every process of one installation needs the same key (the system passes
 * its HMAC key), a single process may let it default to a random one.
 */
export function createFlowEngine(db: Db, clock: Clock, key: string = randomBytes(32).toString('hex')) {
  function toFlow<S extends string, D>(row: any): Flow<S, D> {
    return {
      id: row.id,
      kind: row.kind,
      state: row.state,
      subject: row.subject,
      data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as D,
      expiresAt: new Date(row.expires_at),
      version: row.version,
    };
  }

  return {
    async create<S extends string, D extends object>(def: FlowKind<S>, data: D, subject: string | null = null) {
      const now = clock.now();
      const flow: Flow<S, D> = {
        id: newSecret(),
        kind: def.kind,
        state: def.initial,
        subject,
        data,
        expiresAt: new Date(now.getTime() + def.ttlMs[def.initial]),
        version: 0,
      };
      await db
        .insertInto('flows')
        .values({
          id: flow.id,
          kind: flow.kind,
          state: flow.state,
          subject,
          data: JSON.stringify(data),
          created_at: now,
          updated_at: now,
          expires_at: flow.expiresAt,
          version: 0,
        })
        .execute();
      return flow;
    },

    /**
     * A flow in its initial state that writes no row: anonymous pages (a form, a login page)
     * hand out drafts, and the first transition stores the row. Pass the same `data` to `load`.
     */
    draft<S extends string, D extends object>(def: FlowKind<S>, data: D): Flow<S, D> {
      const expires = Math.ceil((clock.now().getTime() + def.ttlMs[def.initial]) / 1000);
      const nonce = randomBytes(16);
      const stamp = Buffer.alloc(4);
      stamp.writeUInt32BE(expires);
      const id = Buffer.concat([nonce, stamp, draftMac(key, def.kind, nonce, expires, data)]).toString('base64url');
      return { id, kind: def.kind, state: def.initial, subject: null, data, expiresAt: new Date(expires * 1000), version: DRAFT_VERSION };
    },

    /**
     * Loads a live flow of this kind; unknown ids and expired flows are typed errors. With
     * `draftData`, an id from `draft` that no row holds yet loads as that draft.
     */
    async load<S extends string, D>(def: FlowKind<S>, id: unknown, draftData?: D & object): Promise<Flow<S, D>> {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(id)) throw new AppError('flow.expired', 410);
      const row = await db.selectFrom('flows').selectAll().where('id', '=', id).where('kind', '=', def.kind).executeTakeFirst();
      if (!row) {
        const raw = Buffer.from(id, 'base64url');
        if (draftData === undefined || raw.length !== 32) throw new AppError('flow.expired', 410);
        const expires = raw.readUInt32BE(16);
        if (!timingSafeEqual(raw.subarray(20), draftMac(key, def.kind, raw.subarray(0, 16), expires, draftData))) throw new AppError('flow.expired', 410);
        if (expires * 1000 <= clock.now().getTime()) throw new AppError('flow.expired', 410);
        return { id, kind: def.kind, state: def.initial, subject: null, data: draftData, expiresAt: new Date(expires * 1000), version: DRAFT_VERSION };
      }
      const flow = toFlow<S, D>(row);
      if (flow.expiresAt.getTime() <= clock.now().getTime()) throw new AppError('flow.expired', 410);
      if (!(flow.state in def.transitions)) throw new AppError('flow.expired', 410);
      return flow;
    },

    /**
     * Moves a flow to `next` inside the caller's transaction. Fails with flow.conflict
     * when the row changed since it was loaded, and refuses transitions the kind does not allow.
     */
    async transition<S extends string, D>(
      trx: Db,
      def: FlowKind<S>,
      flow: Flow<S, D>,
      next: S,
      patch: { data?: D; subject?: string | null } = {},
    ): Promise<Flow<S, D>> {
      if (!def.transitions[flow.state].includes(next)) throw new AppError('flow.conflict', 409);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + def.ttlMs[next]);
      const data = patch.data ?? flow.data;
      const subject = patch.subject === undefined ? flow.subject : patch.subject;
      if (flow.version === DRAFT_VERSION) {
        // a draft's first step stores it; the same draft submitted twice stores it once
        const inserted = await trx
          .insertInto('flows')
          .values({ id: flow.id, kind: flow.kind, state: next, subject, data: JSON.stringify(data), created_at: now, updated_at: now, expires_at: expiresAt, version: 0 })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
        return { ...flow, state: next, data, subject, expiresAt, version: 0 };
      }
      const result = await trx
        .updateTable('flows')
        .set({ state: next, data: JSON.stringify(data), subject, updated_at: now, expires_at: expiresAt, version: flow.version + 1 })
        .where('id', '=', flow.id)
        .where('version', '=', flow.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
      return { ...flow, state: next, data, subject, expiresAt, version: flow.version + 1 };
    },

    /** Deletes expired flows in bounded batches until none are left; returns how many. */
    async sweepExpired(batchSize = 500): Promise<number> {
      return untilNoneLeft(async () => {
        const ids = await db.selectFrom('flows').select('id').where('expires_at', '<=', clock.now()).limit(batchSize).execute();
        if (ids.length === 0) return 0;
        await db.deleteFrom('flows').where('id', 'in', ids.map((r) => r.id)).execute();
        return ids.length;
      });
    },
  };
}

export type FlowEngine = ReturnType<typeof createFlowEngine>;
