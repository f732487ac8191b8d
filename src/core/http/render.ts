import type { FastifyReply } from 'fastify';
import { extensionForMime, storedFileName } from '../files/upload-rules.ts';

/** Sends a rendered page; JSX from @kitajs/html may be a string or a promise of one. */
export async function sendHtml(reply: FastifyReply, html: JSX.Element, status = 200): Promise<FastifyReply> {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(await html);
}

export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/**
 * Types a browser may show inline: their renderers run no script of the file's own under the sandboxing
 * CSP below. The back office shows certificates this way so a clerk need not save each one; every
 * other type, and everything the portals send, is a download.
 */
const INLINE_SAFE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif']);

/**
 * A stored or generated file to the browser: always with the type its bytes were found to be, never
 * sniffed (nosniff), never cached, under a CSP that sandboxes it, and offered as a download
 * (`attachment`) unless the caller asks for inline and the type is one of INLINE_SAFE. The name's
 * extension follows the type (files stored before names did keep their old name otherwise).
 */
export function sendFile(reply: FastifyReply, file: { name: string; mime: string; bytes: Buffer }, options: { inline?: boolean } = {}): FastifyReply {
  const mime = file.mime.split(';')[0]!.trim().toLowerCase();
  const ext = extensionForMime(mime);
  const name = ext ? storedFileName(file.name, ext) : file.name;
  const inline = options.inline === true && INLINE_SAFE.has(mime);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(mime) ? file.mime : 'application/octet-stream')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.bytes);
}
