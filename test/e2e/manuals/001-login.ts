/**
 * Manual 001, "Mein AOK Arbeitgeberservice Anmeldung / Login": password, then the security code
 * from the 2-factor app, screen by screen in the manual's order and words.
 *
 * Kept as the manual has it, except: "AOK" is the configured brand (default "AOK"); the
 * manual's author's address (STANIMMIG@GEMH.AOK.DE) is the walk's own, {email}.
 */
import { button, heading, label, link, manual, text } from './screens.ts';

export const M001 = manual({
  start: {
    step: '1. Bitte wählen Sie unter fk.meine.aok.de die Schaltfläche „Login“',
    page: '/arbeitgeber/',
    shows: [heading('Mein AOK Arbeitgeberservice'), button('Login')],
  },

  login: {
    step: '2. Melden Sie sich mit Ihren persönlichen Daten an',
    page: '/arbeitgeber/login',
    shows: [heading('Login'), text('Bitte melden Sie sich an.'), label('Benutzername/E-Mail-Adresse'), label('Passwort'), link('Passwort vergessen?')],
  },

  // the manual shows the link only: it leads to the page of its name
  forgotPassword: {
    step: '2. … Passwort vergessen?',
    page: '/arbeitgeber/passwort-vergessen',
    shows: [heading('Passwort vergessen?')],
  },

  securityCode: {
    step: '3. Nun werden Sie zur Eingabe des Sicherheitscodes aufgefordert',
    page: '/arbeitgeber/login/sicherheitscode',
    shows: [
      heading('Eingabe Sicherheitscode'),
      text(
        'Wir haben Ihnen den zur Fortsetzung des Prozesses benötigten Sicherheitscode in Ihre AOK 2-Faktor App gesendet. Geben Sie diesen hier ein und klicken Sie anschließend auf "Weiter".',
      ),
      link('Keinen Zugriff auf Authentifikations-Gerät (AOK 2-Faktor App)?'),
      text('→'),
    ],
  },

  appLogin: {
    step: '4. Bitte öffnen Sie die „AOK Zweifaktor App“ und melden Sie sich mit Ihrer E-Mail-Adresse und dem persönlichen PIN-Code an',
    page: 'app',
    shows: [
      text('AOK Zweifaktor App'),
      heading('AOK Zweifaktor App Login'),
      text('{email}', { anyCase: true }),
      label('PIN für AOK Zweifaktor App'),
      button('Anmelden'),
      button('Code (PIN) vergessen'),
    ],
  },

  appCode: {
    step: '5. Der Sicherheitscode wird angezeigt und kann auf der Anmeldeseite eingegeben werden',
    page: 'app',
    shows: [
      text('{code}'),
      text(
        'Die Schaltfläche „Akzeptieren“ brauchen Sie nur dann anklicken, wenn wegen Zeitüberschreitens die Login-Daten auf der Anmeldeseite neu eingegeben werden müssen. Sie erhalten dann sofort einen neuen Sicherheitscode.',
      ),
      button('Akzeptieren'),
    ],
  },

  // The manual names the page, not its heading: "die Startseite von „Mein AOK Arbeitgeberservice“ – das sogenannte Dashboard".
  dashboard: {
    step: '6. Geschafft! Sie sind auf der Startseite von „Mein AOK Arbeitgeberservice“ – dem sogenannten Dashboard',
    page: '/arbeitgeber/startseite',
    shows: [heading('Startseite von Mein AOK Arbeitgeberservice')],
  },
});
