import type { Config } from '../../config.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { arbeitgeberRegistrationWords } from './words.ts';

export const PORTAL = 'arbeitgeber';
export const BASE = '/arbeitgeber';

export function arbeitgeberChrome(config: Config): PortalChrome {
  return {
    name: `Mein ${config.INSURER_BRAND} Arbeitgeberservice`,
    base: BASE,
    home: `${BASE}/`,
    registration: arbeitgeberRegistrationWords(config.INSURER_BRAND),
    // manual 000's last sentence
    supportText: 'Bei technischen Problemen auf der Website erreichen Sie uns unter',
    supportPhone: config.SUPPORT_PHONE,
    supportEmail: config.SUPPORT_EMAIL,
    footerLinks: [
      { href: `${BASE}/nutzungsbedingungen`, label: 'Nutzungsbedingungen' },
      { href: `${BASE}/datenschutzhinweise`, label: 'Datenschutzhinweise' },
    ],
  };
}
