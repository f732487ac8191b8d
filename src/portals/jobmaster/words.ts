import type { PortalWords } from '../../modules/registration/mails.ts';

/** How the Jobmaster names itself in mails (manual 004: "eine E-Mail zur Bestätigung Ihrer Registrierung"). */
export function jobmasterWords(brand: string): PortalWords {
  return {
    brand,
    product: 'Jobmaster',
    role: 'Arbeitgeber',
    organisation: 'Ihres Unternehmens',
    subjects: { confirmation: 'Bestätigung Ihrer Registrierung im Jobmaster' },
  };
}
