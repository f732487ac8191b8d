import type { Module } from '../../core/module.ts';
import { appInstallRoutes } from './portal-routes.tsx';

/** Where the device step's app buttons and the footer's "Download Zwei-Faktor-Authentifizierung" lead. */
export const appInstallModule: Module = {
  name: 'app-install',
  portalRoutes: (app, ctx, portal) => appInstallRoutes(app, ctx, portal.chrome),
};
