import type { Generated, JSONColumnType } from 'kysely';
import type { DeviceKind, IdentDeviceStatus } from './values.ts';
import type { CreatedAt, OptionalTimestamp } from './column-types.ts';

// the table of migration 0027 (the AOK Ident app's devices); schema.ts lists it in Database

/** A device of the AOK Ident app: its public key and the hash of its GesundheitsID-Code, never the code. */
export interface IdentDevicesTable {
  id: string;
  insured_id: string;
  kind: DeviceKind;
  /** what the person sees in "Geräte": the browser and system, or the terminal's name */
  name: string;
  public_key: JSONColumnType<JsonWebKey>;
  /** the GesundheitsID-Code's Argon2 hash */
  code_hash: string;
  status: IdentDeviceStatus;
  /** mirrors the wrong codes counted for the device, for the person's list */
  failed_codes: Generated<number>;
  created_at: CreatedAt;
  last_used_at: OptionalTimestamp;
}
