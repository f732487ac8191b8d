import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';

const BERLIN = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "07.12.2026, 21:47 Uhr" in Europe/Berlin. */
export function berlinTime(date: Date): string {
  return `${BERLIN.format(date)} Uhr`;
}

/** "Endgerät freischalten": the six-digit Bestätigungscode for a device of the person's ePA. */
export function deviceCodeMail(input: { brand: string; deviceName: string; code: string; requestedAt: Date; expiresAt: Date }): MailMessage {
  return compose('Ihr Bestätigungscode für die elektronische Patientenakte (ePA)', [
    'Guten Tag,',
    `für Ihre elektronische Patientenakte (ePA) soll am ${berlinTime(input.requestedAt)} ein neues Gerät freigeschaltet werden: „${input.deviceName}“.`,
    `Ihr Bestätigungscode lautet: ${input.code}`,
    `Bitte geben Sie den Bestätigungscode im ePA Desktop Client an. Er gilt 6 Stunden, bis ${berlinTime(input.expiresAt)}, und nur für dieses Gerät.`,
    'Wenn Sie kein Gerät freischalten wollten, geben Sie den Code nicht weiter und wenden Sie sich an Ihre AOK: Dann hat sich jemand mit Ihren Zugangsdaten angemeldet.',
    `Mit freundlichen Grüßen\nIhre ${input.brand} - Die Gesundheitskasse`,
  ]);
}
