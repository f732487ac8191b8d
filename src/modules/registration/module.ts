import type { Module } from '../../core/module.ts';
import { BO } from '../../core/staff/shell.tsx';
import { certifiedPortal } from '../../core/portal/definition.ts';
import { registrationRoutes } from './portal-routes.tsx';
import { registrationStaffRoutes } from './staff-routes.tsx';

/** The administrator's registration in four steps, and the staff check that activates or rejects it. */
export const registrationModule: Module = {
  name: 'registration',
  async portalRoutes(app, ctx, portal) {
    await registrationRoutes(app, ctx, certifiedPortal(portal));
  },
  staffRoutes: (app, ctx, shell) => registrationStaffRoutes(app, ctx, shell),
  staffNav: [{ href: `${BO}/registrierungen`, label: 'Registrierungen', order: 10 }],
};
