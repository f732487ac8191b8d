import type { EpaRecords } from './epa-login/section.tsx';
import { documentScreens } from './documents/routes.tsx';
import { protocolRoutes } from './protocol/routes.tsx';
import { representationRoutes } from './representation/routes.tsx';
import { deviceRoutes } from './devices/routes.tsx';

/**
 * The record's screens behind the ePA login: "Dokumente" (where a finished login leads), "Protokoll"
 * and "Vertretung für Angehörige"; each takes the signed-in ePA from the same guard (`ctx.epa`).
 */
export const recordScreens: EpaRecords = {
  start: documentScreens.start,
  async routes(app, ctx) {
    await documentScreens.routes(app, ctx);
    protocolRoutes(app, ctx);
    representationRoutes(app, ctx);
    deviceRoutes(app, ctx);
  },
};
