import type { FastifyReply, FastifyRequest } from 'fastify';
import { guard, type Guard } from '../http/guards.ts';
import type { PortalDefinition } from './definition.ts';
import type { MemberNeed, PortalMember } from './member.ts';

declare module '../http/guards.ts' {
  interface SignedIn {
    /** the signed-in member of a company, on the routes of a portal's member guards */
    member: PortalMember;
  }
}

/** The preHandlers of a portal's pages. */
export interface PortalGuards {
  /** somebody signed in to this portal: `request.accountId` */
  account: Guard;
  /** a member of a company: `request.member` */
  member: Guard;
  /** an administrator of the company (403 page for a user) */
  admin: Guard;
  /** a member who may see payment advices (403 page otherwise) */
  advices: Guard;
}

/** Made once per portal from the resolvers of its definition, which answer the way the portal does. */
export function portalGuards(portal: Pick<PortalDefinition, 'key' | 'requireAccount' | 'requireMember'>): PortalGuards {
  const member = (need?: MemberNeed) =>
    guard('member', (request: FastifyRequest, reply: FastifyReply) => {
      if (!portal.requireMember) throw new Error(`portal ${portal.key} has no company members`);
      return portal.requireMember(request, reply, need);
    });
  return { account: guard('accountId', portal.requireAccount), member: member(), admin: member('admin'), advices: member('advices') };
}
