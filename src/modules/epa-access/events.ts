import type { Db } from '../../core/db/database.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { AuditAction } from '../../core/audit/actions.ts';
import type { EpaProtocol } from '../epa-protocol/service.ts';
import type { ProtocolAction } from '../epa-protocol/actions.ts';

/** What the record service's access control reports for the insured's Protokoll. */
export type EpaEventKind =
  | 'login'
  | 'device_registration_started'
  | 'device_confirmed'
  | 'device_code_wrong'
  | 'device_registration_failed'
  | 'device_registration_blocked'
  | 'device_renamed'
  | 'device_removed';

export interface EpaEvent {
  /** whose record: the insured person whose Protokoll shows the entry */
  insuredId: string;
  kind: EpaEventKind;
  /** the device it concerns (the one registered, confirmed, renamed or removed, or the caller's) */
  device?: { id: string; name: string | null } | null;
  result?: 'success' | 'denied' | 'failed';
  ip?: string | null;
  /** small details: a refusal's code, the attempts left; never a code or a token */
  data?: Record<string, string | number | boolean | null>;
}

/**
 * Where the events go: the insured's Protokoll (epa-protocol) and the platform's audit log (see
 * composition.ts). `trx` lets an entry commit with the change it records.
 */
export interface EpaEvents {
  record(entry: EpaEvent, trx?: Db): Promise<void>;
}

const AUDIT_ACTIONS: Record<EpaEventKind, AuditAction> = {
  login: 'epa_access.login',
  device_registration_started: 'epa_access.device_registration_started',
  device_confirmed: 'epa_access.device_confirmed',
  device_code_wrong: 'epa_access.device_code_wrong',
  device_registration_failed: 'epa_access.device_registration_failed',
  device_registration_blocked: 'epa_access.device_registration_blocked',
  device_renamed: 'epa_access.device_renamed',
  device_removed: 'epa_access.device_removed',
};

/** The events as entries of the platform's audit log (actor and subject: the insured person). */
export function auditEpaEvents(audit: Audit): EpaEvents {
  return {
    async record(entry, trx) {
      const outcome = entry.result === 'denied' ? 'denied' : entry.result === 'failed' ? 'failure' : 'success';
      const data = { ...(entry.device ? { device: entry.device.id, deviceName: entry.device.name } : {}), ...entry.data };
      await audit.record({ actor: `insured:${entry.insuredId}`, action: AUDIT_ACTIONS[entry.kind], subject: entry.insuredId, ip: entry.ip ?? null, outcome, data }, trx);
    },
  };
}

const PROTOCOL_ACTIONS: Record<EpaEventKind, ProtocolAction> = {
  login: 'login.success',
  device_registration_started: 'device.registration_started',
  device_confirmed: 'device.registered',
  device_code_wrong: 'device.code_wrong',
  device_registration_failed: 'device.registration_deleted',
  device_registration_blocked: 'device.registration_blocked',
  device_renamed: 'device.renamed',
  device_removed: 'device.removed',
};

/** The events as entries of the insured's Protokoll, which the person reads in their client. */
export function protocolEpaEvents(protocol: Pick<EpaProtocol, 'record'>): EpaEvents {
  return {
    async record(entry, trx) {
      await protocol.record(
        {
          insuredId: entry.insuredId,
          action: PROTOCOL_ACTIONS[entry.kind],
          actor: { kind: 'insured', id: entry.insuredId },
          ...(entry.device ? { device: entry.device } : {}),
          result: entry.result ?? 'success',
          ...(entry.data ? { data: entry.data } : {}),
        },
        trx,
      );
    },
  };
}

/** Each event to every one of `sinks`, in order (in the same transaction where one is given). */
export function allEpaEvents(...sinks: EpaEvents[]): EpaEvents {
  return {
    async record(entry, trx) {
      for (const sink of sinks) await sink.record(entry, trx);
    },
  };
}
