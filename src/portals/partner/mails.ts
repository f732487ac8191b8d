import type { MailMessage } from '../../core/mail/outbox.ts';
import { AUTOMATIC, button, html, p } from '../../modules/registration/mails.ts';
import { escapeHtml } from '@kitajs/html';

/** Manual 002 §2.4, word for word, with the button "Zur Startseite". */
export function partnerActivationMail(input: { brand: string; homeUrl: string }): MailMessage {
  const lines = [
    'Guten Tag,',
    'Ihre Registrierung als Leistungserbringer (Administrator) wurde erfolgreich abgeschlossen.',
    `Sie können sich über den nachfolgenden Link nun bei "Mein ${input.brand} Gesundheitspartnerservice" anmelden.`,
    'Für den Login benutzen Sie Ihre bereits bekannten Daten.',
    `Mit freundlichen Grüßen\nIhre ${input.brand} - Die Gesundheitskasse`,
  ];
  return {
    subject: `Ihre Registrierung für „Mein ${input.brand} Gesundheitspartnerservice“ ist abgeschlossen`,
    text: [lines[0], lines[1], lines[2], lines[3], `Zur Startseite: ${input.homeUrl}`, lines[4], AUTOMATIC].join('\n\n'),
    html: html([p(lines[0]!), p(lines[1]!), p(lines[2]!), p(lines[3]!), button(input.homeUrl, 'Zur Startseite'), p(lines[4]!), `<p style="color:#555;font-size:13px">${escapeHtml(AUTOMATIC)}</p>`]),
  };
}

/** The insurer's decision on a further IK number (IK-Verwaltung). */
export function ikDecisionMail(input: { brand: string; insurerName: string; ik: string; institution: string | null; approved: boolean; reason?: string; url: string }): MailMessage {
  const what = `die IK-Nummer ${input.ik}${input.institution ? ` (${input.institution})` : ''}`;
  const lines = input.approved
    ? ['Guten Tag,', `Ihre ${input.brand} hat ${what} geprüft und für Ihren Zugang zu „Mein ${input.brand} Gesundheitspartnerservice“ freigeschaltet.`]
    : ['Guten Tag,', `Ihre ${input.brand} konnte ${what} leider nicht freischalten. Grund: ${input.reason ?? ''}`, 'Sie können die IK-Nummer in der IK-Verwaltung mit einer neuen, vollständig ausgefüllten und unterschriebenen Arbeitgeberbescheinigung erneut hinzufügen.'];
  const closing = `Mit freundlichen Grüßen\nIhre ${input.insurerName || input.brand} - Die Gesundheitskasse`;
  return {
    subject: input.approved ? `IK-Nummer ${input.ik} freigeschaltet` : `IK-Nummer ${input.ik} nicht freigeschaltet`,
    text: [...lines, `Zur IK-Verwaltung: ${input.url}`, closing, AUTOMATIC].join('\n\n'),
    html: html([...lines.map((l) => p(l)), button(input.url, 'Zur IK-Verwaltung'), p(closing), `<p style="color:#555;font-size:13px">${escapeHtml(AUTOMATIC)}</p>`]),
  };
}
