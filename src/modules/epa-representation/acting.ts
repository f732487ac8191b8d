import type { FastifyRequest } from 'fastify';
import type { EpaAccess } from '../epa-access/service.ts';
import type { RecordAccess } from '../epa-records/service.ts';
import type { EpaRepresentation } from './service.ts';

/**
 * The guard of a record route (documents, Protokoll): an unlocked device (`requireDevice`), then
 * whose record the call is for (`actingFor`): the caller's own, or with the header `Pforte-Vertretung`
 * the represented person's, by the caller as their representative. A representation that is not
 * confirmed, was ended or is not the caller's is refused (403, in the represented person's Protokoll).
 * `owner` is the record's person; `access` is what the record service and the Protokoll write as who
 * and from which device.
 */
export async function actingCaller(request: FastifyRequest, access: Pick<EpaAccess, 'requireDevice'>, representation: Pick<EpaRepresentation, 'actingFor'>): Promise<{ owner: string; access: RecordAccess & { device: { id: string; name: string } } }> {
  const caller = await access.requireDevice(request);
  const who = await representation.actingFor(request, caller);
  return { owner: who.recordOwnerInsuredId, access: { actor: who.actor, device: { id: caller.deviceId, name: caller.deviceName }, ip: request.ip } };
}
