import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { sendHtml } from '../../core/http/render.ts';
import { InstallOverviewPage, InstallPlatformPage, type AppAddress } from './pages.tsx';
import { appInstallPath, PLATFORM_GUIDES } from './platforms.ts';
import { qrSvg } from './qr-svg.ts';

/**
 * The install pages of the 2-factor app inside a portal (its header, footer and cookie rules):
 * the overview and one page per system. Every portal with a device registration registers them.
 */
export async function appInstallRoutes(app: FastifyInstance, deps: PlatformDeps, chrome: PortalChrome) {
  const brand = deps.config.INSURER_BRAND;
  // read when asked, as the mails do: the public address may be settled only after the routes are (a free port)
  let drawn: AppAddress | undefined;
  async function address(): Promise<AppAddress> {
    const url = `${deps.config.publicUrl}/app/`;
    if (drawn?.url !== url) drawn = { url, qr: await qrSvg(url, `QR-Code der Adresse der ${brand} Zweifaktor App: ${url}`) };
    return drawn;
  }
  app.get(appInstallPath(chrome.base), async (_request, reply) => sendHtml(reply, <InstallOverviewPage chrome={chrome} brand={brand} address={await address()} />));
  for (const guide of PLATFORM_GUIDES) {
    app.get(appInstallPath(chrome.base, guide.platform), async (_request, reply) =>
      sendHtml(reply, <InstallPlatformPage chrome={chrome} brand={brand} guide={guide} address={await address()} />),
    );
  }
}
