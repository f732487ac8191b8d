import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose } from '../registration/mails.ts';

const closing = (brand: string) => `Mit freundlichen Grüßen\nIhre ${brand} - Die Gesundheitskasse`;

/** The Jobmaster's account mails (manual 004, "Konto"). */
export function accountMails(brand: string) {
  /** A mail to the account's own address: what happened, and what to do if it was not them. */
  const told = (subject: string, what: string, ifNotYou: string): MailMessage => compose(subject, ['Guten Tag,', what, ifNotYou, closing(brand)]);
  return {
    passwordChanged: (): MailMessage =>
      told(
        'Ihr Passwort wurde geändert',
        'Ihr Passwort im Jobmaster wurde soeben geändert. Alle anderen Sitzungen Ihres Kontos wurden beendet.',
        `Wenn Sie Ihr Passwort nicht selbst geändert haben, nutzen Sie bitte sofort „Passwort vergessen?“ auf der Login-Seite und wenden Sie sich an Ihre ${brand}.`,
      ),
    emailChangeLink: (link: string): MailMessage =>
      compose('Bitte bestätigen Sie Ihre neue E-Mail-Adresse', [
        'Guten Tag,',
        'für ein Konto im Jobmaster soll diese E-Mail-Adresse künftig gelten. Bitte bestätigen Sie das innerhalb von 24 Stunden über folgenden Link:',
        { button: 'E-Mail-Adresse bestätigen', href: link },
        'Erst dann wird die E-Mail-Adresse geändert. Wenn Sie das nicht veranlasst haben, können Sie diese E-Mail ignorieren.',
        closing(brand),
      ]),
    emailChangeNotice: (): MailMessage =>
      told(
        'Ihre E-Mail-Adresse im Jobmaster soll geändert werden',
        'Ihre E-Mail-Adresse im Jobmaster soll geändert werden. An die neue E-Mail-Adresse haben wir einen Link gesendet; erst wenn er verwendet wird, gilt die neue Adresse.',
        `Wenn Sie das nicht veranlasst haben, ändern Sie bitte Ihr Passwort und wenden Sie sich an Ihre ${brand}.`,
      ),
    emailChanged: (): MailMessage =>
      told(
        'Ihre E-Mail-Adresse im Jobmaster wurde geändert',
        'die E-Mail-Adresse Ihres Kontos im Jobmaster wurde soeben geändert. An diese Adresse senden wir künftig keine Nachrichten mehr zu diesem Konto.',
        `Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte sofort an Ihre ${brand}.`,
      ),
    handoverLink: (link: string, company: string): MailMessage =>
      compose('Sie werden Hauptansprechpartner im Jobmaster', [
        'Guten Tag,',
        `Sie sollen Hauptansprechpartner für den Jobmaster des Unternehmens ${company} werden. Damit übernehmen Sie den Login des Unternehmens.`,
        'Bitte vergeben Sie innerhalb von 72 Stunden über folgenden Link Ihr Passwort und Ihre Kennwortfrage:',
        { button: 'Login übernehmen', href: link },
        'Der Link gilt nur einmal. Erst wenn Sie ihn verwendet haben, geht der Login auf Sie über.',
        closing(brand),
      ]),
    handedOver: (): MailMessage =>
      told(
        'Der Login im Jobmaster ist übergeben',
        'der Login Ihres Unternehmens im Jobmaster wurde soeben an den neuen Hauptansprechpartner übergeben. Ihr Passwort gilt nicht mehr; Sie bleiben als Ansprechpartner eingetragen.',
        `Wenn Sie das nicht veranlasst haben, wenden Sie sich bitte sofort an Ihre ${brand}.`,
      ),
    deleted: (): MailMessage =>
      compose('Ihr Profil im Jobmaster wurde gelöscht', [
        'Guten Tag,',
        'Ihr Profil im Jobmaster wurde gelöscht, mit allen Daten und Stellenanzeigen. Sie erhalten keine weiteren Nachrichten vom Jobmaster.',
        'Wir würden uns freuen, Sie wieder im Jobmaster begrüßen zu dürfen.',
        closing(brand),
      ]),
  };
}

export type AccountMails = ReturnType<typeof accountMails>;
