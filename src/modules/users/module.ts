import type { Module } from '../../core/module.ts';
import { userRoutes } from './portal-routes.tsx';

/** "Nutzerverwaltung": the administrator invites, locks and removes the company's users; invitations expire. */
export const usersModule: Module = {
  name: 'users',
  portalRoutes: (app, ctx, portal) => userRoutes(app, ctx, portal),
  async housekeeping(ctx) {
    await ctx.companyUsers.sweepExpired();
  },
};
