import { isMessageCode, type MessageCode } from '../i18n/de.ts';

/**
 * A code users may be shown: every catalogue's key except the audit log's action labels. Derived from
 * the catalogues, so a misspelt code, or one without German and English words, does not compile.
 */
export type ErrorCode = Exclude<MessageCode, `audit.${string}`>;

export function isErrorCode(value: string): value is ErrorCode {
  return isMessageCode(value) && !value.startsWith('audit.');
}

/** A validator's answer: the value, or the code of what is wrong with it. */
export type Checked<T, C extends ErrorCode = ErrorCode> = { ok: true; value: T } | { ok: false; code: C };

/** Form field → the code of its message. */
export type FieldErrors = Record<string, ErrorCode>;

/**
 * The one error type. `code` is a stable dotted name with texts in i18n;
 * `fields` maps a form field to the code of its message; `details` carries
 * data for the answer (the attempts left), which a JSON answer shows beside the fields.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number = 400,
    readonly fields: FieldErrors = {},
    readonly details: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function assertThat(condition: unknown, code: ErrorCode, status = 400): asserts condition {
  if (!condition) throw new AppError(code, status);
}

/** Codes of errors that are not about a form field. */
export const errorCodes = [
  'request.malformed',
  'request.not_found',
  'request.too_large',
  'request.rate_limited',
  'request.internal',
  'csrf.invalid',
  'form.invalid',
  'flow.expired',
  'flow.conflict',
  'token.invalid',
  'token.expired',
  'token.used',
  'registration.not_found',
  'registration.step_open',
  'session.required',
] as const satisfies readonly ErrorCode[];
