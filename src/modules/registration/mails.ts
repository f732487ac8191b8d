import type { MailMessage } from '../../core/mail/outbox.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { PortalMails } from '../../core/portal/definition.ts';
import { escapeHtml } from '@kitajs/html';

export const AUTOMATIC =
  'Dies ist eine automatisch erzeugte E-Mail. Bitte antworten Sie nicht hierauf, da uns Ihre Nachricht auf diesem Wege nicht erreicht. Bitte nutzen Sie den auf der Website ausgewiesenen technischen Support.';

/** How a portal names itself and its administrators in mails. */
export interface PortalWords {
  brand: string;
 
  /** "Arbeitgeberservice", "Gesundheitspartnerservice" */
  product: string;
  /** "Firmenkunde (Administrator)", "Leistungserbringer (Administrator)" */
  role: string;
  /** "Ihres Unternehmens", "Ihrer Einrichtung" */
  organisation: string;
  /**
   * Subjects of the mails that lead to the registration status, as the portal's manual names
   * them: the confirmation, and the insurer's decisions (correction asked for, device reset).
   */
  subjects: { confirmation: string; decision?: string };
}

export const confirmationSubject = (w: PortalWords) => w.subjects.confirmation;

function signature(insurer: Insurer | undefined, brand: string): string {
  return `Ihre ${insurer?.name ?? brand} - Die Gesundheitskasse`;
}

export function button(href: string, label: string): string {
  return `<p><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#005e3f;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`;
}

export function html(paragraphs: string[]): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">${paragraphs.join('\n')}</body></html>`;
}

export const p = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

/**
 * One part of a mail's body: a string is a paragraph, `button` the mail's main link, `link` a
 * further link. The text form shows a link as "Label: url", or "Label → url" where the label
 * carries the arrow in the HTML form too.
 */
export type MailBlock = string | { button: string; href: string } | { link: string; href: string; arrow?: boolean };

/** Writes a mail's blocks once as text and once as HTML, both ending with the AUTOMATIC notice. */
export function compose(subject: string, blocks: MailBlock[]): MailMessage {
  const text: string[] = [];
  const parts: string[] = [];
  for (const block of blocks) {
    if (typeof block === 'string') {
      text.push(block);
      parts.push(p(block));
    } else if ('button' in block) {
      text.push(`${block.button}: ${block.href}`);
      parts.push(button(block.href, block.button));
    } else {
      const label = block.arrow ? `${block.link} →` : block.link;
      text.push(block.arrow ? `${label} ${block.href}` : `${label}: ${block.href}`);
      parts.push(`<p><a href="${escapeHtml(block.href)}">${escapeHtml(label)}</a></p>`);
    }
  }
  text.push(AUTOMATIC);
  parts.push(`<p style="color:#555;font-size:13px">${escapeHtml(AUTOMATIC)}</p>`);
  return { subject, text: text.join('\n\n'), html: html(parts) };
}

/** Manual 000 step 4, word for word. */
export function confirmationMail(w: PortalWords, input: { insurer: Insurer; links: { confirm: string; status: string } }): MailMessage {
  const { insurer, links } = input;
  return compose(confirmationSubject(w), [
    'Guten Tag,',
    'wir haben Ihre Daten erfolgreich erfasst. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb der nächsten 720 Stunden über folgenden Link:',
    { button: 'Bestätigung E-Mail-Adresse', href: links.confirm },
    'Wenn Sie Ihren aktuellen Registrierungsstatus einsehen wollen oder die Registrierung fortsetzen möchten, verwenden Sie diesen Link:',
    { link: 'Zum Registrierungsstatus', href: links.status, arrow: true },
    'Bitte schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab, anderenfalls werden Ihre Registrierungsdaten aufgrund gesetzlicher Vorgaben gelöscht. Sie können sich jedoch jederzeit erneut registrieren.',
    `Mit freundlichen Grüßen\n${signature(insurer, w.brand)}`,
  ]);
}

/** Sent instead of a confirmation when the address already has an account: the page stays the same. */
export function accountExistsMail(w: PortalWords, input: { insurer: Insurer | undefined; loginUrl: string; resetUrl: string }): MailMessage {
  return compose(`Ihre Registrierung für „${w.product}“: Es besteht bereits ein Zugang`, [
    'Guten Tag,',
    `soeben wurde mit Ihrer E-Mail-Adresse eine Registrierung für „Mein ${w.brand} ${w.product}“ als ${w.role} begonnen. Für diese E-Mail-Adresse besteht bereits ein Zugang; eine zweite Registrierung ist nicht möglich.`,
    'Wenn Sie die Registrierung selbst begonnen haben, melden Sie sich bitte mit Ihrem bestehenden Zugang an:',
    { button: 'Login', href: input.loginUrl },
    'Falls Sie Ihr Passwort vergessen haben, können Sie hier ein neues vergeben:',
    { link: 'Passwort vergessen?', href: input.resetUrl },
    'Wenn Sie die Registrierung nicht selbst begonnen haben, können Sie diese E-Mail ignorieren. Ihr Zugang bleibt unverändert.',
    `Mit freundlichen Grüßen\n${signature(input.insurer, w.brand)}`,
  ]);
}

