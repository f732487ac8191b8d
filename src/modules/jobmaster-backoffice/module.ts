import type { Module } from '../../core/module.ts';
import { employerStaffRoutes, EMPLOYERS_PATH } from './staff-routes.tsx';
import { createEmployerBackoffice } from './service.ts';

/**
 * The insurer's back office for the job board (manual 004): its employers with their contacts,
 * history and postings, and taking a posting off the board with a reason. Staff pages only.
 */
export const jobmasterBackofficeModule: Module = {
  name: 'jobmaster-backoffice',
  staffRoutes: (app, ctx, shell) => employerStaffRoutes(app, ctx, shell, createEmployerBackoffice(ctx)),
  // right after the release work list
  staffNav: [{ href: EMPLOYERS_PATH, label: 'Jobmaster-Arbeitgeber', order: 16 }],
};
