import type { Module } from '../../core/module.ts';
import { passwordRoutes } from './portal-routes.tsx';

/** "Passwort vergessen": a new password by a link in a mail. */
export const passwordResetModule: Module = {
  name: 'password-reset',
  portalRoutes: (app, ctx, portal) => passwordRoutes(app, ctx, portal),
};
