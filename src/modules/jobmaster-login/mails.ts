import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';
import type { ResetMails } from '../password-reset/service.ts';

const closing = (brand: string) => `Mit freundlichen Grüßen\nIhre ${brand} - Die Gesundheitskasse`;

/** The link to a new password: the Kennwortfrage is asked on its page. */
export function jobmasterResetMail(brand: string, link: string, notMe = false): MailMessage {
  return compose('Neues Passwort für den Jobmaster', [
    'Guten Tag,',
    notMe
      ? 'Sie haben im Loginverlauf „Das war ich nicht“ gewählt. Wir haben alle Sitzungen Ihres Kontos beendet. Bitte vergeben Sie über folgenden Link innerhalb der nächsten Stunde ein neues Passwort:'
      : 'für Ihr Konto im Jobmaster wurde ein neues Passwort angefordert. Über folgenden Link können Sie innerhalb der nächsten Stunde ein neues Passwort vergeben:',
    { button: 'Passwort zurücksetzen', href: link },
    'Dazu beantworten Sie Ihre Kennwortfrage. Der Link gilt nur einmal.',
    notMe ? 'Ihr bisheriges Passwort gilt weiter, bis Sie ein neues vergeben.' : 'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort bleibt unverändert.',
    closing(brand),
  ]);
}

/** "Passwort vergessen?" sends one mail for every address, so only the mailbox's holder learns which kind. */
export function jobmasterResetMails(brand: string, registerUrl: string): ResetMails {
  return {
    reset: (link) => jobmasterResetMail(brand, link),
    locked: () =>
      compose('Neues Passwort für den Jobmaster angefordert', [
        'Guten Tag,',
        'für Ihr Konto im Jobmaster wurde soeben ein neues Passwort angefordert. Ihr Konto ist gesperrt; ein neues Passwort kann deshalb nicht vergeben werden.',
        `Bitte wenden Sie sich an Ihre ${brand}.`,
        'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.',
        closing(brand),
      ]),
    noAccount: () =>
      compose('Neues Passwort für den Jobmaster angefordert', [
        'Guten Tag,',
        'für diese E-Mail-Adresse wurde soeben ein neues Passwort für den Jobmaster angefordert. Zu dieser E-Mail-Adresse besteht dort jedoch kein Konto.',
        'Wenn Sie das waren, haben Sie sich vielleicht mit einer anderen E-Mail-Adresse registriert. Oder Sie registrieren sich hier:',
        { button: 'Zur Registrierung', href: registerUrl },
        'Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren.',
        closing(brand),
      ]),
  };
}
