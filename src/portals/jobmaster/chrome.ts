import type { Config } from '../../config.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';

export const PORTAL = 'jobmaster';
export const BASE = '/jobmaster';

/** Manual 004's header ("Fachportal für …" with Login, Kontakt, Suche) and the footer the issue names. */
export function jobmasterChrome(config: Config): PortalChrome {
  return {
    name: `${config.INSURER_BRAND} Jobmaster`,
    tagline: 'Fachportal für Ausbildung und Beruf',
    // its English texts are not written yet
    germanOnly: true,
    base: BASE,
    home: `${BASE}/`,
    headerLinks: [
      { href: `${BASE}/login`, label: 'Login' },
      { href: `${BASE}/kontakt`, label: 'Kontakt' },
      { href: `${BASE}/suche`, label: 'Suche' },
    ],
    supportText: 'Fragen zum Jobmaster? Sie erreichen uns unter',
    supportPhone: config.SUPPORT_PHONE,
    supportEmail: config.SUPPORT_EMAIL,
    footerLinks: [
      { href: `${BASE}/kontakt`, label: 'Kontakt' },
      { href: `${BASE}/faq`, label: 'FAQ' },
      { href: `${BASE}/datenschutzhinweise`, label: 'Datenschutzhinweise' },
      { href: `${BASE}/nutzungsbedingungen`, label: 'Nutzungsbedingungen' },
      { href: `${BASE}/impressum`, label: 'Impressum' },
      { href: `${BASE}/barrierefreiheit`, label: 'Barrierefreiheit' },
    ],
  };
}
