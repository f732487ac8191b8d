import type { Module } from '../../core/module.ts';

/**
 * Who may call the ePA record service: its API is mounted by composition.ts at /epa/api/v1 (api.ts);
 * its housekeeping turns registrations whose code ran out into failures and deletes what is past use.
 */
export const epaAccessModule: Module = {
  name: 'epa-access',
  async housekeeping(ctx) {
    await ctx.epaAccess.sweep();
  },
};
