import type { Config } from '../../config.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { BASE } from './context.ts';
import { partnerRegistrationWords } from './words.ts';

/** Mein AOK Gesundheitspartnerservice: name, footer and contacts of manual 002's last page. */
export function partnerChrome(config: Config): PortalChrome {
  return {
    name: `Mein ${config.INSURER_BRAND} Gesundheitspartnerservice`,
    base: BASE,
    home: `${BASE}/`,
    registration: partnerRegistrationWords(config.INSURER_BRAND),
    footerName: true,
    footerContacts: [
      {
        text: 'Bei technischen Problemen wenden Sie sich bitte an unseren technischen Support:',
        email: config.PARTNER_SUPPORT_EMAIL,
        phone: config.PARTNER_SUPPORT_PHONE,
      },
      {
        text: 'Bei Fragen rund um das Thema Zahlungsavise können Sie folgendermaßen mit uns in Kontakt treten:',
        email: config.EAVIS_EMAIL,
        phone: config.EAVIS_PHONE,
        org: config.EAVIS_CONTACT,
      },
    ],
    footerLinks: [
      { href: `${BASE}/barrierefreiheit`, label: 'Barrierefreiheit' },
      { href: `${BASE}/barriere-melden`, label: 'Barriere melden' },
      { href: `${BASE}/hilfe`, label: 'Hilfe' },
      { href: `${BASE}/zwei-faktor-authentifizierung`, label: 'Download Zwei-Faktor-Authentifizierung' },
      { href: `${BASE}/nutzungsbedingungen`, label: 'Nutzungsbedingungen' },
      { href: `${BASE}/datenverarbeitungsbedingungen`, label: 'Datenverarbeitungsbedingungen' },
    ],
  };
}
