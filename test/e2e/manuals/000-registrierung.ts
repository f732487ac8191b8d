/**
 * Manual 000, "Mein AOK Arbeitgeberservice – Registrierung": the registration of a company
 * administrator in 15 steps, screen by screen, in the manual's order and words.
 *
 * Kept as the manual has it, except: "AOK" is the configured brand (default "AOK"); where the
 * manual shows its author's data (an address, a code) the walk's own is filled in; the signature
 * "Ihre AOK" of the mails is the AOK the person chose ("Ihre AOK" in step 2), i.e. {insurer}.
 */
import { button, heading, label, link, manual, text, value } from './screens.ts';

const STEPS = ['Persönliche Daten', 'Arbeitgeberbescheinigung Download', 'Geräteregistrierung', 'Abschluss'];

const STATUS_TITLE = 'Status Ihrer Registrierung';

export const M000 = manual({
  start: {
    step: '1. Bitte wählen Sie unter fk.meine.aok.de die Schaltfläche „Registrieren“',
    page: '/arbeitgeber/',
    shows: [
      heading('Mein AOK Arbeitgeberservice'),
      heading('Registrierung'),
      text('Zur sicheren Nutzung der Online-Geschäftsstelle für Firmenkunden ist eine Registrierung als Unternehmens-Administrator erforderlich.'),
      button('Registrieren'),
    ],
  },

  personalData: {
    step: '2. Erfassen Sie die Unternehmensdaten sowie Ihre persönlichen Informationen',
    page: '/arbeitgeber/registrierung',
    stepper: { labels: STEPS, current: 'Persönliche Daten', done: 0 },
    shows: [
      heading('Registrierung Firmenkunde (Administrator)'),
      heading('Unternehmensdaten'),
      label('Ihre AOK'),
      label('Ihre Betriebsnummer'),
      heading('Persönliche Informationen'),
      label('Anrede'),
      label('Akademischer Titel'),
      label('Vorname'),
      button('Weiter'),
    ],
  },

  // The manual describes this notice without quoting it: "der Hinweis, dass die E-Mail-Adresse zu bestätigen ist".
  confirmNotice: {
    step: '3. Nach Klick auf „Weiter“ erscheint der Hinweis, dass die E-Mail-Adresse zu bestätigen ist',
    page: '/arbeitgeber/registrierung/email-bestaetigen',
    shows: [heading('Bitte bestätigen Sie Ihre E-Mail-Adresse'), text('{email}')],
  },

  confirmationMail: {
    step: '4. Öffnen Sie die eingegangene E-Mail in Ihrem E-Mail-Postfach und bestätigen Sie - durch Klick auf den Button - Ihre E-Mail-Adresse',
    page: 'mail',
    // step 6 names the mail by its subject
    subject: 'Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „Arbeitgeberservice“ als Firmenkunde (Administrator)',
    shows: [
      text('Guten Tag,'),
      text('wir haben Ihre Daten erfolgreich erfasst. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb der nächsten 720 Stunden über folgenden Link:'),
      link('Bestätigung E-Mail-Adresse'),
      text('Wenn Sie Ihren aktuellen Registrierungsstatus einsehen wollen oder die Registrierung fortsetzen möchten, verwenden Sie diesen Link:'),
      link('Zum Registrierungsstatus →'),
      text('Bitte schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab, anderenfalls werden Ihre Registrierungsdaten aufgrund gesetzlicher Vorgaben gelöscht. Sie können sich jedoch jederzeit erneut registrieren.'),
      text('Mit freundlichen Grüßen'),
      text('Ihre {insurer} - Die Gesundheitskasse'),
      text('Dies ist eine automatisch erzeugte E-Mail. Bitte antworten Sie nicht hierauf, da uns Ihre Nachricht auf diesem Wege nicht erreicht. Bitte nutzen Sie den auf der Website ausgewiesenen technischen Support.'),
    ],
  },

  emailConfirmed: {
    step: '5. In der darauffolgenden Bestätigung klicken Sie auf „Registrierung fortsetzen“',
    page: '/arbeitgeber/registrierung/bestaetigung',
    shows: [
      heading('Bestätigung E-Mail-Adresse'),
      text('E-Mail-Adresse bestätigt'),
      text('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.'),
      // the manual's colon leads into its next picture, the status page
      text('Wenn Sie die Registrierung zu einem späteren Zeitpunkt fortsetzen möchten, können Sie über den zweiten Link in der E-Mail jederzeit „Zum Registrierungsstatus“ abspringen'),
      button('Registrierung fortsetzen'),
    ],
  },

  statusAfterConfirmation: {
    step: '5. … über den zweiten Link in der E-Mail jederzeit „Zum Registrierungsstatus“ abspringen',
    page: '/arbeitgeber/registrierung/status',
    shows: [
      text('Registrierung Firmenkunde (Administrator)'),
      heading(STATUS_TITLE),
      text('Nächster Schritt: Bitte führen Sie alle Registrierungsschritte durch. Ob ein Registrierungsschritt erfolgreich abgeschlossen wurde, erkennen Sie an dem grünen Haken.'),
      text('Bestätigung Ihrer E-Mail-Adresse'),
      text('Erfolgreich abgeschlossen'),
      text('Download Arbeitgeberbescheinigung'),
      link('Dokument (erneut) herunterladen'),
      text('Upload Arbeitgeberbescheinigung'),
      link('Dokument (erneut) hochladen'),
      text('Geräteregistrierung'),
      link('Authentifikations-Gerät hinzufügen'),
      text('Aktivierung durch AOK-Administrator'),
      text('Steht noch aus'),
    ],
  },

  certificate: {
    step: '6. Als nächstes wird Ihnen die Arbeitgeberbescheinigung zum Herunterladen angeboten',
    page: '/arbeitgeber/registrierung/bescheinigung',
    stepper: { labels: STEPS, current: 'Arbeitgeberbescheinigung Download', done: 1 },
    shows: [
      heading('Registrierung Firmenkunde (Administrator)'),
      heading('Arbeitgeberbescheinigung'),
      text(
        'Im Rahmen der Erstregistrierung bzw. bei Rücksetzung des Authentifikations-Gerätes ist eine aktuelle Arbeitgeberbescheinigung erforderlich. Durch diese werden Sie als Administrator bevollmächtigt. Nutzen Sie hierzu folgenden Link:',
      ),
      button('PDF herunterladen'),
      text(
        'Laden Sie bitte das vollständig ausgefüllte und von Ihrem Arbeitgeber unterschriebene PDF Formular im Anschluss hoch. Sie können das Formular auch zu einem späteren Zeitpunkt hochladen. Sie gelangen über die E-Mail „Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „Arbeitgeberservice“ als Firmenkunde (Administrator)“ zum Registrierungsstatus, um die Registrierung später fortzusetzen. Durch Klick auf "Weiter" können Sie mit dem regulären Registrierungsprozess fortfahren.',
      ),
      text(
        'Bitte drucken Sie das PDF-Dokument aus. Das Dokument ist um die fehlenden Angaben zu ergänzen und im Anschluss von der Unternehmensleitung bzw. Geschäftsführung zu unterschreiben. Neben der Geschäftsführung sind auch Prokuristen und Handlungsbevollmächtigte unterschriftsberechtigt. Ein entsprechender Nachweis muss dem Antrag auf Freischaltung zwingend beigefügt werden.',
      ),
    ],
  },

  upload: {
    step: '7. Scannen Sie das fertige Dokument ein. Nun können Sie das zwischengespeicherte Dokument über die Schaltfläche „Datei auswählen“ hochladen und an die AOK übermitteln.',
    page: '/arbeitgeber/registrierung/bescheinigung',
    alsoSays: [label('Datei auswählen'), text('{file}')],
    shows: [
      text('Sobald der Upload abgeschlossen ist, wird die hochgeladene Datei als Anhang angezeigt. Bitte warten Sie diese Meldung ab, bevor Sie auf „Weiter“ klicken. Andernfalls wird der Upload unterbrochen.'),
      text('Tipp: Sie können bis zu zwei Dateien zeitgleich oder nacheinander hochladen (z.B. Arbeitgeberbescheinigung und Handlungsvollmacht).'),
      button('Weiter'),
    ],
  },

  deviceIntro: {
    step: '8. Nun erfolgt die Geräteregistrierung zur Einrichtung der „Zwei-Faktor-Authentifizierung“',
    page: '/arbeitgeber/registrierung/geraet',
    stepper: { labels: STEPS, current: 'Geräteregistrierung', done: 2 },
    alsoSays: [
      'Die Zwei-Faktor-Authentifizierung bezeichnet den Identitätsnachweis eines Nutzers mittels einer Kombination zweier unterschiedlicher und insbesondere unabhängiger Komponenten. Aus Sicherheitsgründen ist das unabdingbar.',
      'Hintergrund: Eine Authentifizierung mittels mehrerer Faktoren beginnt mit der gewöhnlichen Eingabe eines guten Passworts. Das System, in das sich Nutzerin oder Nutzer einloggen möchte, bestätigt daraufhin die Richtigkeit des eingegebenen Kennworts. Dies führt jedoch nicht - wie bei einfachen Systemen üblich - direkt zum gewünschten Inhalt, sondern zu einer weiteren Schranke. Auf diesem Weg wird verhindert, dass unbefugte Dritte Zugang zu Nutzerdaten oder Funktionen erhalten, nur weil sie in den Besitz des Passworts gelangt sind.',
    ],
    shows: [
      heading('Geräteregistrierung'),
      text(
        'Die Digitalisierung sowie neue regulatorische Anforderungen erfordern eine sichere App, Login, sichere Transaktionen, sichere Kommunikation und vertrauenswürdige Verarbeitung aller Daten in jedem Prozess, an jedem Ort und auf allen Endgeräten.',
      ),
      text(
        'Hierfür sind sichere, verbindliche und nachweisbare digitale Identitäten von Personen, Dingen und Maschinen fundamental. Wir nutzen modernste Technologien, um die Kommunikation durchgehend Ende-Zu-Ende und in Echtzeit verschlüsseln zu können.',
      ),
      button('Weiter'),
    ],
  },

  deviceDownload: {
    step: '9. Bitte laden Sie die App entsprechend dem genutzten System herunter und installieren Sie diese',
    page: '/arbeitgeber/registrierung/geraet/app',
    alsoSays: [
      'Neben einer Desktop-Variante für Windows und MacOS steht auch eine mobile App-Variante für Android und Apple zur Verfügung.',
      'Die Apps unterscheiden sich hauptsächlich im Design. Aufgrund der Usability wird jedoch die Verwendung eines Smartphones und somit die mobile App-Variante empfohlen.',
    ],
    shows: [
      heading('Geräteregistrierung'),
      text('Bitte laden Sie die AOK 2-Faktor App herunter und installieren Sie diese anschließend.'),
      text(
        'Hinweis: Die aktuellsten Versionen der jeweiligen Betriebssysteme werden voll unterstützt. Die Kompatibilität mit älteren Betriebssystemen kann nicht garantiert werden. Für eine Nutzung über Citrix-Umgebungen wenden Sie sich an den technischen Support. Wir empfehlen jedoch die Verwendung eines Smartphones.',
      ),
      button('AOK 2-Faktor App für Windows laden'),
      button('AOK 2-Faktor App für MacOS laden'),
      button('AOK 2-Faktor App für Google Play Store laden'),
      button('AOK 2-Faktor App für Apple App Store laden'),
      button('Weiter'),
    ],
  },

  activationCode: {
    step: '10. Nach Klick auf „Weiter“ wird Ihnen der Aktivierungscode für die App angezeigt',
    page: '/arbeitgeber/registrierung/geraet/aktivierungscode',
    shows: [
      heading('Geräteregistrierung'),
      text('Geben Sie innerhalb der AOK 2-Faktor App die folgenden Informationen ein, um die Geräteregistrierung durchzuführen:'),
      value('Benutzername/E-Mail-Adresse', '{email}'),
      value('Aktivierungscode', '{code}'),
      text('Die AOK 2-Faktor App fordert Sie anschließend auf, einen PIN-Code festzulegen. Bitte merken Sie sich den PIN-Code gut. Diesen brauchen Sie zukünftig für jede Anmeldung in der AOK 2-Faktor App.'),
      text('Sobald Sie die Aktivierung erfolgreich durchgeführt haben, klicken Sie auf den nachfolgenden Link:'),
      button('Weiter'),
    ],
  },

  // Step 11 shows no words of the app: the walk enters the address and the code there.

  appPin: {
    step: '12. Anschließend vergeben Sie einen selbstgewählten PIN-Code (den Sie sich gut merken), wiederholen diesen und klicken auf „Aktivieren“',
    page: 'app',
    alsoSays: [
      'Die PIN muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen, wobei mindestens drei verschiedene Zahlen zu verwenden sind und keine auf- oder absteigende Zahlenreihe gestattet ist.',
    ],
    shows: [
      text('AOK Zweifaktor App'),
      heading('AOK Zweifaktor App Aktivierung'),
      text('Schritt 2 von 2'),
      text('Wählen Sie bitte einen Code (PIN) für die AOK Zweifaktor App'),
      label('PIN:'),
      text('Bitte wählen Sie einen 6 stelligen Code (PIN) für die künftige Nutzung der AOK Zweifaktor App.'),
      label('Bitte wiederholen Sie Ihren Code (PIN) und bestätigen ihn:'),
      button('Aktivieren'),
    ],
  },

  appDone: {
    step: '12. … klicken auf „Aktivieren“',
    page: 'app',
    shows: [text('AOK Zweifaktor App'), heading('Glückwunsch'), text('AOK Zweifaktor App Login'), button('Jetzt einloggen')],
  },

  completion: {
    step: '13. Ihre AOK schaltet Sie jetzt frei',
    page: '/arbeitgeber/registrierung/abschluss',
    stepper: { labels: STEPS, current: 'Abschluss', done: 3 },
    shows: [
      heading(STATUS_TITLE),
      text('Bestätigung Ihrer E-Mail-Adresse'),
      text('Erfolgreich abgeschlossen'),
      text('Download Arbeitgeberbescheinigung'),
      link('Dokument (erneut) herunterladen'),
      text('Upload Arbeitgeberbescheinigung'),
      link('Dokument (erneut) hochladen'),
      text('Geräteregistrierung'),
      text('Erfolgreich abgeschlossen'),
      text('Aktivierung durch AOK-Administrator'),
      text('Steht noch aus'),
      text(
        'Der Login ist erst nach Prüfung durch Ihre AOK möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde. Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen. Dies kann wenige Tage in Anspruch nehmen.',
      ),
    ],
  },

  // Step 14 quotes no words of the mail; step 15 says what it is for.
  activationMail: {
    step: '14. Sobald die Aktivierung durch die AOK erfolgt ist, erhalten Sie eine E-Mail',
    page: 'mail',
    alsoSays: ['Erst nach erstmaligem Login können Sie Nachrichten und Briefe im Postfach empfangen und senden.'],
    shows: [text('Guten Tag,'), text('Mit freundlichen Grüßen'), text('Ihre {insurer} - Die Gesundheitskasse')],
  },

  login: {
    step: '15. Letzter Schritt: Login – Hierfür können Sie den Link in der E-Mail oder die Schaltfläche „Login“ auf der Startseite von „Mein AOK Arbeitgeberservice“ unter fk.meine.aok.de verwenden.',
    page: '/arbeitgeber/',
    shows: [heading('Mein AOK Arbeitgeberservice'), button('Login')],
    footer: [[text('Bei technischen Problemen auf der Website erreichen Sie uns unter'), link('0800 00 01 692'), link('mein-aok-arbeitgeberservice@itscare.de')]],
  },
});
