import type { Module } from '../../core/module.ts';
import { jobmasterEmployerRoutes } from './portal-routes.tsx';
import { createJobmasterEmployers } from './service.ts';

/** Jobmaster (manual 004): the employer's "Unternehmensdaten" with the company logo, and "Ihre Ansprechpartner". */
export const jobmasterEmployersModule: Module = {
  name: 'jobmaster-employers',
  async portalRoutes(app, ctx, portal, guards) {
    await jobmasterEmployerRoutes(app, ctx, portal, guards);
  },
  async housekeeping(ctx) {
    await createJobmasterEmployers(ctx).sweepOrphanLogos();
  },
};
