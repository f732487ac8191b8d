/** The steps of a registration as the status page lists them (manual 000 step 5). */
export const registrationSteps = [
  'email_confirmed',
  'certificate_downloaded',
  'certificate_uploaded',
  'device_registered',
  'activated',
] as const;

export type RegistrationStep = (typeof registrationSteps)[number];

export const CONFIRMATION_TTL_MS = 720 * 3_600_000;
export const REGISTRATION_TTL_MS = 30 * 24 * 3_600_000;
