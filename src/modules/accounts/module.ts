import type { Module } from '../../core/module.ts';
import { BO } from '../../core/staff/shell.tsx';
import { accountStaffRoutes } from './staff-routes.tsx';

/** The accounts of every portal as staff see them: search, lock, device reset, and the holders' reset requests. */
export const accountsModule: Module = {
  name: 'accounts',
  staffRoutes: (app, ctx, shell) => accountStaffRoutes(app, ctx, shell),
  staffNav: [
    { href: `${BO}/geraete-ruecksetzungen`, label: 'Geräte-Rücksetzungen', order: 20 },
    { href: `${BO}/zugaenge`, label: 'Zugänge', order: 30 },
  ],
};
