import type { Module } from '../../core/module.ts';
import { ikRoutes } from './portal-routes.tsx';
import { providerBackofficeRoutes } from './staff-routes.tsx';
import { BO } from '../../core/staff/shell.tsx';

/**
 * "IK-Verwaltung" (manual 002): the further IK numbers a provider manages, each checked by staff;
 * the back office also lists the barrier reports sent from the portal.
 */
export const providerIksModule: Module = {
  name: 'provider-iks',
  portalRoutes: (app, ctx, portal, guards) => ikRoutes(app, ctx, portal, guards),
  staffRoutes: (app, ctx, shell) => providerBackofficeRoutes(app, ctx, shell.chrome, shell.requireStaff),
  staffNav: [
    { href: `${BO}/ik-nummern`, label: 'IK-Nummern', order: 50 },
    { href: `${BO}/barrieren`, label: 'Barriere-Meldungen', order: 70 },
  ],
  async housekeeping(ctx) {
    // IK requests without a certificate end after 30 days; requests of an IK activated for another provider are refused
    await ctx.providerIks.sweepExpiredRequests();
    const mail = ctx.portals.only('provider-iks').mails.ikDecision;
    if (mail) await ctx.providerIks.settleCompeting((input) => mail({ ...input, insurerName: ctx.insurers.find((i) => i.id === input.insurerId)?.name ?? '' }));
  },
};
