import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { installableAppRoutes } from '../installable.ts';
import { IdentAppPage, IDENT_APP_PATH } from './page.tsx';

/** The installable AOK Ident app (manual 003): one page, its manifest and its service worker. */
export async function identAppRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const brand = deps.config.INSURER_BRAND;
  const identity = {
    name: `${brand} Ident`,
    shortName: `${brand} Ident`,
    description: 'Anmeldung in Ihrer elektronischen Patientenakte (ePA) mit Ihrem GesundheitsID-Code',
    path: IDENT_APP_PATH,
    icon: '/assets/ident-icon.svg',
  };
  installableAppRoutes(app, identity, () => <IdentAppPage brand={brand} />, 'build/ident-sw.js');
}
