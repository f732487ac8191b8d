import { compose } from '../registration/mails.ts';

const closing = (insurerName: string) => `Mit freundlichen Grüßen\nIhre ${insurerName} - Die Gesundheitskasse`;

/** The mails of the Jobmaster's registration, in the manual's words. */
export const registrationMails = {
  confirmation: (input: { link: string; insurerName: string; employer: boolean }) =>
    compose('Bestätigung Ihrer Registrierung im Jobmaster', [
      'Guten Tag,',
      'vielen Dank für Ihre Registrierung im Jobmaster. Bitte bestätigen Sie Ihre E-Mail-Adresse mit dem folgenden Link. Der Link ist 30 Tage gültig und kann einmal verwendet werden.',
      { button: 'Registrierung bestätigen', href: input.link },
      input.employer
        ? `Nachdem Sie die Bestätigung durchgeführt haben, überprüft ein Mitarbeiter Ihrer ${input.insurerName} zeitnah Ihre Eingaben und gibt die Registrierung frei. Danach erhalten Sie eine E-Mail.`
        : 'Nach der Bestätigung können Sie sich im Jobmaster anmelden.',
      'Wenn Sie sich nicht registriert haben, können Sie diese E-Mail ignorieren.',
      closing(input.insurerName),
    ]),

  accountExists: (input: { loginUrl: string; resetUrl: string; insurerName: string }) =>
    compose('Es besteht bereits ein Zugang', [
      'Guten Tag,',
      'für Ihre E-Mail-Adresse wurde eine Registrierung im Jobmaster begonnen. Es besteht bereits ein Zugang zum Jobmaster mit dieser Adresse; ein zweiter wurde nicht angelegt.',
      { link: 'Zum Login', href: input.loginUrl },
      { link: 'Passwort vergessen?', href: input.resetUrl },
      'Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.',
      closing(input.insurerName),
    ]),

  nothingToConfirm: (input: { registerUrl: string; insurerName: string }) =>
    compose('Keine Registrierung zu bestätigen', [
      'Guten Tag,',
      'Sie haben eine neue Bestätigungsmail für den Jobmaster angefordert. Für Ihre E-Mail-Adresse wartet keine Registrierung auf ihre Bestätigung: Sie ist bereits bestätigt, oder es gibt keine.',
      { link: 'Zur Registrierung', href: input.registerUrl },
      closing(input.insurerName),
    ]),
};
