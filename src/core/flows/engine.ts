import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newSecret } from '../ids/secrets.ts';
import { untilNoneLeft } from '../db/batches.ts';

/**
 * A flow kind declares its states, which state may follow which, how long a flow may live in
 * each state, and the schema of its data. A flow is one row; every transition checks the row's
 * version, so two tabs or two processes cannot both advance it. Only this engine writes the
 * `flows` table (a test reads the sources for it).
 */
export interface FlowKind<S extends string, D extends object> {
  kind: string;
  initial: S;
  transitions: Record<S, readonly S[]>;
  ttlMs: Record<S, number>;
  /** what a row's data must be; a row whose data does not fit loads like an expired flow */
  data: z.ZodType<D>;
}

/** The flow a kind loads: `FlowOf<typeof loginFlow>`. */
export type FlowOf<K> = K extends FlowKind<infer S, infer D> ? Flow<S, D> : never;

/** Why a page got a fresh flow instead of the one it asked for: the notice it shows. */
export type ReplacedBecause = 'flow.expired';

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

export function defineFlow<S extends string, D extends object>(kind: FlowKind<S, D>): FlowKind<S, D> {
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
  type Row = { id: string; kind: string; state: string; subject: string | null; data: unknown; expires_at: Date | string; version: number };

  /** A row as a flow of `def`, or null when its state or data no longer fit the kind. */
  function toFlow<S extends string, D extends object>(def: FlowKind<S, D>, row: Row): Flow<S, D> | null {
    if (!(row.state in def.transitions)) return null;
    const data = def.data.safeParse(typeof row.data === 'string' ? JSON.parse(row.data) : row.data);
    if (!data.success) return null;
    return { id: row.id, kind: row.kind, state: row.state as S, subject: row.subject, data: data.data, expiresAt: new Date(row.expires_at), version: row.version };
  }

  async function write(trx: Db, flow: Flow<string, object>, next: { state: string; data: object; subject: string | null; expiresAt: Date }): Promise<number> {
    const now = clock.now();
    if (flow.version === DRAFT_VERSION) {
      // a draft's first step stores it; the same draft submitted twice stores it once
      const inserted = await trx
        .insertInto('flows')
        .values({ id: flow.id, kind: flow.kind, state: next.state, subject: next.subject, data: JSON.stringify(next.data), created_at: now, updated_at: now, expires_at: next.expiresAt, version: 0 })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
      return 0;
    }
    const result = await trx
      .updateTable('flows')
      .set({ state: next.state, data: JSON.stringify(next.data), subject: next.subject, updated_at: now, expires_at: next.expiresAt, version: flow.version + 1 })
      .where('id', '=', flow.id)
      .where('version', '=', flow.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
    return flow.version + 1;
  }

  async function load<S extends string, D extends object>(def: FlowKind<S, D>, id: unknown, draftData?: D): Promise<Flow<S, D>> {
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
    const flow = toFlow(def, row);
    if (!flow || flow.expiresAt.getTime() <= clock.now().getTime()) throw new AppError('flow.expired', 410);
    return flow;
  }

  function draft<S extends string, D extends object>(def: FlowKind<S, D>, data: D): Flow<S, D> {
    const expires = Math.ceil((clock.now().getTime() + def.ttlMs[def.initial]) / 1000);
    const nonce = randomBytes(16);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt32BE(expires);
    const id = Buffer.concat([nonce, stamp, draftMac(key, def.kind, nonce, expires, data)]).toString('base64url');
    return { id, kind: def.kind, state: def.initial, subject: null, data, expiresAt: new Date(expires * 1000), version: DRAFT_VERSION };
  }

  return {
    async create<S extends string, D extends object>(def: FlowKind<S, D>, data: D, subject: string | null = null): Promise<Flow<S, D>> {
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
    draft,

    /**
     * Loads a live flow of this kind, its data checked by the kind's schema; unknown ids, expired
     * flows and rows that no longer fit the kind are `flow.expired`. With `draftData`, an id from
     * `draft` that no row holds yet loads as that draft.
     */
    load,

    /**
     * A page's flow, or, when it expired or never was, a fresh draft with the notice to show:
     * the page sends the browser to the replacement instead of a dead end.
     */
    async loadOrReplace<S extends string, D extends object>(def: FlowKind<S, D>, id: unknown, draftData: D): Promise<{ flow: Flow<S, D>; replaced: ReplacedBecause | null }> {
      try {
        return { flow: await load(def, id, draftData), replaced: null };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'flow.expired') throw error;
        return { flow: draft(def, draftData), replaced: 'flow.expired' };
      }
    },

    /**
     * Moves a flow to `next` inside the caller's transaction. Fails with flow.conflict
     * when the row changed since it was loaded, and refuses transitions the kind does not allow.
     */
    async transition<S extends string, D extends object>(
      trx: Db,
      def: FlowKind<S, D>,
      flow: Flow<S, D>,
      next: S,
      patch: { data?: D; subject?: string | null } = {},
    ): Promise<Flow<S, D>> {
      if (!def.transitions[flow.state].includes(next)) throw new AppError('flow.conflict', 409);
      const expiresAt = new Date(clock.now().getTime() + def.ttlMs[next]);
      const data = patch.data ?? flow.data;
      const subject = patch.subject === undefined ? flow.subject : patch.subject;
      const version = await write(trx, flow, { state: next, data, subject, expiresAt });
      return { ...flow, state: next, data, subject, expiresAt, version };
    },

    /** New data in the same state (its expiry stays), version-checked like a transition. */
    async update<S extends string, D extends object>(trx: Db, def: FlowKind<S, D>, flow: Flow<S, D>, data: D): Promise<Flow<S, D>> {
      if (!(flow.state in def.transitions)) throw new AppError('flow.conflict', 409);
      const version = await write(trx, flow, { state: flow.state, data, subject: flow.subject, expiresAt: flow.expiresAt });
      return { ...flow, data, version };
    },

    /**
     * The newest live flow of these kinds in `state` for a subject (the login that waits for the
     * app's code), newest change first; null when there is none or its data no longer fits.
     */
    async latestOf<K extends FlowKind<any, any>>(defs: readonly K[], state: string, subject: string): Promise<(FlowOf<K> & { createdAt: Date }) | null> {
      const row = await db
        .selectFrom('flows')
        .selectAll()
        .where('kind', 'in', defs.map((d) => d.kind))
        .where('state', '=', state)
        .where('subject', '=', subject)
        .where('expires_at', '>', clock.now())
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const def = row && defs.find((d) => d.kind === row.kind);
      const flow = def ? toFlow(def, row) : null;
      return flow && ({ ...flow, createdAt: new Date(row!.created_at) } as FlowOf<K> & { createdAt: Date });
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
