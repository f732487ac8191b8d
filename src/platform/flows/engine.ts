import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { AppError } from '../errors/app-error.ts';
import { newSecret } from '../ids/secrets.ts';

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
  version: number;
}

export function defineFlow<S extends string>(kind: FlowKind<S>): FlowKind<S> {
  return kind;
}

export function createFlowEngine(db: Db, clock: Clock) {
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

    /** Loads a live flow of this kind; unknown ids and expired flows are typed errors. */
    async load<S extends string, D>(def: FlowKind<S>, id: unknown): Promise<Flow<S, D>> {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(id)) throw new AppError('flow.expired', 410);
      const row = await db.selectFrom('flows').selectAll().where('id', '=', id).where('kind', '=', def.kind).executeTakeFirst();
      if (!row) throw new AppError('flow.expired', 410);
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
      const result = await trx
        .updateTable('flows')
        .set({ state: next, data: JSON.stringify(data), subject, updated_at: now, expires_at: expiresAt, version: flow.version + 1 })
        .where('id', '=', flow.id)
        .where('version', '=', flow.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
      return { ...flow, state: next, data, subject, expiresAt, version: flow.version + 1 };
    },

    /** Batched, so a large backlog never holds a long lock. */
    async sweepExpired(limit = 500): Promise<number> {
      const ids = await db.selectFrom('flows').select('id').where('expires_at', '<=', clock.now()).limit(limit).execute();
      if (ids.length === 0) return 0;
      await db.deleteFrom('flows').where('id', 'in', ids.map((r) => r.id)).execute();
      return ids.length;
    },
  };
}

export type FlowEngine = ReturnType<typeof createFlowEngine>;
