import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { Insured } from '../insured/service.ts';
import { createIdentActivation } from './activation.ts';
import { createIdentAccess } from './access.ts';
import { createIdentStaff } from './staff.ts';

export interface IdentDevicesDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  insurers: Insurer[];
  /** the letter's code is checked and used there; the device is written in the same transaction; `get` is the back office's scope */
  insured: Pick<Insured, 'activate' | 'get'>;
}

/** A person has at most this many active devices; a third activation is refused until one is removed. */
export const MAX_IDENT_DEVICES = 2;

/** Wrong GesundheitsID-Codes count per device under this key (the 2-factor app's PINs under `pin:`). */
export const identCodeKey = (deviceId: string) => `ident-code:${deviceId}`;

/**
 * The AOK Ident app's devices (manual 003): activation with the letter's KVNR and code and a chosen
 * GesundheitsID-Code, at most two devices per person, the device key's signature with the code as the
 * approval of a request (five wrong codes lock the device), and the app's sessions for "Geräte";
 * `staff` is the back office's list and removal of a person's devices.
 */
export function createIdentDevices(deps: IdentDevicesDeps) {
  return { ...createIdentActivation(deps), ...createIdentAccess(deps), staff: createIdentStaff(deps) };
}

export type IdentDevices = ReturnType<typeof createIdentDevices>;
