import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { arbeitgeberConsents } from './consents.ts';
import { renderEmployerCertificate, certificateFileName } from './certificate.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { registrationRoutes } from '../../modules/registration/portal-routes.tsx';
import { appInstallRoutes } from '../../modules/app-install/portal-routes.tsx';
import { loginRoutes } from '../../modules/login/portal-routes.tsx';
import { passwordRoutes } from '../../modules/password-reset/portal-routes.tsx';
import { userRoutes } from '../../modules/users/portal-routes.tsx';
import { postboxNoticeMail } from '../../modules/registration/mails.ts';
import { arbeitgeberChrome, BASE, PORTAL } from './chrome.ts';
import { arbeitgeberWords } from './words.ts';
import { employerCompanyFields } from './company-fields.tsx';
import { StartPage } from './start-page.tsx';
import { postboxRoutes } from '../../modules/postbox/portal-routes.tsx';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import { dashboardRoutes } from './dashboard.tsx';

/** Mein AOK Arbeitgeberservice (manuals 000, 001): the shared portal pages with the employer's words and rules. */
export async function arbeitgeberRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const { config } = deps;
  const chrome = arbeitgeberChrome(config);
  const url = (path: string) => `${config.publicUrl}${BASE}${path}`;
  const words = arbeitgeberWords(config.INSURER_BRAND);
  const portal: PortalDefinition = {
    key: PORTAL,
    base: BASE,
    chrome,
    words,
    wizardTitle: chrome.registration!.title,
    identifierLabel: 'Betriebsnummer',
    company: employerCompanyFields(config.insurers, config.INSURER_BRAND),
    consents: arbeitgeberConsents(config.INSURER_BRAND),
    certificate: (registration, date) =>
      renderEmployerCertificate({ insurer: registration.insurer, betriebsnummer: registration.identifier, admin: registration.account, date, portalName: chrome.name }),
    certificateFileName,
    postboxNoticeMail: (input) => postboxNoticeMail(words, { ...input, postboxUrl: url('/postfach') }),
    // a company's postbox is keyed by its Betriebsnummer
    async postboxAddressee(identifier) {
      const bnr = checkBetriebsnummer(identifier);
      return bnr.ok ? { ok: true, company: bnr.value } : bnr;
    },
    url,
  };

  app.get(`${BASE}`, async (_request, reply) => seeOther(reply, `${BASE}/`));
  app.get(`${BASE}/`, async (_request, reply) => sendHtml(reply, <StartPage chrome={chrome} />));
  await registrationRoutes(app, deps, portal);
  // where the device step's four app buttons lead
  await appInstallRoutes(app, deps, chrome);
  const { requireAccount } = await loginRoutes(app, deps, portal);
  await passwordRoutes(app, deps, portal);
  await dashboardRoutes(app, deps, chrome, requireAccount);
  await postboxRoutes(app, deps, portal);
  await userRoutes(app, deps, portal);
}
