import type { Module } from '../../core/module.ts';
import { jobmasterEmployerRoutes } from './portal-routes.tsx';
import { createJobmasterEmployers } from './service.ts';

export const MODULE = 'jobmaster-employers';

/** Jobmaster (manual 004): the employer's "Unternehmensdaten" with the company logo, and "Ihre Ansprechpartner". */
export const jobmasterEmployersModule: Module = {
  name: MODULE,
  async portalRoutes(app, ctx, portal, guards) {
    await jobmasterEmployerRoutes(app, ctx, portal, guards);
  },
  async housekeeping(ctx) {
    // the sweep reads no portal; the service only needs one to be made
    const portal = ctx.portals.using(MODULE)[0];
    if (portal) await createJobmasterEmployers(ctx, portal.key).sweepOrphanLogos();
  },
};
