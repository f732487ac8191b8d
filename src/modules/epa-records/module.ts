import type { Module } from '../../core/module.ts';
import { epaRecordsStaffRoutes } from './staff-routes.tsx';

/**
 * The documents of each insured person's ePA (issue 15 §5): the service is `deps.epaRecords` (the ePA
 * client's API calls it); the back office gets "Patientenakte" on an insured person's page.
 */
export const epaRecordsModule: Module = {
  name: 'epa-records',
  staffRoutes: (app, ctx, shell) => epaRecordsStaffRoutes(app, ctx, shell),
};
