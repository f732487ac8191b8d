import type { Module } from '../../core/module.ts';
import { jobmasterLoginRoutes } from './portal-routes.tsx';

/** Jobmaster (manual 004): Login without a second factor, Mein Konto with Loginverlauf, Passwort vergessen with the Kennwortfrage. */
export const jobmasterLoginModule: Module = {
  name: 'jobmaster-login',
  async portalRoutes(app, ctx, portal, guards) {
    await jobmasterLoginRoutes(app, ctx, portal, guards);
  },
};
