import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from './deps.ts';
import type { PortalDefinition, PortalGuards } from './portal/definition.ts';
import type { PortalChrome } from './ui/layout.tsx';
import type { StaffMember } from './staff/service.ts';

/** The services every module may use; the portals are in `deps.portals`, complete before any route runs. */
export type ModuleContext = PlatformDeps;

/** One entry of the back office's bar. */
export interface StaffNavItem {
  href: string;
  label: string;
  /** shown to administrators only */
  adminOnly?: boolean;
  /** its place in the bar (the manuals' order), whichever module adds it */
  order: number;
}

/** What the back office hands to each module's staff pages: its chrome with the bar, and who may in. */
export interface StaffShell {
  chrome: PortalChrome;
  /** The signed-in staff member, or null after sending the browser to the staff login. */
  requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<StaffMember | null>;
  /** The same for administrators; a clerk gets "not found", like for anything outside their scope. */
  requireAdmin(request: FastifyRequest, reply: FastifyReply): Promise<StaffMember | null>;
}

/**
 * A domain feature in one folder: what it adds to a portal that lists it, what it adds to the back
 * office, and the work it does in the housekeeping (every 15 minutes). Its services live in PlatformDeps.
 */
export interface Module {
  /** what portals list in their definition's `modules` */
  name: string;
  /** the pages it adds to a portal; runs once per portal that uses it, with who is signed in there */
  portalRoutes?(app: FastifyInstance, ctx: ModuleContext, portal: PortalDefinition, guards: PortalGuards): Promise<void>;
  /** the pages it adds to the back office */
  staffRoutes?(app: FastifyInstance, ctx: ModuleContext, shell: StaffShell): Promise<void>;
  staffNav?: readonly StaffNavItem[];
  /** its part of the housekeeping job, which runs every 15 minutes (deadlines, expiries, sweeps) */
  housekeeping?(ctx: ModuleContext): Promise<void>;
}
