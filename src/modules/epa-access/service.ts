import type { Config } from '../../config.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import type { SigningKeys } from '../ident-provider/signing-keys.ts';
import type { EpaEvents } from './events.ts';
import { createCallerCheck } from './caller.ts';
import { createDeviceRegistration } from './devices.ts';

export type { EpaCaller, EpaDeviceCaller } from './caller.ts';
export { CODE_TTL_MS, FAILURE_WINDOW_MS, MAX_FAILURES, MAX_WRONG_CODES, MAX_WRONG_CODES_PER_PERSON, WRONG_CODE_WINDOW_MS, type EpaDeviceView } from './devices.ts';

export interface EpaAccessDeps {
  db: Db;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  /** the Ident provider's signing keys: the tokens' signatures are checked against them */
  keys: SigningKeys;
  /** key of the codes' HMAC */
  hmacKey: string;
  events: EpaEvents;
}

/**
 * Who may call the ePA record service (issue 15 §4–5): the DPoP-bound access token of the Ident
 * provider with a fresh proof of its key (caller.ts), and the devices a person unlocks with a mailed
 * code (devices.ts).
 */
export function createEpaAccess(deps: EpaAccessDeps) {
  const callers = createCallerCheck(deps);
  const devices = createDeviceRegistration(deps);
  return {
    authenticate: callers.authenticate,
    requireDevice: callers.requireDevice,
    register: devices.register,
    confirm: devices.confirm,
    list: devices.list,
    rename: devices.rename,
    remove: devices.remove,

    /**
     * Housekeeping: registrations whose code ran out become failures; failures older than the
     * window, used proofs past their time and old login marks are deleted, in batches.
     */
    async sweep(batchSize = 500): Promise<void> {
      await devices.sweep(batchSize);
      await callers.sweep(batchSize);
    },
  };
}

export type EpaAccess = ReturnType<typeof createEpaAccess>;
