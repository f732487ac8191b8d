import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';

const closing = (brand: string) => `Mit freundlichen Grüßen\nIhre ${brand} - Die Gesundheitskasse`;

/** 'YYYY-MM-DD' as '31.03.2027'. */
export const germanDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** A week before the deadline: one mail to the main contact, with the single-use "Verlängern" link. */
export function reminderMail(brand: string, title: string, deadline: string, link: string): MailMessage {
  return compose('Ihr Stellenangebot im Jobmaster läuft bald ab', [
    'Guten Tag,',
    `der Bewerbungsschluss Ihres Stellenangebots „${title}“ ist am ${germanDate(deadline)}. Danach wird das Stellenangebot automatisch deaktiviert und in der Suche nicht mehr angezeigt.`,
    'Wenn Sie weiter Bewerbungen erhalten möchten, können Sie den Bewerbungsschluss um 30 Tage verlängern:',
    { button: 'Verlängern', href: link },
    'Der Link gilt einmal und 14 Tage lang. Sie können den Bewerbungsschluss auch jederzeit in der Stellenverwaltung ändern.',
    closing(brand),
  ]);
}
