import type { Module } from '../../core/module.ts';

/**
 * The insured's Protokoll of their ePA (issue 15 §7); its service is `deps.epaProtocol`. Its part of
 * the housekeeping deletes entries older than three years, in batches.
 */
export const epaProtocolModule: Module = {
  name: 'epa-protocol',
  async housekeeping(ctx) {
    await ctx.epaProtocol.sweep();
  },
};
