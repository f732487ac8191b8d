import type { StepState } from '../../../core/ui/components.tsx';
import { t } from '../../../core/i18n/de.ts';

/** the steps' names where a portal brings none (each portal's definition names them as its manual does) */
const WIZARD_STEPS = ['Persönliche Daten', 'Arbeitgeberbescheinigung', 'Geräteregistrierung', 'Abschluss'] as const;

/** The stepper's four steps with the current one at `current`. */
export function wizard(current: number, steps: readonly string[] = WIZARD_STEPS) {
  return steps.map((label, i) => ({
    label,
    state: (i < current ? 'done' : i === current ? 'current' : 'open') as StepState,
  }));
}

/** A form's error codes as the words shown beside the fields. */
export function messages(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, code]) => [k, t(code)]));
}
