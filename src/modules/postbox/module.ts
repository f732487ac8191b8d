import type { Module } from '../../core/module.ts';
import { postboxRoutes } from './portal-routes.tsx';
import { backofficePostboxRoutes } from './staff-routes.tsx';
import { BO } from '../../core/staff/shell.tsx';

/** The postbox between a company and its insurer: messages, answers, letters (PDF). */
export const postboxModule: Module = {
  name: 'postbox',
  portalRoutes: (app, ctx, portal) => postboxRoutes(app, ctx, portal),
  staffRoutes: (app, ctx, shell) => backofficePostboxRoutes(app, ctx, shell.chrome, shell.requireStaff),
  staffNav: [{ href: `${BO}/postfach`, label: 'Postfach', order: 40 }],
};
