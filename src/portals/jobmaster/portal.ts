import type { Config } from '../../config.ts';
import type { PortalDefinition, PortalServices } from '../../core/portal/definition.ts';
import { checkBetriebsnummer } from '../../core/identifiers/checks.ts';
import { jobmasterChrome, BASE, PORTAL } from './chrome.ts';
import { jobmasterWords } from './words.ts';
import { jobmasterConsents } from './consents.ts';
import { jobmasterMails } from './mails.ts';
import { jobmasterPages } from './routes.tsx';

/**
 * AOK Jobmaster (manual 004): employers, checked by their Betriebsnummer and released by the
 * insurer, publish offers; job starters find them. No certificate and no device: it lists no
 * module of the certified registration.
 */
export function jobmasterPortal(config: Config, _services: PortalServices): PortalDefinition {
  const chrome = jobmasterChrome(config);
  const url = (path: string) => `${config.publicUrl}${BASE}${path}`;
  const consents = jobmasterConsents(config.INSURER_BRAND);
  const modules = ['jobmaster-login', 'jobmaster-registration', 'job-search', 'job-postings', 'jobmaster-account', 'job-alerts', 'jobmaster-employers'];
  return {
    key: PORTAL,
    base: BASE,
    name: chrome.name,
    bannerLabel: 'Jobmaster',
    chrome,
    words: jobmasterWords(config.INSURER_BRAND),
    identifier: { label: 'Betriebsnummer', check: checkBetriebsnummer },
    consents,
    mails: jobmasterMails({ brand: config.INSURER_BRAND, url }),
    url,
    pages: jobmasterPages(consents),
    modules,
    // released employers go to their offers and see their company as "Persönliche Daten", where the portal shows those modules
    landingAfterLogin: ({ released }) => (released && modules.includes('job-postings') ? '/stellenverwaltung' : '/konto'),
    personalDataPage: (role) => (role === 'employer' && modules.includes('jobmaster-employers') ? '/unternehmen' : null),
  };
}
