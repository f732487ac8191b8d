import { z } from 'zod';
import { defineFlow } from '../../core/flows/engine.ts';

/** The personal-data form as a flow: a double submit or a second tab registers once. */
export const registrationFormFlow = defineFlow({
  kind: 'registration_form',
  initial: 'form',
  transitions: { form: ['submitted'], submitted: [] },
  ttlMs: { form: 2 * 3_600_000, submitted: 3_600_000 },
  data: z.object({ email: z.string().optional() }),
});
