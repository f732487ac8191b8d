import type { FastifyRequest } from 'fastify';
import type { Sessions } from '../sessions/sessions.ts';
import type { IncomingFile } from '../files/registration-files.ts';
import { AppError } from '../errors/app-error.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  files: IncomingFile[];
  /** a file over the per-file limit: the form comes back with this code */
  tooLarge: boolean;
}

/**
 * Reads a multipart form. The CSRF token field comes first in our forms, so a file that
 * arrives before a valid token is refused unread. Empty file inputs (no file chosen) are skipped.
 */
export async function readMultipart(request: FastifyRequest, sessions: Sessions): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new AppError('request.malformed', 400);
  const form: MultipartForm = { fields: {}, files: [], tooLarge: false };
  let csrfOk = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') csrfOk = sessions.verifyCsrf(request, part.value);
        else if (typeof part.value === 'string') form.fields[part.fieldname] = part.value;
        continue;
      }
      if (!csrfOk) throw new AppError('csrf.invalid', 403);
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        if (error?.code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw error;
      });
      // an input without a chosen file arrives with no name (or an empty one) and no bytes
      if (bytes === null) form.tooLarge = true;
      else if (!part.filename && bytes.length === 0) continue;
      else form.files.push({ name: part.filename ?? '', bytes });
    }
  } catch (error) {
    // a file over the limit may also end the whole stream: the form comes back with that message
    const e = error as { code?: string; statusCode?: number };
    if (!csrfOk || !(e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413)) throw error;
    form.tooLarge = true;
  }
  if (!csrfOk) throw new AppError('csrf.invalid', 403);
  return form;
}
