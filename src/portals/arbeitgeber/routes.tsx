import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../platform/deps.ts';
import { seeOther, sendHtml } from '../../platform/http/render.ts';
import { arbeitgeberConsents } from './consents.ts';
import { renderEmployerCertificate, certificateFileName } from '../../platform/pdf/certificate.ts';
import type { PortalDefinition } from '../../platform/portal/definition.ts';
import { registrationRoutes } from '../../platform/portal/registration/routes.tsx';
import { appInstallRoutes } from '../../platform/portal/app-install/routes.tsx';
import { loginRoutes } from '../../platform/portal/login/routes.tsx';
import { passwordRoutes } from '../../platform/portal/login/password-routes.tsx';
import { userRoutes } from '../../platform/portal/users/routes.tsx';
import { postboxNoticeMail } from '../../platform/portal/registration/mails.ts';
import { arbeitgeberChrome, BASE, PORTAL } from './chrome.ts';
import { arbeitgeberWords } from './words.ts';
import { employerCompanyFields } from './company-fields.tsx';
import { StartPage } from './start-page.tsx';
import { postboxRoutes } from '../../platform/portal/postbox/routes.tsx';
import { checkBetriebsnummer } from '../../platform/identifiers/checks.ts';
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
