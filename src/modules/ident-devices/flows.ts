import { z } from 'zod';
import { defineFlow, type FlowOf } from '../../core/flows/engine.ts';
import { IDENT_PURPOSES } from './signed.ts';

/** A nonce for one device and one purpose (with an approval, the login request it answers): signed once, then used. */
export const identChallengeFlow = defineFlow({
  kind: 'ident_challenge',
  initial: 'open',
  transitions: { open: ['used'], used: [] },
  ttlMs: { open: 2 * 60_000, used: 60_000 },
  data: z.object({ deviceId: z.string(), purpose: z.enum(IDENT_PURPOSES), context: z.string().max(200).optional() }),
});
export type IdentChallengeFlow = FlowOf<typeof identChallengeFlow>;
