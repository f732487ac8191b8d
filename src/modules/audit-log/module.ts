import type { Module } from '../../core/module.ts';
import { BO } from '../../core/staff/shell.tsx';
import { protocolStaffRoutes } from './staff-routes.tsx';

/** "Protokoll": the audit log, read only, for administrators. */
export const auditLogModule: Module = {
  name: 'audit-log',
  staffRoutes: (app, ctx, shell) => protocolStaffRoutes(app, ctx, shell),
  staffNav: [{ href: `${BO}/protokoll`, label: 'Protokoll', adminOnly: true, order: 100 }],
};
