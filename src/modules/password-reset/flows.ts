import { z } from 'zod';
import { defineFlow, type FlowOf } from '../../core/flows/engine.ts';
import { securityChallenge } from '../devices/flows.ts';

/**
 * "Passwort vergessen?": mail link (1 hour, single use) → new password → security code
 * from the app when the account has a device → done; every session of the account ends.
 *
 *   password ──new password, device──▶ code ──right code──▶ done
 *      └──────new password, no device──────────────────────▶ done
 */
export const passwordResetFlow = defineFlow({
  kind: 'password_reset',
  initial: 'password',
  transitions: { password: ['code', 'done'], code: ['done', 'failed', 'expired'], done: [], failed: [], expired: [] },
  ttlMs: { password: 30 * 60_000, code: 15 * 60_000, done: 10 * 60_000, failed: 5 * 60_000, expired: 5 * 60_000 },
  data: z.object({
    portal: z.string(),
    accountId: z.string(),
    email: z.string(),
    /** the new password's hash waits here for the security code, and leaves the row with the change */
    passwordHash: z.string().optional(),
    challenge: securityChallenge.optional(),
  }),
});
export type ResetFlow = FlowOf<typeof passwordResetFlow>;
export type ResetData = ResetFlow['data'];
