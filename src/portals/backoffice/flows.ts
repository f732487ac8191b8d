import { z } from 'zod';
import { defineFlow } from '../../core/flows/engine.ts';

/** Staff login: password, then the TOTP code; wrong attempts count on the staff member's key, not here. */
export const staffLoginFlow = defineFlow({
  kind: 'staff_login',
  initial: 'credentials',
  transitions: { credentials: ['totp'], totp: ['done', 'failed'], done: [], failed: [] },
  ttlMs: { credentials: 30 * 60_000, totp: 5 * 60_000, done: 60_000, failed: 60_000 },
  data: z.object({ staffId: z.string().optional() }),
});
