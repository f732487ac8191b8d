import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type Checked } from '../errors/app-error.ts';
import { emailField, formBody, hasInvisibleChars, linesField, textField, type FormBody } from './forms.ts';
import { isId } from '../ids/secrets.ts';

/**
 * Route input, parsed at the edge by zod schemas declared next to the route. Every field is parsed
 * on its own: a value that does not fit its schema becomes undefined, the way the pages have always
 * ignored what they could not use (a bad page number is page 1, an unknown notice is none). Rules
 * that answer with a field error use `input.text` / `input.email`, whose failure is the field's code.
 */
export type Fields = Record<string, z.ZodType>;
export type Parsed<F extends Fields> = { -readonly [K in keyof F]: z.output<F[K]> | undefined };

const anyObject = z.record(z.string(), z.unknown());

function parseFields<F extends Fields>(source: Record<string, unknown>, fields: F): { values: Parsed<F>; errors: Partial<Record<keyof F, string>> } {
  const values = {} as Parsed<F>;
  const errors: Partial<Record<keyof F, string>> = {};
  for (const key of Object.keys(fields) as (keyof F & string)[]) {
    const result = fields[key]!.safeParse(source[key]);
    values[key] = result.success ? (result.data as z.output<F[typeof key]>) : undefined;
    if (!result.success) errors[key] = result.error.issues[0]?.message ?? 'request.malformed';
  }
  return { values, errors };
}

/** The query string's fields; anything not named in `fields` is not read. */
export function parseQuery<F extends Fields>(request: FastifyRequest, fields: F): Parsed<F> {
  const query = anyObject.safeParse(request.query);
  return parseFields(query.success ? query.data : {}, fields).values;
}

/**
 * A urlencoded form's fields. A body that is no form of plain strings (or has too many fields) is a
 * malformed request (400), as it always was; otherwise each field gives its value or its error code.
 * `body` is the form as sent, for showing a field again the way the user typed it.
 */
export function parseForm<F extends Fields>(request: FastifyRequest, fields: F): ParsedForm<F> {
  return parseFormFields(formBody(request.body), fields);
}

/**
 * Form fields already read as plain strings, such as a multipart form's text fields (`form.fields`):
 * each field gives its value or its error code, the same way as a urlencoded form's.
 */
export function parseFormFields<F extends Fields>(body: FormBody, fields: F): ParsedForm<F> {
  const { values, errors } = parseFields(body, fields);
  // every field parsed: its values are complete
  if (Object.keys(errors).length === 0) return { ok: true, values: values as Complete<F>, errors: {}, body };
  return { ok: false, values, errors, body };
}

export type Complete<F extends Fields> = { -readonly [K in keyof F]: z.output<F[K]> };
export type ParsedForm<F extends Fields> =
  | { ok: true; values: Complete<F>; errors: Partial<Record<keyof F, string>>; body: FormBody }
  | { ok: false; values: Parsed<F>; errors: Partial<Record<keyof F, string>>; body: FormBody };

/** A JSON body must be an object; its fields are then checked by the service that knows their codes. */
export function jsonObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (Array.isArray(body)) throw new AppError('request.malformed', 400);
  const parsed = anyObject.safeParse(body);
  if (!parsed.success) throw new AppError('request.malformed', 400);
  return parsed.data;
}

/**
 * A field given through the code that describes why it failed: the message of its zod issue.
 * Exported for a module's own checks (the Jobmaster's postal code), which then report like `input.*`.
 */
export function coded<T>(check: (value: string | undefined) => Checked<T>) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const result = check(value);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.code });
      return z.NEVER;
    });
}

/** Longest search text a list page takes (its field's maxlength). */
export const MAX_SEARCH = 100;

/**
 * A list page's search (`q` in the query): trimmed and cut to MAX_SEARCH characters. With a control or
 * format character it is refused at the field (`error`, answered with 400), and the page searches nothing.
 */
export function searchOf(request: FastifyRequest): { text: string; error?: 'field.invalid_chars' } {
  const text = (parseQuery(request, { q: input.one }).q ?? '').trim().slice(0, MAX_SEARCH);
  return hasInvisibleChars(text) ? { text, error: 'field.invalid_chars' } : { text };
}

/** The same single-value schema for each name: for parsers that read several plain fields (filters). */
export function single<N extends string>(...names: N[]): Record<N, typeof input.one> {
  return Object.fromEntries(names.map((name) => [name, input.one])) as Record<N, typeof input.one>;
}

/** Field schemas the routes share. */
export const input = {
  /**
   * One value from the query. Fastify makes a repeated name an array; that counts as given but
   * empty, so a link with `flow` twice still reaches the "expired" page instead of a new start.
   */
  one: z.union([z.string(), z.array(z.unknown()).transform(() => '')]),
  /** A record's id (a UUID); anything else is undefined, as if not given. */
  id: z.string().refine(isId),
  /** `name=1`: true; absent or anything else false. */
  flag: z.unknown().transform((value) => value === '1'),
  /** A page number from 1 to 10 000; anything else is the first page. */
  page: z.unknown().transform((value) => {
    const n = typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
    return Number.isFinite(n) ? Math.min(10_000, Math.max(1, n)) : 1;
  }),
  /** A trimmed, NFC text of at most `max` characters without control characters (see textField). */
  text: (options: { max: number; required?: boolean }) => coded((value) => textField(value, options)),
  /**
   * A multi-line text (a message): NFC, trimmed, required, at most `max` UTF-16 units. Unlike
   * `input.text` it keeps newlines and tabs, which a letter to the insurer needs.
   */
  message: (max: number) => coded((value): Checked<string, 'field.required' | 'field.too_long' | 'field.invalid_chars'> => {
    const v = (value ?? '').normalize('NFC').trim();
    if (!v) return { ok: false, code: 'field.required' };
    if (v.length > max) return { ok: false, code: 'field.too_long' };
    if (hasInvisibleChars(v, { multiline: true })) return { ok: false, code: 'field.invalid_chars' };
    return { ok: true, value: v };
  }),
  /** A multi-line text (a description), see linesField. */
  lines: (options: { max: number }) => coded((value) => linesField(value, options)),
  /** An e-mail address (see emailField). */
  email: coded(emailField),
  /** An e-mail address that may be left blank, which gives ''. */
  optionalEmail: coded((value) => ((value ?? '').trim() ? emailField(value) : { ok: true, value: '' })),
  /** A form value as sent, cut to `max` characters; absent is ''. */
  raw: (max: number) => z
    .string()
    .optional()
    .transform((value) => (value ?? '').slice(0, max)),
};
