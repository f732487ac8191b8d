import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { createAttempts } from '../../core/attempts/attempts.ts';
import { checkReason } from '../insured/fields.ts';
import type { InsuredActor } from '../insured/service.ts';
import { identCodeKey, type IdentDevicesDeps } from './service.ts';

/**
 * The back office's part of the AOK Ident devices: staff see a person's devices on the person's page
 * and remove one with a reason (a lost phone, a device the person cannot reach). Only persons in the
 * member's scope: another AOK's person is "not found", and logged, as everywhere in "Versicherte".
 */
export function createIdentStaff(deps: IdentDevicesDeps) {
  const { db, clock, audit, insured } = deps;
  const attempts = createAttempts(db, clock);

  const devicesOf = (insuredId: string) =>
    db.selectFrom('ident_devices').select(['id', 'kind', 'name', 'status', 'created_at', 'last_used_at']).where('insured_id', '=', insuredId).orderBy('created_at').orderBy('id').execute();

  return {
    /** The person's devices, oldest first. */
    async list(by: InsuredActor, insuredId: string) {
      const person = await insured.get(by, insuredId);
      return devicesOf(person.id);
    },

    /** One device of the person, for the page that asks before it is removed; any other is "not found". */
    async one(by: InsuredActor, insuredId: string, deviceId: string) {
      const person = await insured.get(by, insuredId);
      const device = (await devicesOf(person.id)).find((d) => d.id === deviceId);
      if (!device) throw new AppError('request.not_found', 404);
      return { person, device };
    },

    /**
     * "Gerät entfernen": the device is deleted with its sessions and its count of wrong codes, so it
     * can neither open "Geräte" nor approve nor sign anything again; the reason goes into the log.
     */
    async remove(by: InsuredActor, insuredId: string, deviceId: string, reasonInput: string): Promise<void> {
      const person = await insured.get(by, insuredId);
      const reason = checkReason(reasonInput);
      const removed = await db.transaction().execute(async (trx) => {
        const row = isId(deviceId)
          ? await trx.deleteFrom('ident_devices').where('id', '=', deviceId).where('insured_id', '=', person.id).returning(['id', 'name', 'kind']).executeTakeFirst()
          : undefined;
        if (row) await audit.record({ actor: by.actor, action: 'insured.device_removed_by_staff', subject: person.id, ip: by.ip, data: { device: row.id, name: row.name, kind: row.kind, reason } }, trx);
        return row;
      });
      if (!removed) throw new AppError('request.not_found', 404);
      await attempts.clear(identCodeKey(removed.id));
    },
  };
}
