import type { FastifyReply, FastifyRequest } from 'fastify';
import { guard, type Guard } from '../http/guards.ts';
import type { PortalGuards } from './definition.ts';
import type { MemberNeed, PortalMember } from './member.ts';

declare module '../http/guards.ts' {
  interface Guarded {
    /** the signed-in member of a company, on the routes of a portal's member preHandlers */
    member: PortalMember;
  }
}

/** The preHandlers of a portal's pages. */
export interface PortalPreHandlers {
  /** somebody signed in to this portal: `request.accountId` */
  account: Guard;
  /** a member of a company: `request.member` */
  member: Guard;
  /** an administrator of the company (403 page for a user) */
  admin: Guard;
  /** a member who may see payment advices (403 page otherwise) */
  advices: Guard;
}

/** Made from the resolvers a mounted portal hands its modules, which answer the way that portal does. */
export function portalPreHandlers(guards: PortalGuards): PortalPreHandlers {
  const member = (need?: MemberNeed) =>
    guard('member', (request: FastifyRequest, reply: FastifyReply) => {
      if (!guards.requireMember) throw new Error('this portal has no company members');
      return guards.requireMember(request, reply, need);
    });
  return { account: guard('accountId', guards.requireAccount), member: member(), admin: member('admin'), advices: member('advices') };
}