export function passwordResetMail(w: PortalWords, input: { link: string }): MailMessage {
  return compose(`Neues Passwort für „Mein ${w.brand} ${w.product}“`, [
    'Guten Tag,',
    `für Ihren Zugang zu „Mein ${w.brand} ${w.product}“ wurde ein neues Passwort angefordert. Über folgenden Link können Sie innerhalb der nächsten Stunde ein neues Passwort vergeben:`,
    { button: 'Passwort zurücksetzen', href: input.link },
    'Zum Abschluss bestätigen Sie die Änderung mit dem Sicherheitscode aus Ihrer 2-Faktor App.',
    'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort bleibt unverändert.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** Manual 000 step 14: the insurer has activated the access; the first login completes the registration. */
export function activationMail(w: PortalWords, input: { insurerName: string; loginUrl: string }): MailMessage {
  return compose(`Ihr Zugang zu „Mein ${w.brand} ${w.product}“ wurde aktiviert`, [
    'Guten Tag,',
    `Ihre Registrierung als ${w.role} für „Mein ${w.brand} ${w.product}“ wurde von Ihrer ${w.brand} geprüft und aktiviert.`,
    'Bitte loggen Sie sich zeitnah ein, um Ihre Registrierung vollständig abzuschließen. Hierfür können Sie den folgenden Link oder die Schaltfläche „Login“ auf der Startseite verwenden:',
    { button: 'Zum Login', href: input.loginUrl },
    'Erst nach erstmaligem Login können Sie Nachrichten und Briefe im Postfach empfangen und senden.',
    `Mit freundlichen Grüßen\nIhre ${input.insurerName || w.brand} - Die Gesundheitskasse`,
  ]);
}

/** The insurer could not accept the registration: the reason, and how to correct it. */
export function rejectionMail(w: PortalWords, input: { insurerName: string; reason: string; statusLink: string }): MailMessage {
  return compose(w.subjects.decision ?? `Ihre Registrierung für „Mein ${w.brand} ${w.product}“: Bitte korrigieren`, [
    'Guten Tag,',
    `Ihre Registrierung als ${w.role} für „Mein ${w.brand} ${w.product}“ konnte von Ihrer ${w.brand} leider nicht freigeschaltet werden.`,
    `Grund: ${input.reason}`,
    'Sie können die Registrierung korrigieren und eine neue, vollständig ausgefüllte und unterschriebene Arbeitgeberbescheinigung hochladen. Ihre Registrierung wird danach erneut geprüft. Hierzu verwenden Sie bitte diesen Link:',
    { link: 'Zum Registrierungsstatus', href: input.statusLink, arrow: true },
    'Wird die Registrierung nicht innerhalb von 30 Tagen nach ihrem Beginn abgeschlossen, werden Ihre Registrierungsdaten gelöscht.',
    `Mit freundlichen Grüßen\nIhre ${input.insurerName || w.brand} - Die Gesundheitskasse`,
  ]);
}

/** The insurer's decision on a device reset. */
export function deviceResetMail(w: PortalWords, input: { insurerName: string; approved: boolean; reason?: string; statusLink: string }): MailMessage {
  const decision = input.approved
    ? [
        `Ihre ${w.brand} hat das Zurücksetzen Ihres Authentifikations-Geräts für „Mein ${w.brand} ${w.product}“ bestätigt. Bitte registrieren Sie jetzt Ihr neues Gerät mit der ${w.brand} 2-Faktor App:`,
      ]
    : [
        `Ihre ${w.brand} konnte das Zurücksetzen Ihres Authentifikations-Geräts für „Mein ${w.brand} ${w.product}“ nicht bestätigen. Grund: ${input.reason ?? ''}`,
        'Bitte laden Sie über den folgenden Link eine korrigierte Arbeitgeberbescheinigung hoch oder wenden Sie sich an den technischen Support:',
      ];
  return compose(w.subjects.decision ?? (input.approved ? 'Zurücksetzen Ihres Authentifikations-Geräts bestätigt' : 'Zurücksetzen Ihres Authentifikations-Geräts nicht möglich'), [
    'Guten Tag,',
    ...decision,
    { link: 'Zum Registrierungsstatus', href: input.statusLink, arrow: true },
    `Mit freundlichen Grüßen\nIhre ${input.insurerName || w.brand} - Die Gesundheitskasse`,
  ]);
}

/**
 * "Keinen Zugriff auf Authentifikations-Gerät?" was chosen after the right password: the holder
 * learns of it at once and can cancel; the device keeps working until the insurer approves.
 */
export function deviceResetRequestedMail(w: PortalWords, input: { cancelLink: string; passwordUrl: string }): MailMessage {
  return compose(`Zurücksetzung beantragt – waren Sie das nicht? Dann brechen Sie den Antrag ab`, [
    'Guten Tag,',
    `für Ihren Zugang zu „Mein ${w.brand} ${w.product}“ wurde soeben beantragt, Ihr Authentifikations-Gerät (${w.brand} 2-Faktor App) zurückzusetzen. Dabei wurde Ihr Passwort richtig eingegeben.`,
    `Ihr bisheriges Gerät bleibt nutzbar, bis Ihre ${w.brand} den Antrag nach Prüfung einer neuen Bescheinigung bestätigt hat. Erst dann wird es gesperrt und ein neues Gerät kann registriert werden.`,
    `Waren Sie das nicht? Dann brechen Sie den Antrag bitte über folgenden Link ab. Der Link gilt 30 Tage, solange Ihre ${w.brand} noch nicht über den Antrag entschieden hat:`,
    { button: 'Zurücksetzung abbrechen', href: input.cancelLink },
    'Wenn Sie den Antrag nicht selbst gestellt haben, kennt eine andere Person Ihr Passwort. Bitte vergeben Sie danach ein neues Passwort:',
    { link: 'Passwort vergessen?', href: input.passwordUrl },
    'Wenn Sie den Antrag selbst gestellt haben, müssen Sie nichts abbrechen. Bitte laden Sie auf Ihrer Statusseite eine neue Bescheinigung hoch.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** A new postbox item: the mail says only that there is one, not what it says. */
export function postboxNoticeMail(w: PortalWords, input: { insurerName: string; letter: boolean; postboxUrl: string }): MailMessage {
  const what = input.letter ? 'ein neuer Brief' : 'eine neue Nachricht';
  return compose(`Neue ${input.letter ? 'Post' : 'Nachricht'} in Ihrem Postfach`, [
    'Guten Tag,',
    `in Ihrem Postfach in „Mein ${w.brand} ${w.product}“ liegt ${what} Ihrer ${w.brand} für Sie bereit. Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte. Bitte melden Sie sich an, um ${input.letter ? 'den Brief' : 'die Nachricht'} zu lesen:`,
    { button: 'Zum Postfach', href: input.postboxUrl },
    `Mit freundlichen Grüßen\nIhre ${input.insurerName || w.brand} - Die Gesundheitskasse`,
  ]);
}

/** The administrator invites a colleague: the link is valid for 7 days and once. */
export function invitationMail(w: PortalWords, input: { adminName: string; link: string }): MailMessage {
  return compose(`Einladung zu „Mein ${w.brand} ${w.product}“`, [
    'Guten Tag,',
    `${input.adminName} hat Sie als Nutzerin bzw. Nutzer ${w.organisation} zu „Mein ${w.brand} ${w.product}“ eingeladen. Über folgenden Link legen Sie innerhalb der nächsten 7 Tage Ihren Namen und Ihr Passwort fest und registrieren anschließend Ihr Authentifikations-Gerät (${w.brand} 2-Faktor App):`,
    { button: 'Einladung annehmen', href: input.link },
    'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** Staff activated another administrator for the same company: the existing ones learn who, and whom to call. */
export function secondAdminMail(
  w: PortalWords,
  input: { insurerName: string; identifierLabel: string; identifier: string; newcomer: { name: string; email: string }; usersUrl: string },
): MailMessage {
  return compose(`Weiterer Administrator für „Mein ${w.brand} ${w.product}“`, [
    'Guten Tag,',
    `Ihre ${w.brand} hat soeben einen weiteren Zugang als ${w.role} für „Mein ${w.brand} ${w.product}“ mit der ${input.identifierLabel} ${input.identifier} freigeschaltet: ${input.newcomer.name} (${input.newcomer.email}).`,
    `Dieser Zugang hat dieselben Rechte wie Ihr eigener, auch für das Postfach ${w.organisation}. Sie sehen ihn in der Nutzerverwaltung:`,
    { button: 'Zur Nutzerverwaltung', href: input.usersUrl },
    `Wenn Sie diese Person nicht kennen, wenden Sie sich bitte umgehend an Ihre ${w.brand}.`,
    `Mit freundlichen Grüßen\nIhre ${input.insurerName || w.brand} - Die Gesundheitskasse`,
  ]);
}

/** "Passwort vergessen?" for an address without an access in this portal: what a real insurer answers. */
export function passwordResetNoAccountMail(w: PortalWords, input: { registerUrl: string }): MailMessage {
  return compose(`Neues Passwort für „Mein ${w.brand} ${w.product}“ angefordert`, [
    'Guten Tag,',
    `für diese E-Mail-Adresse wurde soeben ein neues Passwort für „Mein ${w.brand} ${w.product}“ angefordert. Zu dieser E-Mail-Adresse besteht dort jedoch kein Zugang.`,
    `Wenn Sie das waren, haben Sie sich vielleicht mit einer anderen E-Mail-Adresse registriert. Oder Sie registrieren sich hier als ${w.role}:`,
    { button: 'Zur Registrierung', href: input.registerUrl },
    'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** "Passwort vergessen?" for a locked access: no link; the insurer (or the company's administrator) unlocks it. */
export function passwordResetLockedMail(w: PortalWords): MailMessage {
  return compose(`Neues Passwort für „Mein ${w.brand} ${w.product}“ angefordert`, [
    'Guten Tag,',
    `für Ihren Zugang zu „Mein ${w.brand} ${w.product}“ wurde soeben ein neues Passwort angefordert. Ihr Zugang ist gesperrt; ein neues Passwort kann deshalb nicht vergeben werden.`,
    `Bitte wenden Sie sich an den Administrator ${w.organisation} oder an Ihre ${w.brand}.`,
    'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** "Bestätigungsmail nicht erhalten?" for an address with no registration waiting for its confirmation. */
export function nothingToConfirmMail(w: PortalWords, input: { registerUrl: string; loginUrl: string }): MailMessage {
  return compose(`Ihre Registrierung für „${w.product}“: Bestätigungsmail angefordert`, [
    'Guten Tag,',
    `für diese E-Mail-Adresse wurde soeben eine neue Bestätigungsmail für eine Registrierung bei „Mein ${w.brand} ${w.product}“ angefordert. Zu dieser E-Mail-Adresse wartet dort keine Registrierung auf die Bestätigung.`,
    'Wenn Sie Ihre E-Mail-Adresse bereits bestätigt haben, setzen Sie die Registrierung über den Link „Zum Registrierungsstatus“ aus unserer ersten E-Mail fort oder melden Sie sich an:',
    { button: 'Login', href: input.loginUrl },
    `Wenn Sie noch nicht registriert sind, registrieren Sie sich hier als ${w.role}:`,
    { link: 'Zur Registrierung', href: input.registerUrl },
    'Wenn Sie keine Bestätigungsmail angefordert haben, können Sie diese E-Mail ignorieren.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/** An administrator invited an address that already has an access: its holder learns it, the inviter does not. */
export function invitationToExistingMail(w: PortalWords, input: { adminName: string; loginUrl: string }): MailMessage {
  return compose(`Einladung zu „Mein ${w.brand} ${w.product}“ nicht zugestellt`, [
    'Guten Tag,',
    `${input.adminName} hat Sie soeben als Nutzerin bzw. Nutzer zu „Mein ${w.brand} ${w.product}“ eingeladen. Für Ihre E-Mail-Adresse besteht dort bereits ein Zugang; die Einladung konnte deshalb nicht zugestellt werden.`,
    `Wenn Sie die Einladung erwartet haben, bitten Sie ${input.adminName}, Sie mit einer anderen E-Mail-Adresse einzuladen. Mit Ihrem bestehenden Zugang melden Sie sich wie gewohnt an:`,
    { button: 'Login', href: input.loginUrl },
    'Wenn Sie die Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren. Ihr Zugang bleibt unverändert.',
    `Mit freundlichen Grüßen\nIhre ${w.brand} - Die Gesundheitskasse`,
  ]);
}

/**
 * The mails every portal sends in its own words when staff decide on its registrations and device
 * resets; a portal whose manual quotes its own activation mail passes it.
 */
export function portalMails(
  w: PortalWords,
  input: { url(path: string): string; identifierLabel: string; activation?: (input: { insurerName: string }) => MailMessage },
): Omit<PortalMails, 'ikDecision'> {
  const { url } = input;
  return {
    activation: input.activation ?? (({ insurerName }) => activationMail(w, { insurerName, loginUrl: url('/login') })),
    rejection: (mail) => rejectionMail(w, mail),
    deviceReset: (mail) => deviceResetMail(w, mail),
    secondAdmin: (mail) => secondAdminMail(w, { ...mail, identifierLabel: input.identifierLabel, usersUrl: url('/nutzer') }),
    postboxNotice: (mail) => postboxNoticeMail(w, { ...mail, postboxUrl: url('/postfach') }),
  };
}
