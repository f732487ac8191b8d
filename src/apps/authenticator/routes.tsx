import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { sendHtml } from '../../core/http/render.ts';
import { installableAppRoutes } from '../installable.ts';
import { AppPage, APP_NAME } from './page.tsx';

/** The installable 2-factor app: one page, its manifest and its service worker; and the terminal program's page. */
export async function authenticatorAppRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const brand = deps.config.INSURER_BRAND;
  const identity = {
    name: `${brand} Zweifaktor App`,
    shortName: `${brand} 2FA`,
    description: `Sicherheitscodes für die Anmeldung an den Online-Portalen Ihrer ${brand}`,
    path: '/app/',
    icon: '/assets/app-icon.svg',
  };
  installableAppRoutes(app, identity, () => <AppPage brand={brand} />, 'build/authenticator-sw.js');
  app.get('/app/cli', async (_request, reply) => sendHtml(reply, <AppPage brand={brand} cli={{ server: deps.config.publicUrl }} />));
}

export { APP_NAME };
