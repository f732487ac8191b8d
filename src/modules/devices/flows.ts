import { z } from 'zod';
import { defineFlow, type FlowOf } from '../../core/flows/engine.ts';

/** The security code's challenge inside a login or reset flow; the code is derived from it, never stored. */
export const securityChallenge = z.object({ id: z.string(), expiresAt: z.string() });

/** The app's login nonce: signed once, then used. */
export const appChallengeFlow = defineFlow({
  kind: 'app_challenge',
  initial: 'open',
  transitions: { open: ['used'], used: [] },
  ttlMs: { open: 2 * 60_000, used: 60_000 },
  data: z.object({}),
});
export type AppChallengeFlow = FlowOf<typeof appChallengeFlow>;
