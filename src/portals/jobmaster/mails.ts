import type { PortalMails } from '../../core/portal/definition.ts';
import { compose } from '../../modules/registration/mails.ts';

const closing = (brand: string) => `Mit freundlichen Grüßen\nIhre ${brand} - Die Gesundheitskasse`;

/**
 * The insurer's decision on an employer's registration. The release says what manual 004 promises:
 * "… dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können", with the login link.
 * Links are made when a mail is, as the public address may be known only once the server listens.
 */
export function jobmasterMails(input: { brand: string; url: (path: string) => string }): PortalMails {
  return {
    activation: ({ insurerName }) =>
      compose('Ihre Registrierung im Jobmaster wurde freigegeben', [
        'Guten Tag,',
        `Ihre ${insurerName || input.brand} hat Ihre Registrierung im Jobmaster geprüft und freigegeben. Das bedeutet, dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können.`,
        'Loggen Sie sich dazu im Jobmaster ein. Sie sehen direkt in der Navigationsleiste den Punkt „Stellenverwaltung“.',
        { button: 'Zum Login', href: input.url('/login') },
        closing(insurerName || input.brand),
      ]),
    rejection: ({ insurerName, reason }) =>
      compose('Ihre Registrierung im Jobmaster wurde nicht freigegeben', [
        'Guten Tag,',
        `Ihre ${insurerName || input.brand} konnte Ihre Registrierung im Jobmaster leider nicht freigeben.`,
        `Grund: ${reason}`,
        'Wenn Sie Fragen haben oder Ihre Angaben korrigieren möchten, wenden Sie sich bitte an uns oder registrieren Sie sich erneut.',
        { link: 'Zur Registrierung', href: input.url('/registrierung') },
        closing(insurerName || input.brand),
      ]),
  };
}
