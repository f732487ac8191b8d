/**
 * The one error type. `code` is a stable dotted name with texts in i18n;
 * `fields` maps a form field to the code of its message.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number = 400,
    readonly fields: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function assertThat(condition: unknown, code: string, status = 400): asserts condition {
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
] as const;
