import type { Attempts, AttemptRule } from '../attempts/attempts.ts';
import { verifyPassword } from '../passwords/passwords.ts';

/** Wrong PINs a device may take; the fifth locks it for good (the PIN lives only in the person's head). */
export const MAX_WRONG_PINS = 5;
/** Per device, never forgotten: only a new device ends the count. */
const DEVICE_PIN_RULE: AttemptRule = { kind: 'limit', max: MAX_WRONG_PINS, forgetAfterMs: null };

export type PinOutcome =
  | { ok: true }
  /** `count`: wrong PINs so far, this one included; `locked`: this one was the last allowed */
  | { ok: false; counted: true; count: number; locked: boolean }
  /** the attempts were used up already (by a request at the same moment): nothing was checked */
  | { ok: false; counted: false };

/**
 * Checks a device's PIN against its hash. The attempt counts before the PIN is compared, so PINs sent
 * at once cannot outnumber the limit; a right PIN clears the count. The caller keeps the device's own
 * row (its status, its mirror of the count) and the log.
 */
export async function checkDevicePin(attempts: Attempts, key: string, pinHash: string, pin: string): Promise<PinOutcome> {
  const attempt = await attempts.reserve(key, DEVICE_PIN_RULE);
  if (!attempt.granted) return { ok: false, counted: false };
  if (await verifyPassword(pinHash, pin)) {
    await attempts.clear(key);
    return { ok: true };
  }
  return { ok: false, counted: true, count: attempt.count, locked: attempt.count >= MAX_WRONG_PINS };
}
