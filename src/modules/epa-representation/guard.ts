import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import type { EpaCaller } from '../epa-access/service.ts';
import type { ProtocolActor } from '../epa-protocol/service.ts';
import type { ProtocolAction } from '../epa-protocol/actions.ts';
import type { Db } from '../../core/db/database.ts';
import type { EpaRepresentationDeps } from './service.ts';
import type { createRepresentationSteps, FoundRepresentation as Found } from './steps.ts';

/**
 * The request header that makes a representative's call act on the represented person's record: the
 * representation's id (`Pforte-Vertretung: <id>`). Without it, every call is for the caller's own record.
 */
export const REPRESENTATION_HEADER = 'pforte-vertretung';

/**
 * Whose record a call acts on: the caller's own (`representationId` null, the caller as actor), or,
 * with the header, the represented person's, by the caller as their representative. Pass `actor`
 * as the RecordAccess's actor: the Protokoll then shows the call in both persons' Protokolle.
 */
export interface ActingFor {
  recordOwnerInsuredId: string;
  representationId: string | null;
  actor: ProtocolActor;
  /** the represented person's name while acting for them (for "Sie handeln für …"), else null */
  forName: string | null;
}

type RefusalCode = 'epa_representation.not_active' | 'epa_representation.no_delegation';

const DENIED: ProtocolAction = 'representation.denied';

/**
 * A representation that ended (or stopped holding otherwise) while a call for the represented record
 * ran: found by the actor's `holds` in the transaction that would have kept the call, which it rolls
 * back. Answered like a representation ended before the call (403 `epa_representation.not_active`);
 * its refusal is written after the rollback (`refusedMeanwhile`, from the record API's onError hook).
 */
export class RepresentationEndedMeanwhile extends AppError {
  constructor(
    readonly representationId: string,
    readonly caller: EpaCaller,
    readonly reason: string,
  ) {
    super('epa_representation.not_active', 403);
  }
}

/** The header's single value; absent is null, repeated or not an id is ''. */
function headerOf(request: FastifyRequest): string | null {
  const value = request.headers[REPRESENTATION_HEADER];
  if (value === undefined) return null;
  return typeof value === 'string' && isId(value.trim()) ? value.trim() : '';
}

/**
 * The guard of a call that may act for someone else: whose record it acts on (`actingFor`), and
 * managing representations for one's own record only (`ownOnly`). A refusal is 403, written to the
 * represented person's Protokoll.
 */
export function createRepresentationGuard(deps: Pick<EpaRepresentationDeps, 'protocol'>, steps: ReturnType<typeof createRepresentationSteps>) {
  const { protocol } = deps;
  const { find, logged, asRepresentative } = steps;

  /**
   * A refused call with the header: in A's Protokoll when the caller is A's named representative (as
   * theirs, so in their own too), or as the platform's refusal when someone else used the id (their
   * name is not A's business, and A's is not theirs: their own Protokoll names no one); the audit log
   * names the caller either way.
   */
  async function refuse(caller: EpaCaller, row: Found | null, reason: string, ip: string, code: RefusalCode = 'epa_representation.not_active'): Promise<never> {
    await writeRefusal(caller, row, reason, ip, code);
    throw new AppError(code, 403);
  }

  async function writeRefusal(caller: EpaCaller, row: Found | null, reason: string, ip: string, code: RefusalCode): Promise<void> {
    const data = { reason, representation: row?.id ?? null, code };
    if (row && row.representative_id === caller.insuredId) {
      await logged({ insuredId: row.insured_id, what: DENIED, actor: asRepresentative(row, caller), caller, auditAction: 'epa_representation.denied', subject: row.id, ip, result: 'denied', data });
    } else {
      if (row) await protocol.record({ insuredId: row.insured_id, action: DENIED, actor: { kind: 'system' }, result: 'denied', data });
      await logged({ insuredId: caller.insuredId, what: DENIED, actor: { kind: 'insured', id: caller.insuredId }, caller, auditAction: 'epa_representation.denied', subject: row?.id ?? caller.insuredId, ip, result: 'denied', data: { reason, code } });
    }
  }

  /** Why the caller cannot act through this representation, or null when they can. */
  function reasonAgainst(caller: EpaCaller, row: Found | null): string | null {
    if (!row) return 'unknown';
    if (row.representative_id !== caller.insuredId) return 'not_representative';
    if (row.status === 'ended') return 'ended';
    if (row.status !== 'confirmed') return 'not_confirmed';
    if (row.a_status !== 'active' || !row.a_registered) return 'record_closed';
    return null;
  }

  /** The confirmed representation `id` of the caller, or a refusal (logged). */
  async function confirmedFor(caller: EpaCaller, id: string, ip: string): Promise<Found> {
    const row = await find(id);
    const reason = reasonAgainst(caller, row);
    return reason === null ? row! : refuse(caller, row, reason, ip);
  }

  /**
   * The check again, in the transaction that keeps the call (the actor's `holds`, run by the
   * Protokoll before the call's entry): the representation's row is locked FOR SHARE, so an `end`
   * (FOR UPDATE) either committed before, and is seen here, or waits until this call is done.
   */
  function holdsFor(caller: EpaCaller, id: string) {
    return async (trx: Db): Promise<void> => {
      const reason = reasonAgainst(caller, await find(id, trx, 'share'));
      if (reason !== null) throw new RepresentationEndedMeanwhile(id, caller, reason);
    };
  }

  /** The refusal of a call whose representation ended while it ran, written after its rollback. */
  async function refusedMeanwhile(error: RepresentationEndedMeanwhile, ip: string): Promise<void> {
    await writeRefusal(error.caller, await find(error.representationId), error.reason, ip, 'epa_representation.not_active');
  }

  /**
   * Whose record this call acts on (see ActingFor). Without the header, the caller's own. With it,
   * the represented person's, when the representation is the caller's and confirmed, and the person
   * still has their ePA; otherwise 403 `epa_representation.not_active`, written to the represented
   * person's Protokoll (see `refuse`). Call it after `requireDevice`, before touching a record.
   */
  async function actingFor(request: FastifyRequest, caller: EpaCaller): Promise<ActingFor> {
    const header = headerOf(request);
    if (header === null) return { recordOwnerInsuredId: caller.insuredId, representationId: null, actor: { kind: 'insured', id: caller.insuredId }, forName: null };
    const row = await confirmedFor(caller, header, request.ip);
    return { recordOwnerInsuredId: row.insured_id, representationId: row.id, actor: { ...asRepresentative(row, caller), holds: holdsFor(caller, row.id) }, forName: row.aName };
  }

  /**
   * No further delegation: managing representations is for one's own record only. A call with the
   * header is refused (403 `epa_representation.no_delegation`, in the represented person's Protokoll;
   * a header that would not pass anyway is refused as `actingFor` refuses it).
   */
  async function ownOnly(request: FastifyRequest, caller: EpaCaller): Promise<void> {
    const header = headerOf(request);
    if (header === null) return;
    await refuse(caller, await confirmedFor(caller, header, request.ip), 'delegation', request.ip, 'epa_representation.no_delegation');
  }

  return { actingFor, ownOnly, refusedMeanwhile };
}
