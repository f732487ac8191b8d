import type { PortalMember } from '../../core/portal/member.ts';

export const PORTAL = 'partner';
export const BASE = '/partner';

/** A signed-in person of a provider: an LE-Admin or a user an LE-Admin set up. */
export type PartnerMember = PortalMember;
