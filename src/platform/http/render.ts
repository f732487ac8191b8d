import type { FastifyReply } from 'fastify';

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

/** A stored file to the browser: a download, or inline only where the caller allows it; never sniffed, never cached. */
export function sendFile(reply: FastifyReply, file: { name: string; mime: string; bytes: Buffer }, options: { inline?: boolean } = {}): FastifyReply {
  const ascii = file.name.replace(/[^\x20-\x7e]|"/g, '_');
  return reply
    .header('content-type', options.inline ? file.mime : 'application/octet-stream')
    .header('content-disposition', `${options.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.bytes);
}
