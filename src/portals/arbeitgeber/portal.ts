import type { Config } from '../../config.ts';
import type { PortalDefinition, PortalServices } from '../../core/portal/definition.ts';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import { portalMails } from '../../modules/registration/mails.ts';
import { arbeitgeberConsents } from './consents.ts';
import { renderEmployerCertificate, certificateFileName } from './certificate.ts';
import { arbeitgeberChrome, BASE, PORTAL } from './chrome.ts';
import { arbeitgeberWords } from './words.ts';
import { employerCompanyFields } from './company-fields.tsx';
import { arbeitgeberPages } from './routes.tsx';

/** Mein AOK Arbeitgeberservice (manuals 000, 001): the shared modules with the employer's words, Betriebsnummer and certificate. */
export function arbeitgeberPortal(config: Config, _services: PortalServices): PortalDefinition {
  const chrome = arbeitgeberChrome(config);
  const url = (path: string) => `${config.publicUrl}${BASE}${path}`;
  const words = arbeitgeberWords(config.INSURER_BRAND);
  const identifierLabel = 'Betriebsnummer';
  return {
    key: PORTAL,
    base: BASE,
    name: chrome.name,
    bannerLabel: 'Arbeitgeberservice',
    chrome,
    words,
    wizardTitle: chrome.registration!.title,
    identifier: { label: identifierLabel, check: checkBetriebsnummer },
    company: employerCompanyFields(config.insurers, config.INSURER_BRAND),
    consents: arbeitgeberConsents(config.INSURER_BRAND),
    certificate: (registration, date) =>
      renderEmployerCertificate({ insurer: registration.insurer, betriebsnummer: registration.identifier, admin: registration.account, date, portalName: chrome.name }),
    certificateFileName,
    mails: portalMails(words, { url, identifierLabel }),
    // a company's postbox is keyed by its Betriebsnummer
    async postboxAddressee(identifier) {
      const bnr = checkBetriebsnummer(identifier);
      return bnr.ok ? { ok: true, company: bnr.value } : bnr;
    },
    url,
    pages: arbeitgeberPages,
    // the order in which their pages are mounted
    modules: ['registration', 'app-install', 'login', 'password-reset', 'postbox', 'users'],
  };
}
