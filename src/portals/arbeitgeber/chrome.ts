import type { Config } from '../../config.ts';
import type { PortalChrome } from '../../platform/ui/layout.tsx';

export const PORTAL = 'arbeitgeber';
export const BASE = '/arbeitgeber';

export function arbeitgeberChrome(config: Config): PortalChrome {
  return {
    name: `Mein ${config.INSURER_BRAND} Arbeitgeberservice`,
    base: BASE,
    home: `${BASE}/`,
    registration: {
      title: 'Registrierung Firmenkunde (Administrator)',
      product: 'Arbeitgeberservice',
      role: 'Firmenkunde (Administrator)',
      identifierLabel: 'Betriebsnummer',
    },
    supportPhone: config.SUPPORT_PHONE,
    supportEmail: config.SUPPORT_EMAIL,
    footerLinks: [
      { href: `${BASE}/nutzungsbedingungen`, label: 'Nutzungsbedingungen' },
      { href: `${BASE}/datenschutzhinweise`, label: 'Datenschutzhinweise' },
    ],
  };
}
