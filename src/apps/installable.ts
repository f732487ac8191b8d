import type { FastifyInstance } from 'fastify';
import { sendHtml } from '../core/http/render.ts';

/** What differs between the installable apps' manifests; the rest is the house's. */
export interface AppIdentity {
  name: string;
  shortName: string;
  description: string;
  /** the app's page and scope, with its trailing slash: '/app/' */
  path: string;
  /** an SVG under /assets */
  icon: string;
}

function manifest(app: AppIdentity) {
  return {
    name: app.name,
    short_name: app.shortName,
    description: app.description,
    lang: 'de',
    start_url: app.path,
    scope: app.path,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#005e3f',
    icons: [{ src: app.icon, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
}

/**
 * An installable app's routes: its one page (the path without its slash leads there), its manifest,
 * and its service worker, served from the app's path so that its scope is the app.
 */
export function installableAppRoutes(app: FastifyInstance, identity: AppIdentity, page: () => JSX.Element, serviceWorker: string): void {
  const { path } = identity;
  app.get(path.slice(0, -1), async (_request, reply) => reply.code(301).header('location', path).send());
  app.get(path, async (_request, reply) => sendHtml(reply, page()));
  app.get(`${path}manifest.webmanifest`, async (_request, reply) => reply.type('application/manifest+json; charset=utf-8').send(JSON.stringify(manifest(identity))));
  app.get(`${path}sw.js`, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', path).sendFile(serviceWorker),
  );
}
