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
