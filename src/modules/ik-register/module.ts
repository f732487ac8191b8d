import type { Module } from '../../core/module.ts';
import { ikRegisterRoutes } from './staff-routes.tsx';
import { BO } from '../../core/staff/shell.tsx';

/** The register of institutions by IK: imported by administrators, looked up by the provider portal's forms. */
export const ikRegisterModule: Module = {
  name: 'ik-register',
  staffRoutes: (app, ctx, shell) => ikRegisterRoutes(app, ctx, shell.chrome, shell.requireAdmin),
  staffNav: [{ href: `${BO}/ik-register`, label: 'IK-Register', adminOnly: true, order: 80 }],
};
