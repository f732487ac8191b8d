import type { Db } from '../../core/db/database.ts';
import type { AuditAction } from '../../core/audit/actions.ts';
import { isId } from '../../core/ids/secrets.ts';
import type { EpaCaller } from '../epa-access/service.ts';
import type { ProtocolActor } from '../epa-protocol/service.ts';
import type { ProtocolAction } from '../epa-protocol/actions.ts';
import type { EpaRepresentationDeps } from './service.ts';

/**
 * What every step of a representation needs: the representation with both persons' names, the
 * representative as the actor on the represented record, and the step written to the Protokoll
 * (mirrored to a representative's own) and the audit log.
 */
export function createRepresentationSteps(deps: Pick<EpaRepresentationDeps, 'db' | 'audit' | 'protocol'>) {
  const { db, audit, protocol } = deps;

  const deviceOf = (caller: EpaCaller) => (caller.deviceId ? { id: caller.deviceId, name: caller.deviceName } : undefined);

  /** One step: the Protokoll of `insuredId` (mirrored to a representative's own) and the audit log. */
  async function logged(
    input: {
      insuredId: string;
      what: ProtocolAction;
      actor: ProtocolActor;
      caller: EpaCaller;
      auditAction: AuditAction;
      subject: string;
      ip: string;
      result?: 'success' | 'denied';
      data?: Record<string, string | number | boolean | null>;
    },
    trx: Db = db,
  ) {
    const result = input.result ?? 'success';
    await protocol.record({ insuredId: input.insuredId, action: input.what, actor: input.actor, device: deviceOf(input.caller), result, data: input.data }, trx);
    await audit.record(
      {
        actor: `insured:${input.caller.insuredId}`,
        action: input.auditAction,
        subject: input.subject,
        ip: input.ip,
        outcome: result === 'denied' ? 'denied' : 'success',
        data: { person: input.insuredId, ...input.data },
      },
      trx,
    );
  }

  /**
   * A representation with both persons' names, by id (null when there is none or the id is no id).
   * `lock`: true locks its row FOR UPDATE (a step that changes it), 'share' FOR SHARE (a call that relies on it).
   */
  async function find(id: string, trx: Db = db, lock: boolean | 'share' = false) {
    if (!isId(id)) return null;
    let q = trx
      .selectFrom('epa_representations as v')
      .innerJoin('insured_persons as a', 'a.id', 'v.insured_id')
      .leftJoin('insured_persons as b', 'b.id', 'v.representative_id')
      .select([
        'v.id',
        'v.insured_id',
        'v.representative_id',
        'v.status',
        'v.created_at',
        'v.confirmed_at',
        'a.first_name as a_first',
        'a.last_name as a_last',
        'a.email as a_email',
        'a.insurer_id as a_insurer',
        'a.status as a_status',
        'b.first_name as b_first',
        'b.last_name as b_last',
        'b.email as b_email',
        'b.insurer_id as b_insurer',
      ])
      .select((eb) => eb.exists(eb.selectFrom('epa_records as r').select('r.id').whereRef('r.insured_id', '=', 'v.insured_id')).as('a_registered'))
      .where('v.id', '=', id);
    if (lock === 'share') q = q.forShare('v');
    else if (lock) q = q.forUpdate('v');
    const row = await q.executeTakeFirst();
    if (!row) return null;
    return {
      ...row,
      aName: `${row.a_first} ${row.a_last}`,
      bName: row.b_first !== null && row.b_last !== null ? `${row.b_first} ${row.b_last}` : null,
    };
  }

  /** The representative (B) as the actor of a step on A's record. */
  const asRepresentative = (row: { bName: string | null; aName: string }, caller: EpaCaller): Extract<ProtocolActor, { kind: 'representative' }> => ({ kind: 'representative', id: caller.insuredId, name: row.bName ?? 'Vertretung', forName: row.aName });

  return { find, logged, asRepresentative };
}

export type FoundRepresentation = NonNullable<Awaited<ReturnType<ReturnType<typeof createRepresentationSteps>['find']>>>;
