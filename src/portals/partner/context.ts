import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalChrome } from '../../core/ui/layout.tsx';

export const PORTAL = 'partner';
export const BASE = '/partner';

/** A signed-in person of a provider: an LE-Admin or a user an LE-Admin set up. */
export interface PartnerMember {
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** the provider's key: the IK of its first registration (accounts.company) */
  company: string;
  role: 'admin' | 'user';
  /** LE-Admins always; users when an LE-Admin gave them the right */
  adviceAccess: boolean;
}

/** What the partner portal's feature routes share (login guard, chrome, CSRF). */
export interface PartnerContext {
  chrome: PortalChrome;
  csrf(request: FastifyRequest, reply: FastifyReply): string;
  /**
   * The signed-in member, or null after answering: a redirect to the login when nobody is
   * signed in; a 403 page when `need` is 'admin' and the member is no LE-Admin, or 'advices'
   * and the member may not see payment advices.
   */
  requireMember(request: FastifyRequest, reply: FastifyReply, need?: 'admin' | 'advices'): Promise<PartnerMember | null>;
}
