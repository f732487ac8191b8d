import type { Generated } from 'kysely';
import type { IdentLoginState } from './values.ts';
import type { CreatedAt, OptionalText, OptionalTimestamp, Timestamp } from './column-types.ts';

// the table of migration 0028 (the QR login of the AOK Ident); schema.ts lists it in Database

/** A login request shown as QR code on the provider's login page, answered in the Ident app. */
export interface IdentLoginRequestsTable {
  /** random, in the QR code's address */
  id: string;
  /** the order of a login's requests */
  seq: Generated<string>;
  /** the provider's login this request belongs to */
  interaction_uid: string;
  /** the same request to type, 8 characters without look-alikes */
  short_code: string;
  /** the two-digit number on the page */
  number: number;
  /** the three numbers the app offers, the page's among them, as "12 47 83" */
  choices: string;
  client_id: string;
  client_name: string;
  /** the requesting browser and system, shortened from its User-Agent ("Firefox 121 auf Windows") */
  browser: string;
  state: IdentLoginState;
  /** declined because another number was picked in the app */
  wrong_number: Generated<boolean>;
  /** the device that approved */
  device_id: OptionalText;
  created_at: CreatedAt;
  expires_at: Timestamp;
  answered_at: OptionalTimestamp;
}
