import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { ConsentPage } from '../../core/ui/consent-page.tsx';
import { AccessibilityPage, ContactPage, FaqPage, ImprintPage, StartPage } from './pages.tsx';
import type { JobmasterConsents } from './consents.ts';

/** The Jobmaster's own pages: start page, Kontakt, FAQ and the footer's texts, all public. */
export function jobmasterPages(consents: JobmasterConsents) {
  return async function pages(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
    const { base: BASE, chrome } = portal;
    const { INSURER_BRAND: brand, SUPPORT_PHONE: phone, SUPPORT_EMAIL: email } = deps.config;
    app.get(BASE, async (_request, reply) => seeOther(reply, `${BASE}/`));
    app.get(`${BASE}/`, async (_request, reply) => sendHtml(reply, <StartPage chrome={chrome} brand={brand} />));
    app.get(`${BASE}/kontakt`, async (_request, reply) => sendHtml(reply, <ContactPage chrome={chrome} brand={brand} phone={phone} email={email} />));
    app.get(`${BASE}/faq`, async (_request, reply) => sendHtml(reply, <FaqPage chrome={chrome} brand={brand} />));
    app.get(`${BASE}/impressum`, async (_request, reply) => sendHtml(reply, <ImprintPage chrome={chrome} brand={brand} phone={phone} email={email} />));
    app.get(`${BASE}/barrierefreiheit`, async (_request, reply) => sendHtml(reply, <AccessibilityPage chrome={chrome} email={email} />));
    for (const doc of [consents.terms, consents.privacy, consents.marketing]) {
      app.get(`${BASE}/${doc.id}`, async (_request, reply) => sendHtml(reply, <ConsentPage chrome={chrome} document={doc} />));
    }
  };
}
