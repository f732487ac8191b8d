/**
 * The eAvis mails of the Gesundheitspartnerservice (manual 002: "Beantragung und Beendigung
 * des elektronischen Zahlungsavises", "Abruf … der bereitgestellten Zahlungsavise").
 * The announcement of a new advice says only that there is one: no amount, no number, no IK.
 */
import { escapeHtml } from '@kitajs/html';
import type { MailMessage } from '../../core/mail/outbox.ts';

const AUTOMATIC =
  'Dies ist eine automatisch erzeugte E-Mail. Bitte antworten Sie nicht hierauf, da uns Ihre Nachricht auf diesem Wege nicht erreicht. Bitte nutzen Sie den auf der Website ausgewiesenen technischen Support.';

export interface EavisMailContext {
  /** "Mein AOK Gesundheitspartnerservice" */
  portalName: string;
  /** "AOK" */
  brand: string;
  /** the insurer that looks after the IK, e.g. "AOK Bayern" (signature) */
  insurerName: string;
}

function button(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#005e3f;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`;
}

const p = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

function compose(subject: string, before: string[], link: { label: string; href: string }, after: string[], ctx: EavisMailContext): MailMessage {
  const closing = `Mit freundlichen Grüßen\nIhre ${ctx.insurerName || ctx.brand} - Die Gesundheitskasse`;
  return {
    subject,
    text: [...before, `${link.label}: ${link.href}`, ...after, closing, AUTOMATIC].join('\n\n'),
    html: `<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">${[
      ...before.map(p),
      button(link.href, link.label),
      ...after.map(p),
      p(closing),
      `<p style="color:#555;font-size:13px">${escapeHtml(AUTOMATIC)}</p>`,
    ].join('\n')}</body></html>`,
  };
}

const ikText = (ik: string, institution: string | null) => (institution ? `${ik} (${institution})` : ik);

/** The LE-Admin applied for the eAvis, or asked to end it: received, the insurer checks it. */
export function applicationReceivedMail(ctx: EavisMailContext & { kind: 'apply' | 'end'; ik: string; institution: string | null; link: string }): MailMessage {
  const what = ctx.kind === 'apply' ? 'die Teilnahme am elektronischen Zahlungsavis (eAvis)' : 'die Beendigung des elektronischen Zahlungsavises (eAvis)';
  return compose(
    ctx.kind === 'apply' ? 'Ihr Antrag auf das elektronische Zahlungsavis ist eingegangen' : 'Ihr Antrag auf Beendigung des elektronischen Zahlungsavises ist eingegangen',
    [
      'Guten Tag,',
      `für das IK ${ikText(ctx.ik, ctx.institution)} wurde in „${ctx.portalName}“ ${what} beantragt. Ihre ${ctx.brand} prüft den Antrag; Sie erhalten eine E-Mail, sobald er bearbeitet ist.`,
      'Den Stand sehen Sie jederzeit in der IK-Verwaltung:',
    ],
    { label: 'Zur IK-Verwaltung', href: ctx.link },
    ['Wenn Sie diesen Antrag nicht gestellt haben, wenden Sie sich bitte an Ihre AOK.'],
    ctx,
  );
}

/** The insurer decided: the eAvis is now active / ended, or the request was refused. */
export function decisionMail(ctx: EavisMailContext & { kind: 'apply' | 'end'; approved: boolean; ik: string; institution: string | null; link: string }): MailMessage {
  const ik = ikText(ctx.ik, ctx.institution);
  const [subject, text] =
    ctx.kind === 'apply'
      ? ctx.approved
        ? ['Das elektronische Zahlungsavis ist freigeschaltet', `Ihre ${ctx.brand} hat Ihren Antrag bestätigt: Für das IK ${ik} stellen wir Ihnen Zahlungsavise ab sofort elektronisch in „${ctx.portalName}“ bereit. Über jedes neue Zahlungsavis informieren wir Sie per E-Mail.`]
        : ['Ihr Antrag auf das elektronische Zahlungsavis wurde abgelehnt', `Ihre ${ctx.brand} konnte Ihren Antrag auf das elektronische Zahlungsavis für das IK ${ik} leider nicht bestätigen. Bei Fragen wenden Sie sich bitte an Ihre AOK.`]
      : ctx.approved
        ? ['Das elektronische Zahlungsavis ist beendet', `Ihre ${ctx.brand} hat die Beendigung bestätigt: Für das IK ${ik} werden keine Zahlungsavise mehr elektronisch bereitgestellt. Bereits bereitgestellte Zahlungsavise bleiben im Portal abrufbar.`]
        : ['Ihr Antrag auf Beendigung des elektronischen Zahlungsavises wurde abgelehnt', `Ihre ${ctx.brand} konnte die Beendigung des elektronischen Zahlungsavises für das IK ${ik} nicht bestätigen; das eAvis bleibt aktiv. Bei Fragen wenden Sie sich bitte an Ihre AOK.`];
  return compose(subject, ['Guten Tag,', text], { label: 'Zur IK-Verwaltung', href: ctx.link }, [], ctx);
}

/** A new payment advice: that there is one, and where to find it. Nothing of its content. */
export function announcementMail(ctx: EavisMailContext & { link: string; several?: boolean }): MailMessage {
  const what = ctx.several ? 'liegen neue Zahlungsavise' : 'liegt ein neues Zahlungsavis';
  return compose(
    ctx.several ? 'Neue Zahlungsavise im Portal' : 'Neues Zahlungsavis im Portal',
    [
      'Guten Tag,',
      `in „${ctx.portalName}“ ${what} Ihrer ${ctx.brand} für Sie bereit. Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte. Bitte melden Sie sich an, um ${ctx.several ? 'die Zahlungsavise' : 'das Zahlungsavis'} abzurufen:`,
    ],
    { label: 'Zu den Zahlungsavisen', href: ctx.link },
    [],
    ctx,
  );
}
