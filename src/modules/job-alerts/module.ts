import type { Module } from '../../core/module.ts';
import type { PlatformDeps } from '../../core/deps.ts';
import { createJobAlerts, type JobAlerts } from './service.ts';
import { jobAlertsRoutes } from './portal-routes.tsx';
import { alertMail } from './mails.ts';
import { searchPath } from './words.ts';

const MODULE = 'job-alerts';

// one service per set of deps: the routes and the housekeeping share it
const services = new WeakMap<PlatformDeps, JobAlerts>();
function serviceFor(ctx: PlatformDeps): JobAlerts {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = createJobAlerts(ctx)));
  return service;
}

/**
 * The day's Suchauftrag mails (from 07:00 Europe/Berlin, at most one a day each, none without news).
 * It runs in the housekeeping, every 15 minutes; its links lead to the portal that lists this module.
 */
export async function runJobAlerts(ctx: PlatformDeps): Promise<number> {
  const portal = ctx.portals.all().find((p) => p.modules.includes(MODULE));
  if (!portal) return 0;
  return serviceFor(ctx).sendDue(
    (alert, hits, unsubscribeUrl) =>
      alertMail({ alert, hits, postingUrl: (id) => portal.url(`/stellen/${id}`), searchUrl: portal.url(searchPath('', alert.query)), unsubscribeUrl }),
    (id, sig) => portal.url(`/suchauftraege/abbestellen/${id}/${sig}`),
    portal.key,
  );
}

/** Manual 004: the job starter's Merkliste and Suchaufträge. */
export const jobAlertsModule: Module = {
  name: MODULE,
  portalRoutes: (app, ctx, portal, guards) => jobAlertsRoutes(app, ctx, portal, guards, serviceFor(ctx)),
  async housekeeping(ctx) {
    await runJobAlerts(ctx);
  },
};
