import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';

/**
 * What a guard lets through (who is signed in, the flow a page continues), by the name it is put on
 * the request under. Core knows the account; whoever defines a richer one (a company's member, a
 * staff member, a login flow) adds it here by module augmentation next to its type:
 *
 *   declare module '../../core/http/guards.ts' { interface Guarded { member: PortalMember } }
 *
 * A handler reads `request.member` only on a route whose preHandler is the guard that sets it.
 */
export interface Guarded {
  /** the signed-in account of the portal the route belongs to */
  accountId: string;
}

declare module 'fastify' {
  interface FastifyRequest extends Guarded {}
}

/**
 * Finds the person for a request, or answers the request itself (a redirect to the login, a 403
 * page …) and gives null. A thrown AppError goes to the error page as from any handler.
 */
export type Resolver<T> = (request: FastifyRequest, reply: FastifyReply) => Promise<T | null>;

/** A Fastify preHandler: `app.get(path, { preHandler: guard }, handler)`. */
export type Guard = preHandlerAsyncHookHandler;

/**
 * Makes a preHandler out of a resolver: the route's handler runs only when somebody was found, and
 * then finds them on `request[key]`, typed; otherwise the answer the resolver sent stands.
 */
export function guard<K extends keyof Guarded>(key: K, resolve: Resolver<Guarded[K]>): Guard {
  return async function (request, reply) {
    const found = await resolve(request, reply);
    if (found === null) {
      // a resolver that refuses must have answered: a request without an answer would hang
      if (!reply.sent) throw new Error(`guard for ${key} refused without answering`);
      return reply;
    }
    const guarded: Guarded = request;
    guarded[key] = found;
  };
}

/**
 * A further condition on what an earlier guard found (an administrator among the signed-in staff):
 * runs after `first` and refuses in the same ways. Fastify runs an array of preHandlers in order and
 * stops at the first that answers.
 */
export function also(first: Guard, check: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>): Guard[] {
  return [
    first,
    async function (request, reply) {
      if (await check(request, reply)) return;
      if (!reply.sent) throw new Error('guard condition refused without answering');
      return reply;
    },
  ];
}
