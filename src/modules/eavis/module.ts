import type { Module } from '../../core/module.ts';
import { eavisRoutes } from './portal-routes.tsx';
import { eavisBackofficeRoutes } from './staff-routes.tsx';
import { BO } from '../../core/staff/shell.tsx';

/** The electronic payment advice (eAvis): applied for per IK, confirmed and published by staff, read by the provider. */
export const eavisModule: Module = {
  name: 'eavis',
  portalRoutes: (app, ctx, portal, guards) => eavisRoutes(app, ctx, portal, guards),
  staffRoutes: eavisBackofficeRoutes,
  staffNav: [{ href: `${BO}/zahlungsavise`, label: 'Zahlungsavise', order: 60 }],
};
