/**
 * Manual 004, "Registrierung Jobmaster – Arbeitgeber": the header, the login page, the
 * registration (the choice, the Arbeitgeber text, both parts), the mails of the confirmation and
 * the release, the Stellenverwaltung, "Mein Konto" and the Unternehmensdaten, screen by screen
 * in the manual's order and words.
 *
 * Kept as the manual has it, except: the header's "Fachportal für" is followed by a picture in
 * the manual (the portal shows its words there, and the walk looks for the manual's two); the
 * manual's example data (Test-Arbeitgeber, 12345678, Herr Test Ansprechpartner,
 * test.arbeitgeber@rh.aok.de, 07.02.2024 um 11:59) are the walk's own; "AOK" is the configured
 * brand. The manual shows neither mail: the mails are checked for the sentences its text quotes.
 */
import { button, heading, label, link, manual, text } from './screens.ts';

export const M004 = manual({
  header: {
    step: 'Klicken Sie in der Kopfzeile auf „Login“',
    page: '/jobmaster/',
    shows: [text('Fachportal für'), link('Login'), link('Kontakt'), link('Suche')],
  },

  login: {
    step: '… danach unten links auf „Jetzt registrieren“ — Login',
    page: '/jobmaster/login',
    shows: [
      heading('Login'),
      label('E-Mail'),
      label('Passwort'),
      link('Passwort vergessen?'),
      link('Bestätigungsmail nicht erhalten?'),
      button('Login'),
      text('Noch nicht registriert?'),
      link('Jetzt registrieren', { name: /^Jetzt registrieren/ }),
      text('→'),
    ],
  },

  choice: {
    step: 'Registrierung — Legen Sie ein Konto an.',
    page: '/jobmaster/registrierung',
    shows: [
      heading('Registrierung'),
      heading('Legen Sie ein Konto an.'),
      text(
        'Registrieren Sie sich, um mehr Funktionen nutzen zu können: Profitieren Sie als Berufsstarter von vielen weiteren Angeboten, wie Stellenanzeigen unserer Partnerfirmen. Als Arbeitgeber können Sie freie Stellen anbieten und so Ihren beruflichen Nachwuchs finden.',
      ),
      button('Bewerber'),
      button('Arbeitgeber'),
      text(
        'Im ersten Teil der Registrierung geben Sie Ihre Firmeninformationen an: Firmenname, Betriebsnummer, Anschrift. Im zweiten Teil der Registrierung geben Sie die Daten Ihres Ansprechpartners ein. An dieser Stelle vergeben Sie auch das Passwort zum Anmelden im Portal und wählen eine Kennwortfrage und entsprechende Antwort aus. Die Kennwortfrage wird z. B. beim Wechsel des Hauptansprechpartners oder der „Passwort vergessen-Funktion“ benötigt. Bewahren Sie diese daher sorgfältig an einem sicheren Ort auf.',
      ),
      text(
        'Lesen Sie sich die Datenschutzhinweise und Nutzungsbedingungen sorgfältig und aufmerksam durch und bestätigen Sie diese vor dem Absenden Ihrer Daten. Sie können uns hier auch Ihre Einwilligungserklärung geben und erhalten so interessante Informationen für Sie als Arbeitgeber, Seminartermine, Neuerungen z. B. rund um den Jobmaster und vieles mehr.',
      ),
      text(
        'Wenn Sie Ihre Registrierung abgeschlossen haben, erhalten Sie innerhalb weniger Minuten eine E-Mail zur Bestätigung Ihrer Registrierung. Nachdem Sie die Bestätigung durchgeführt haben, überprüft ein AOK-Mitarbeiter zeitnah Ihre Eingaben und gibt die Registrierung frei. Danach erhalten Sie eine E-Mail mit dem Hinweis, dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können.',
      ),
    ],
  },

  // "Im ersten Teil der Registrierung geben Sie Ihre Firmeninformationen an: Firmenname, Betriebsnummer, Anschrift."
  company: {
    step: 'Im ersten Teil der Registrierung geben Sie Ihre Firmeninformationen an: Firmenname, Betriebsnummer, Anschrift.',
    page: '/jobmaster/registrierung/arbeitgeber',
    shows: [text('Firmeninformationen'), label('Firmenname'), label('Betriebsnummer'), button('Weiter')],
    // the Anschrift in its parts
    alsoSays: [label('Straße'), label('Hausnummer'), label('PLZ'), label('Ort')],
  },

  // "… die Daten Ihres Ansprechpartners … das Passwort … eine Kennwortfrage und entsprechende Antwort …
  // die Datenschutzhinweise und Nutzungsbedingungen … Ihre Einwilligungserklärung"
  contact: {
    step: 'Im zweiten Teil der Registrierung geben Sie die Daten Ihres Ansprechpartners ein.',
    page: '/jobmaster/registrierung/arbeitgeber/ansprechpartner',
    shows: [text('Ansprechpartner'), label('Passwort'), label('Kennwortfrage'), label('Antwort')],
    alsoSays: [
      label('Anrede'),
      label('Vorname'),
      label('Nachname'),
      label('E-Mail'),
      label('Datenschutzhinweise', { name: /Datenschutzhinweise/ }),
      label('Nutzungsbedingungen', { name: /Nutzungsbedingungen/ }),
      label('Einwilligungserklärung', { name: /Einwilligungserklärung/ }),
    ],
  },

  confirmationMail: {
    step: 'Wenn Sie Ihre Registrierung abgeschlossen haben, erhalten Sie innerhalb weniger Minuten eine E-Mail zur Bestätigung Ihrer Registrierung.',
    page: 'mail',
    subject: 'Bestätigung Ihrer Registrierung im Jobmaster',
    shows: [text('Guten Tag,'), link('Registrierung bestätigen')],
  },

  confirmed: {
    step: 'Nachdem Sie die Bestätigung durchgeführt haben, überprüft ein AOK-Mitarbeiter zeitnah Ihre Eingaben und gibt die Registrierung frei.',
    page: '/jobmaster/registrierung/bestaetigung',
    shows: [text('Ein AOK-Mitarbeiter überprüft zeitnah Ihre Eingaben')],
  },

  releaseMail: {
    step: 'Danach erhalten Sie eine E-Mail mit dem Hinweis, dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können.',
    page: 'mail',
    shows: [text('Guten Tag,'), text('dass Sie ab sofort Stellenanzeigen in Ihrem Profil hochladen können'), text('Stellenverwaltung')],
  },

  // "Loggen Sie sich dazu … ein. Sie sehen direkt in der Navigationsleiste den Punkt „Stellenverwaltung“"
  postings: {
    step: 'Stellenverwaltung',
    page: '/jobmaster/stellenverwaltung',
    alsoSays: [link('Stellenverwaltung')],
    shows: [heading('Stellenverwaltung'), text('0 ausgeschriebene Stellen'), button('Hinzufügen'), text('Sie haben noch keine Stellenangebote erfasst.')],
  },

  // "In der Kopfzeile können Sie mit einem Klick auf „Konto“ Ihre angegebenen Daten sehen, den Loginverlauf oder sich ausloggen."
  account: {
    step: 'Mein Konto',
    page: '/jobmaster/konto',
    alsoSays: [link('Konto', { name: /Konto/ })],
    shows: [heading('Mein Konto'), text('Letzter Zugriff: {lastDate} um {lastTime} Uhr'), button('Ausloggen'), link('Persönliche Daten'), link('Loginverlauf')],
  },

  // "Mit einem Klick auf „persönliche Daten“ sehen Sie Ihr Arbeitgeberprofil. … Ebenfalls können Sie in Ihrem
  // Profil weitere Ansprechpartner hinterlegen …"
  profile: {
    step: 'Unternehmensdaten',
    page: '/jobmaster/unternehmen',
    shows: [
      heading('Unternehmensdaten'),
      heading('{company}'),
      text('{betriebsnummer}'),
      text('Erlaubte Dateiformate sind JPEG, PNG und GIF. Die Datei darf maximal 1 MB groß sein.'),
      button('Upload Firmenlogo'),
      link('Unternehmensdaten ändern', { name: /^Unternehmensdaten ändern/ }),
      text('→'),
      link('Passwort ändern', { name: /^Passwort ändern/ }),
      text('→'),
      link('E-Mail Adresse ändern', { name: /^E-Mail Adresse ändern/ }),
      text('→'),
      link('Einwilligungen ändern', { name: /^Einwilligungen ändern/ }),
      text('→'),
      link('Hauptansprechpartner wechseln', { name: /^Hauptansprechpartner wechseln/ }),
      text('→'),
      link('Profil löschen', { name: /^Profil löschen/ }),
      text('→'),
      heading('Ihre Ansprechpartner'),
      button('Hinzufügen'),
      text('Hauptansprechpartner:In'),
      text('{contactName}'),
      text('{email}'),
    ],
  },
});
