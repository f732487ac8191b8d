import { z } from 'zod';
import { defineFlow, type FlowOf } from '../../core/flows/engine.ts';
import { securityChallenge } from '../devices/flows.ts';

/**
 * Login (manual 001): credentials → security code from the 2-factor app → done.
 *
 *   credentials ──password ok──▶ code ──right code──▶ done
 *                                 │ ├─5 wrong codes─▶ failed
 *                                 │ └─no device any more (reset requested)─▶ device_reset
 *                                 └─code timed out──▶ expired
 */
export const loginFlow = defineFlow({
  kind: 'login',
  initial: 'credentials',
  transitions: { credentials: ['code'], code: ['done', 'failed', 'expired', 'device_reset'], done: [], failed: [], expired: [], device_reset: [] },
  ttlMs: { credentials: 30 * 60_000, code: 15 * 60_000, done: 60_000, failed: 5 * 60_000, expired: 5 * 60_000, device_reset: 60_000 },
  data: z.object({ portal: z.string(), email: z.string().optional(), accountId: z.string().optional(), challenge: securityChallenge.optional() }),
});
export type LoginFlow = FlowOf<typeof loginFlow>;
export type LoginData = LoginFlow['data'];
