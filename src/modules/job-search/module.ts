import type { Module } from '../../core/module.ts';
import { jobSearchRoutes } from './portal-routes.tsx';

/** The Jobmaster's public search: the search page, each posting's page and the sitemap. */
export const jobSearchModule: Module = {
  name: 'job-search',
  portalRoutes: (app, ctx, portal) => jobSearchRoutes(app, ctx, portal),
};
