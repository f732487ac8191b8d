import { z } from 'zod';
import { defineFlow, type FlowOf } from '../../core/flows/engine.ts';

/** Accepting an invitation: the link becomes a flow (the secret leaves the address bar), then the user's data. */
export const invitationFlow = defineFlow({
  kind: 'invitation',
  initial: 'details',
  transitions: { details: ['done'], done: [] },
  ttlMs: { details: 60 * 60_000, done: 60 * 60_000 },
  data: z.object({ accountId: z.string(), email: z.string() }),
});
export type InvitationFlow = FlowOf<typeof invitationFlow>;
