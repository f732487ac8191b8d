import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { sendHtml } from '../../core/http/render.ts';
import { AppPage, APP_NAME } from './page.tsx';

const manifest = (brand: string) => ({
  name: `${brand} Zweifaktor App`,
  short_name: `${brand} 2FA`,
  description: `Sicherheitscodes für die Anmeldung an den Online-Portalen Ihrer ${brand}`,
  lang: 'de',
  start_url: '/app/',
  scope: '/app/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#005e3f',
  icons: [{ src: '/assets/app-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
});

/** The installable 2-factor app: one page, its manifest and its service worker. */
export async function authenticatorAppRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const brand = deps.config.INSURER_BRAND;
  app.get('/app', async (_request, reply) => reply.code(301).header('location', '/app/').send());
  app.get('/app/', async (_request, reply) => sendHtml(reply, <AppPage brand={brand} />));
  app.get('/app/manifest.webmanifest', async (_request, reply) =>
    reply.type('application/manifest+json; charset=utf-8').send(JSON.stringify(manifest(brand))),
  );
  // served from /app/ so that its scope is the app
  app.get('/app/sw.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/app/').sendFile('build/authenticator-sw.js'),
  );
  app.get('/app/cli', async (_request, reply) => sendHtml(reply, <AppPage brand={brand} cli={{ server: deps.config.publicUrl }} />));
}

export { APP_NAME };
