import type { FastifyRequest } from 'fastify';
import type { Multipart } from '@fastify/multipart';
import type { Sessions } from '../sessions/sessions.ts';
import type { IncomingFile } from '../../modules/registration/files.ts';
import { AppError } from '../errors/app-error.ts';
import { MAX_TOTAL_BYTES } from '../files/upload-rules.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  files: IncomingFile[];
  /** the files together went over the request's budget: the form comes back with its "too large" message (413) */
  tooLarge: boolean;
}

/** The parts still to read of a multipart request whose token has been checked. */
const opened = new WeakMap<FastifyRequest, AsyncIterator<Multipart>>();

/** The parts of a multipart request; a route with its own per-file limit (uploadMaxBytes) reads one byte more than it, to report it. */
function partsOf(request: FastifyRequest): AsyncIterator<Multipart> {
  const max = (request.routeOptions.config as { uploadMaxBytes?: number }).uploadMaxBytes;
  return request.parts(max ? { limits: { fileSize: max + 1 } } : undefined)[Symbol.asyncIterator]();
}

/**
 * The CSRF token must be the first part of a multipart body (our forms put it first). It is checked
 * before anything else is read, so a file that comes before a valid token is never read. The server's
 * preHandler calls this for every multipart request; readMultipart continues with the parts after it.
 * A body that cannot be parsed at all has no valid token either: 403.
 */
export async function checkMultipartToken(request: FastifyRequest, sessions: Pick<Sessions, 'verifyCsrf'>): Promise<void> {
  if (opened.has(request)) return;
  const refused = new AppError('csrf.invalid', 403);
  if (!request.isMultipart()) throw refused;
  let iterator: AsyncIterator<Multipart>;
  let first: IteratorResult<Multipart>;
  try {
    iterator = partsOf(request);
    first = await iterator.next();
  } catch {
    throw refused;
  }
  if (first.done || first.value.type !== 'field' || first.value.fieldname !== '_csrf') throw refused;
  if (!sessions.verifyCsrf(request, first.value.value)) throw refused;
  opened.set(request, iterator);
}

/**
 * Reads a multipart form as a stream. The running total of all files of the request is counted while
 * reading; as soon as it passes the budget, reading stops (the rest of the request is never read, so
 * no more than the budget is held in memory) and the form answers with its "too large" message.
 * Empty file inputs (no file chosen) are skipped.
 */
export async function readMultipart(request: FastifyRequest, sessions: Pick<Sessions, 'verifyCsrf'>, options: { maxBytes?: number } = {}): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new AppError('request.malformed', 400);
  // a route that reads no cookie (an API with its own authentication) has no CSRF token in its body
  if ((request.routeOptions.config as { withoutCookie?: boolean }).withoutCookie) {
    if (!opened.has(request)) opened.set(request, partsOf(request));
  } else await checkMultipartToken(request, sessions);
  const parts = opened.get(request)!;
  const budget = options.maxBytes ?? MAX_TOTAL_BYTES;
  const form: MultipartForm = { fields: {}, files: [], tooLarge: false };
  let total = 0;
  try {
    for (let next = await parts.next(); !next.done; next = await parts.next()) {
      const part = next.value;
      if (part.type === 'field') {
        if (part.fieldname === '_csrf' || typeof part.value !== 'string') continue;
        // a name given twice is no form of ours, and which value counts would be a guess: malformed,
        // as a urlencoded form with a repeated name is
        if (Object.hasOwn(form.fields, part.fieldname)) throw new AppError('request.malformed', 400);
        form.fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (total > budget) break;
        chunks.push(chunk);
      }
      if (total > budget || part.file.truncated) {
        form.tooLarge = true;
        break;
      }
      // an input without a chosen file arrives with no name (or an empty one) and no bytes
      if (!part.filename && size === 0) continue;
      form.files.push({ name: part.filename ?? '', bytes: Buffer.concat(chunks, size) });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const e = error as { code?: string; statusCode?: number };
    // the parser's own limits (per file, number of files or parts) are the same message
    if (e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413) form.tooLarge = true;
    else throw new AppError('request.malformed', 400);
  }
  if (form.tooLarge) form.files = [];
  return form;
}
