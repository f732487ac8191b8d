import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';

const BERLIN = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "07.12.2026, 21:47 Uhr" in Europe/Berlin. */
export function berlinTime(date: Date): string {
  return `${BERLIN.format(date)} Uhr`;
}

/**
 * "Endgerät freischalten": the six-digit Bestätigungscode for a device of the person's ePA. The mail
 * names when, from which address and on what kind of device it was asked for, all as the server saw
 * them: the name the requester typed for the device is not in it, so nobody who holds the person's
 * login can dress up the request as the person's own ("Ihr Laptop") or put words of their own into it.
 */
export function deviceCodeMail(input: { brand: string; device: string; ip: string; code: string; requestedAt: Date; expiresAt: Date }): MailMessage {
  return compose('Ihr Bestätigungscode für die elektronische Patientenakte (ePA)', [
    'Guten Tag,',
    'für Ihre elektronische Patientenakte (ePA) soll ein neues Gerät freigeschaltet werden:',
    `Zeitpunkt: ${berlinTime(input.requestedAt)}\nIP-Adresse: ${input.ip}\nGerät: ${input.device}`,
    `Ihr Bestätigungscode lautet: ${input.code}`,
    `Bitte geben Sie den Bestätigungscode im ePA Desktop Client an. Er gilt 6 Stunden, bis ${berlinTime(input.expiresAt)}, und nur für dieses Gerät.`,
    'Wenn Sie das nicht waren, geben Sie den Code an niemanden weiter, auch nicht am Telefon: Die AOK fragt Sie nie danach. Dann hat sich jemand mit Ihren Zugangsdaten angemeldet. Bitte wenden Sie sich umgehend an Ihre AOK, damit Ihr Zugang gesperrt wird.',
    `Mit freundlichen Grüßen\nIhre ${input.brand} - Die Gesundheitskasse`,
  ]);
}
