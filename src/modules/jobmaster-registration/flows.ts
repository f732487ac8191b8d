import { z } from 'zod';
import { defineFlow } from '../../core/flows/engine.ts';

const HOURS = 3_600_000;

/** Part 1's values as typed (Firmeninformationen). */
export const companyValues = z.object({
  companyName: z.string(),
  betriebsnummer: z.string(),
  street: z.string(),
  houseNumber: z.string(),
  postalCode: z.string(),
  city: z.string(),
});

/** Part 2's values that may be kept between the parts: never the passwords, never the answer. */
export const contactValues = z.object({
  salutation: z.string(),
  title: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string(),
  email: z.string(),
  question: z.string(),
});

/**
 * The employer's registration in two parts: "Zurück" from part 2 returns to part 1 with what was
 * typed, and the submitted state makes a second submit of the same form register nothing.
 */
export const employerRegistrationFlow = defineFlow({
  kind: 'jobmaster_employer_registration',
  initial: 'company',
  transitions: { company: ['contact'], contact: ['company', 'submitted'], submitted: [] },
  ttlMs: { company: 2 * HOURS, contact: 2 * HOURS, submitted: 1 * HOURS },
  data: z.object({ company: companyValues.partial().optional(), contact: contactValues.partial().optional() }),
});

/** The applicant's one-page registration: a double submit registers once. */
export const applicantRegistrationFlow = defineFlow({
  kind: 'jobmaster_applicant_registration',
  initial: 'form',
  transitions: { form: ['submitted'], submitted: [] },
  ttlMs: { form: 2 * HOURS, submitted: 1 * HOURS },
  data: z.object({}),
});
