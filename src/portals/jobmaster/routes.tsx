import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { ConsentPage } from '../../core/ui/consent-page.tsx';
import { AccessibilityPage, ContactPage, FaqPage, ImprintPage, StartPage } from './pages.tsx';
import type { JobmasterConsents } from './consents.ts';
import { chromeFor } from '../../modules/jobmaster-login/chrome.ts';

/** The Jobmaster's own pages: start page, Kontakt, FAQ and the footer's texts, all public, with the header of whoever is signed in. */
export function jobmasterPages(consents: JobmasterConsents) {
  return async function pages(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
    const { base: BASE } = portal;
    const chromeOf = chromeFor(deps, portal);
    const { INSURER_BRAND: brand, SUPPORT_PHONE: phone, SUPPORT_EMAIL: email } = deps.config;
    app.get(BASE, async (_request, reply) => seeOther(reply, `${BASE}/`));
    app.get(`${BASE}/`, async (request, reply) => sendHtml(reply, <StartPage chrome={await chromeOf(request)} brand={brand} />));
    app.get(`${BASE}/kontakt`, async (request, reply) => sendHtml(reply, <ContactPage chrome={await chromeOf(request)} brand={brand} phone={phone} email={email} />));
    app.get(`${BASE}/faq`, async (request, reply) => sendHtml(reply, <FaqPage chrome={await chromeOf(request)} brand={brand} />));
    app.get(`${BASE}/impressum`, async (request, reply) => sendHtml(reply, <ImprintPage chrome={await chromeOf(request)} brand={brand} phone={phone} email={email} />));
    app.get(`${BASE}/barrierefreiheit`, async (request, reply) => sendHtml(reply, <AccessibilityPage chrome={await chromeOf(request)} email={email} />));
    for (const doc of [consents.terms, consents.privacy, consents.marketing]) {
      app.get(`${BASE}/${doc.id}`, async (request, reply) => sendHtml(reply, <ConsentPage chrome={await chromeOf(request)} document={doc} />));
    }
  };
}
