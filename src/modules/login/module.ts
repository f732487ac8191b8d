import type { Module } from '../../core/module.ts';
import { loginRoutes } from './portal-routes.tsx';

/** Login with password and security code, logout (manual 001). */
export const loginModule: Module = {
  name: 'login',
  async portalRoutes(app, ctx, portal) {
    await loginRoutes(app, ctx, portal);
  },
  async housekeeping(ctx) {
    await ctx.login.sweepAttempts();
  },
};
