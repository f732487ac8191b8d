import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { StartPage } from './start-page.tsx';
import { dashboardRoutes } from './dashboard.tsx';

/** The employer portal's own pages: the start page and the dashboard (manual 001 step 6). */
export async function arbeitgeberPages(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { base: BASE, chrome } = portal;
  app.get(`${BASE}`, async (_request, reply) => seeOther(reply, `${BASE}/`));
  app.get(`${BASE}/`, async (_request, reply) => sendHtml(reply, <StartPage chrome={chrome} />));
  await dashboardRoutes(app, deps, chrome, guards);
}
