import { REGISTRATION_STEPS, type RegistrationStep } from '../../core/db/values.ts';

/** The steps of a registration as the status page lists them (manual 000 step 5); the column holds them. */
export const registrationSteps = REGISTRATION_STEPS;

export type { RegistrationStep };

/**
 * What the insurer needs before staff may activate (manual 002 §2.4: confirmed e-mail address,
 * signed certificate, registered device). The download is not among them: it is only the way to
 * the upload (see `countedSteps`). The Abschluss, the back office's detail and "Aktivieren" all
 * decide by this list.
 */
export const REQUIRED_STEPS = ['email_confirmed', 'certificate_uploaded', 'device_registered'] as const;

export type RequiredStep = (typeof REQUIRED_STEPS)[number];

export type StepDates = Partial<Record<RegistrationStep, Date>>;

/**
 * The steps as they count: a stored certificate file is the upload, and an upload is also the
 * download. The download is only a means to the upload; the signed certificate may have come
 * from another browser or an earlier attempt, and must not block the activation.
 */
export function countedSteps(recorded: StepDates, firstUploadAt: Date | null): StepDates {
  const steps: StepDates = { ...recorded };
  if (firstUploadAt) steps.certificate_uploaded = firstUploadAt;
  if (steps.certificate_uploaded) steps.certificate_downloaded ??= steps.certificate_uploaded;
  return steps;
}

/** The required steps not yet done, in the order of the status list. */
export function missingSteps(steps: StepDates): RequiredStep[] {
  return REQUIRED_STEPS.filter((s) => !steps[s]);
}

export const CONFIRMATION_TTL_MS = 720 * 3_600_000;
export const REGISTRATION_TTL_MS = 30 * 24 * 3_600_000;
