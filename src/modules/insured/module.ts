import type { Module } from '../../core/module.ts';
import { insuredStaffRoutes } from './staff-routes.tsx';
import { INSURED_PATH } from './pages.tsx';

/**
 * Insured persons (Versicherte, manual 003) in the back office: search, create, import, lock, and the
 * registration for the ePA with its activation letter. The Ident app's activation uses the service
 * (deps.insured.activate).
 */
export const insuredModule: Module = {
  name: 'insured',
  staffRoutes: (app, ctx, shell) => insuredStaffRoutes(app, ctx, shell),
  // after "Zugänge": the people the AOK serves, beside the accounts of its portals
  staffNav: [{ href: INSURED_PATH, label: 'Versicherte', order: 35 }],
};
