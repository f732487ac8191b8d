import type { Module } from '../../core/module.ts';
import type { PlatformDeps } from '../../core/deps.ts';
import { registrationRoutes } from './portal-routes.tsx';
import { releaseStaffRoutes, RELEASE_PATH } from './staff-routes.tsx';
import { createJobmasterRegistration, type JobmasterRegistration } from './service.ts';

// one service per set of deps: the routes, the back office and the housekeeping share it
const services = new WeakMap<PlatformDeps, JobmasterRegistration>();
function serviceFor(ctx: PlatformDeps): JobmasterRegistration {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = createJobmasterRegistration(ctx)));
  return service;
}

/**
 * The Jobmaster's registration (manual 004): Bewerber or Arbeitgeber (in two parts), the mail
 * confirmation, and the insurer's release of employers in the back office.
 */
export const jobmasterRegistrationModule: Module = {
  name: 'jobmaster-registration',
  portalRoutes: (app, ctx, portal) => registrationRoutes(app, ctx, portal, serviceFor(ctx)),
  staffRoutes: (app, ctx, shell) => releaseStaffRoutes(app, ctx, shell, serviceFor(ctx)),
  staffNav: [{ href: RELEASE_PATH, label: 'Jobmaster-Arbeitgeber zur Freigabe', order: 15 }],
  async housekeeping(ctx) {
    // unconfirmed registrations end after 30 days, with their company, contacts and answer
    await serviceFor(ctx).sweepUnconfirmed();
  },
};
