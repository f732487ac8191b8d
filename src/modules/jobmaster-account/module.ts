import type { Module } from '../../core/module.ts';
import { jobmasterAccountRoutes } from './portal-routes.tsx';

/** Jobmaster (manual 004) "Konto": Passwort, E-Mail Adresse, Einwilligungen, Hauptansprechpartner wechseln, Profil löschen. */
export const jobmasterAccountModule: Module = {
  name: 'jobmaster-account',
  async portalRoutes(app, ctx, portal, guards) {
    await jobmasterAccountRoutes(app, ctx, portal, guards);
  },
};
