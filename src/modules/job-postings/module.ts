import type { Module } from '../../core/module.ts';
import type { PlatformDeps } from '../../core/deps.ts';
import { jobPostingsRoutes, reminderTexts } from './portal-routes.tsx';
import { createJobPostings, type JobPostings } from './service.ts';

export const MODULE = 'job-postings';

// one service per set of deps and portal: the routes and the job share it
const services = new WeakMap<PlatformDeps, Map<string, JobPostings>>();
function serviceFor(ctx: PlatformDeps, portal: string): JobPostings {
  let byPortal = services.get(ctx);
  if (!byPortal) services.set(ctx, (byPortal = new Map()));
  let service = byPortal.get(portal);
  if (!service) byPortal.set(portal, (service = createJobPostings(ctx, portal)));
  return service;
}

/**
 * The deadline job: postings past their Bewerbungsschluss are deactivated, and a week before it the
 * main contact gets one reminder with the "Verlängern" link. It runs in the housekeeping, every
 * 15 minutes; its links lead to the portal that lists this module.
 */
export async function runPostingsExpiry(ctx: PlatformDeps) {
  const portal = ctx.portals.using(MODULE)[0];
  if (!portal) return { expired: 0, reminded: 0 };
  return serviceFor(ctx, portal.key).expire(reminderTexts(ctx, portal));
}

/** Manual 004 "Stellenverwaltung": an employer's job offers, and their deadline. */
export const jobPostingsModule: Module = {
  name: MODULE,
  portalRoutes: (app, ctx, portal, guards) => jobPostingsRoutes(app, ctx, portal, guards, serviceFor(ctx, portal.key)),
  async housekeeping(ctx) {
    await runPostingsExpiry(ctx);
  },
};
