import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';
import { berlinTime } from '../epa-access/mails.ts';

const WHERE = 'im ePA Desktop Client unter „Vertretung für Angehörige“';
const signed = (brand: string) => `Mit freundlichen Grüßen\nIhre ${brand} - Die Gesundheitskasse`;

/** To the person named (only when KVNR and e-mail matched a person registered for the ePA). */
export function invitationMail(input: { brand: string; fromName: string; at: Date }): MailMessage {
  return compose('Sie wurden als Vertretung für eine elektronische Patientenakte (ePA) benannt', [
    'Guten Tag,',
    `${input.fromName} hat Sie am ${berlinTime(input.at)} als Vertretung für die elektronische Patientenakte (ePA) benannt.`,
    `Wenn Sie die Vertretung übernehmen wollen, melden Sie sich in Ihrem eigenen ePA Desktop Client an und bestätigen Sie sie ${WHERE}. Erst dann können Sie für diese Person handeln; jeder Ihrer Zugriffe steht in ihrem Protokoll und in Ihrem.`,
    `Wenn Sie die Person nicht kennen oder die Vertretung nicht übernehmen wollen, lehnen Sie sie dort ab oder beachten Sie diese E-Mail nicht.`,
    signed(input.brand),
  ]);
}

/** To the represented person: the representative confirmed. */
export function confirmedMail(input: { brand: string; representativeName: string; at: Date }): MailMessage {
  return compose('Ihre Vertretung für die elektronische Patientenakte (ePA) wurde bestätigt', [
    'Guten Tag,',
    `${input.representativeName} hat am ${berlinTime(input.at)} die Vertretung für Ihre elektronische Patientenakte (ePA) bestätigt und kann nun in Ihrem Namen auf sie zugreifen. Jeder Zugriff steht in Ihrem Protokoll.`,
    `Sie können die Vertretung jederzeit ${WHERE} widerrufen.`,
    'Wenn Sie niemanden als Vertretung benannt haben, widerrufen Sie sie bitte sofort und wenden Sie sich an Ihre AOK.',
    signed(input.brand),
  ]);
}

/** To the other side when one side ends a representation (or an invitation). */
export function endedMail(input: { brand: string; byName: string; at: Date; by: 'insured' | 'representative'; wasConfirmed: boolean }): MailMessage {
  const what =
    input.by === 'insured'
      ? input.wasConfirmed
        ? `${input.byName} hat am ${berlinTime(input.at)} Ihre Vertretung für ihre bzw. seine elektronische Patientenakte (ePA) widerrufen. Sie können nicht mehr für diese Person auf die ePA zugreifen.`
        : `${input.byName} hat am ${berlinTime(input.at)} die Benennung als Vertretung für die elektronische Patientenakte (ePA) zurückgezogen.`
      : input.wasConfirmed
        ? `${input.byName} hat am ${berlinTime(input.at)} die Vertretung für Ihre elektronische Patientenakte (ePA) beendet und kann nicht mehr in Ihrem Namen auf sie zugreifen.`
        : `${input.byName} hat am ${berlinTime(input.at)} die Vertretung für Ihre elektronische Patientenakte (ePA) abgelehnt.`;
  return compose('Vertretung für die elektronische Patientenakte (ePA) beendet', ['Guten Tag,', what, signed(input.brand)]);
}
