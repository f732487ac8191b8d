/**
 * Manual 002, "Mein AOK Gesundheitspartnerservice – Registrierung": the cookie notice, the
 * registration of a provider administrator (LE-Admin) in four steps (§2.1–§2.4) with its mails,
 * and the portal's footer, screen by screen in the manual's order and words.
 *
 * Kept as the manual has it, except the OCR typos "Welter" → "Weiter", "E-Mall" → "E-Mail",
 * "Barrlere" → "Barriere", "Zwel" → "Zwei", "Gesundheitskαsse" → "Gesundheitskasse",
 * "die Firmenstempels" → "des Firmenstempels", "daten" → "Daten". "AOK" is the configured
 * brand (default "AOK"); the manual's author's data (maler.montag@abc.de, 1054 2963, the cookie
 * JSESSIONID) are the walk's own; the confirmation mail's "Ihre AOK" is the AOK of the IK's
 * region, {insurer}.
 */
import { button, heading, label, link, manual, text, value } from './screens.ts';

const STEPS = ['Persönliche Daten', 'Arbeitgeberbescheinigung', 'Geräteregistrierung', 'Abschluss'];

/** §2.3 names the two mails that lead back to the registration status. */
export const STATUS_MAIL_SUBJECTS = ['Status Ihrer Registrierung: Aktivierung Ihres Zugangs', 'Ihre Registrierung'];

export const M002 = manual({
  cookies: {
    step: '1. Startseite – Bevor man Zutritt zu der Plattform erhält, sind die Cookies zu akzeptieren.',
    page: '/partner/cookies',
    shows: [
      heading('Cookies'),
      text(
        'Die AOK verwendet die als Cookies bekannte Technologie. Cookies sind kleine Dateien, die Ihr Browser automatisch erstellt und die auf Ihrem Endgerät (Laptop, Tablet, Smartphone, etc.) abgelegt werden. Cookies richten auf Ihrem Endgerät keinen Schaden an, enthalten keine Viren, Trojaner oder sonstige Schadsoftware. In dem Cookie werden Informationen abgelegt, die sich jeweils im Zusammenhang mit dem spezifisch eingesetzten Endgerät ergeben. Dies bedeutet jedoch nicht, dass wir dadurch unmittelbar Kenntnis von Ihrer Identität erhalten. Auf dieser Webseite kommen sogenannte Session-Cookies (auf eine Sitzung bezogen) zum Einsatz.',
      ),
      text(
        'Bei den auf dieser Webseite eingesetzten Cookies handelt es sich um sog. First Party Cookies. Hierbei handelt es sich um Cookies, die direkt durch den Betreiber dieser Webseite platziert und nur durch diesen verwendet werden.',
      ),
      text(
        'Ihren Browser können Sie so einstellen, dass das Abspeichern von Cookies nicht erlaubt wird. Nähere Informationen zu diesen Funktionen finden Sie in der Dokumentation oder in der Hilfedatei Ihres Browsers. Bitte beachten Sie, dass Sie einige Webseiten oder Teile davon nur eingeschränkt oder gar nicht nutzen können, wenn Sie die Verwendung von Cookies ausschließen.',
      ),
      text('Nachfolgend stellen wir dar, welche Cookies konkret bei der Nutzung dieser Webseite zum Einsatz kommen.'),
      text(
        'Auf dieser Webseite kommen Cookies zum Einsatz, die notwendig sind, um die Webseite störungsfrei anbieten zu können. Diese technisch notwendigen Cookies werden bereits im Zeitpunkt des Aufrufens dieser Webseite auf Ihrem Endgerät abgelegt. Die Nutzung dieser Webseite ist ohne die Verwendung der nachfolgend aufgelisteten Cookies leider nicht möglich. Sofern im Zusammenhang mit diesen technisch notwendigen Cookies auch personenbezogene Daten verarbeitet werden, erfolgt dieses auf Grundlage von Art. 6 Abs. 1 lit. f DSGVO. Eine Webseite störungsfrei darstellen zu können, ist ein berechtigtes Interesse im Sinne dieser Vorschrift. Die gebotene pauschalierende Interessenabwägung kommt zu dem Ergebnis, dass überwiegende Interessen der Nutzer an einem Ausschluss dieser Datenverarbeitung nicht anzunehmen sind. Folgende technische notwendigen Cookies kommen auf dieser Webseite zum Einsatz:',
      ),
      value('Bezeichnung des Cookies', '{cookie}'),
      text(
        'Dieses Cookie wird verwendet, um den Benutzer während der Dauer der Nutzung dieser Webseite wiedererkennen und die angefragten Inhalte dem richtigen Endgerät zuordnen zu können. Die Lebensdauer dieses Cookie entspricht der Dauer der Session, d.h. der Zeit, die Sie auf der Webseite verbringen, ohne zwischenzeitlich Ihren Browser zu schließen und wird nach Ablauf der Session automatisch gelöscht.',
      ),
      button('Akzeptieren'),
    ],
  },

  start: {
    step: '1. Startseite – Die Registrierung und auch die Anmeldung für "Mein AOK Gesundheitspartnerservice" erfolgt über die Startseite.',
    page: '/partner/',
    // §2: the first user, and §2.4: "Hilfe" on the start page
    alsoSays: [
      'Als erster Nutzer muss ein Leistungserbringer-Administrator (LE-Admin) registriert werden. Dieser LE-Admin hat erweiterte Rechte und ist für die Verwaltung des Postfachs verantwortlich.',
      link('Hilfe'),
    ],
    shows: [heading('Mein AOK Gesundheitspartnerservice'), button('Login')],
  },

  personalData: {
    step: '2.1 Persönliche Daten',
    page: '/partner/registrierung',
    stepper: { labels: STEPS, current: 'Persönliche Daten', done: 0 },
    // "Nach Eingabe der IK-Nummer wird automatisch die Bezeichnung der Institution eingeblendet": the walk types the IK and sees it
    alsoSays: [
      text('{institution}'),
      'Nach Eingabe der persönlichen Daten müssen sowohl die Nutzungsbedingungen als auch die Datenverarbeitungsbedingungen durch Klick bestätigt werden. Zur Fortsetzung der Registrierung klicken Sie auf Weiter.',
      label('Nutzungsbedingungen', { name: /Nutzungsbedingungen/ }),
      label('Datenverarbeitungsbedingungen', { name: /Datenverarbeitungsbedingungen/ }),
    ],
    shows: [
      heading('Persönliche Daten'),
      text('Geben Sie hier eine IK-Nummer und Ihre persönlichen Daten ein:'),
      text('Wichtig:'),
      text('Sollen zukünftig mehrere IK-Nummern verwaltet werden, können diese nach Abschluss der Erstregistrierung über den Menüpunkt "IK-Verwaltung" im Portal hinzugefügt werden.'),
      label('IK-Nummer'),
      button('Weiter'),
    ],
  },

  // its subject is one of the two §2.3 names (STATUS_MAIL_SUBJECTS): it leads to the registration status
  confirmationMail: {
    step: '2.1 … Öffnen Sie die E-Mail und klicken Sie auf Bestätigung E-Mail-Adresse',
    page: 'mail',
    shows: [
      text('Guten Tag,'),
      text('wir haben Ihre Daten erfolgreich erfasst. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb der nächsten 720 Stunden über folgenden Link:'),
      link('Bestätigung E-Mail-Adresse'),
      text('Wenn Sie Ihren aktuellen Registrierungsstatus einsehen wollen oder die Registrierung fortsetzen möchten, verwenden Sie diesen Link:'),
      link('Zum Registrierungsstatus →'),
      text('Bitte schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab, anderenfalls werden Ihre Registrierungsdaten aufgrund gesetzlicher Vorgaben gelöscht. Sie können sich jedoch jederzeit erneut registrieren.'),
      text('Mit freundlichen Grüßen'),
      text('Ihre {insurer} - Die Gesundheitskasse'),
    ],
  },

  emailConfirmed: {
    step: '2.1 … Sobald die E-Mail-Adresse bestätigt ist, kann die Registrierung fortgesetzt werden.',
    page: '/partner/registrierung/bestaetigung',
    shows: [heading('Bestätigung E-Mail-Adresse'), text('Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt.'), button('Registrierung fortsetzen')],
  },

  certificate: {
    step: '2.2 Arbeitgeberbescheinigung',
    page: '/partner/registrierung/bescheinigung',
    stepper: { labels: STEPS, current: 'Arbeitgeberbescheinigung', done: 1 },
    alsoSays: [
      'Die Arbeitgeberbescheinigung dient dem Nachweis Ihres Beschäftigungsverhältnisses sowie Ihrer Legitimation als LE-Admin. Sie ist für jede zu registrierende IK-Nummer vorzulegen.',
      'Laden Sie anschließend die Arbeitgeberbescheinigung im PDF-Format über den Button "Datei auswählen" hoch.',
      label('Datei auswählen'),
    ],
    shows: [
      heading('Arbeitgeberbescheinigung'),
      text(
        'Im Rahmen der Erstregistrierung bzw. bei Rücksetzung des Authentifikations-Gerätes ist eine aktuelle Arbeitgeberbescheinigung erforderlich. Durch diese werden Sie als Administrator bevollmächtigt. Nutzen Sie hierzu folgenden Link:',
      ),
      button('PDF herunterladen'),
      text('Wichtig:'),
      text(
        'Die Arbeitgeberbescheinigung muss vollständig ausgefüllt werden. Auf Seite 2 können Sie weitere IK-Nummern, die ebenfalls über "Mein AOK Gesundheitspartnerservice" verwaltet werden sollen, eintragen. Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des Leistungserbringers zu unterschreiben. Ein Abdruck des Firmenstempels sollte erfolgen.',
      ),
      heading('Dateianhang'),
      text(
        'Hier können Sie Ihre Unterlagen hochladen. Bitte beachten Sie, dass Ihre Anhänge insgesamt nicht mehr als 10 MB groß sein dürfen und einem der folgenden Formate entsprechen: docx, xlsx, heic, text, jpg, gif, tiff, png, pptx, jpeg, tif, pdf.',
      ),
    ],
  },

  uploaded: {
    step: '2.2 … Sobald der Vorgang abgeschlossen ist, wird die Datei folgendermaßen angezeigt: … über den Button "löschen" entfernen … Nach Abschluss des Vorgangs, klicken Sie auf "Weiter".',
    page: '/partner/registrierung/bescheinigung',
    alsoSays: [
      'Sofern eine falsche Datei hochgeladen wurde, können Sie diese über den Button "löschen" entfernen und eine neue Datei auswählen.',
      'Wichtig:',
      'Die Arbeitgeberbescheinigung kann auch zu einem späteren Zeitpunkt hochgeladen werden.',
      'Der Registrierungsprozess (z. B. die Geräteregistrierung) kann trotzdem fortgesetzt werden.',
    ],
    shows: [text('{file}'), button('löschen', { name: /löschen/i }), button('Weiter')],
  },

  deviceIntro: {
    step: '2.3 Geräteregistrierung',
    page: '/partner/registrierung/geraet',
    stepper: { labels: STEPS, current: 'Geräteregistrierung', done: 2 },
    alsoSays: [
      'Die Geräteregistrierung ist Bestandteil der Zwei-Faktor-Authentifizierung. Sie gewährleistet eine sichere Nutzung von "Mein AOK Gesundheitspartnerservice" und schützt Ihre persönlichen Daten vor nicht autorisierten Zugriffen.',
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
    step: '2.3 … Es öffnet sich eine neue Seite für den Download der AOK Zwei-Faktor-Authentifizierungsapp. Die App steht für verschiedene Betriebssysteme zur Verfügung (Windows, MacOS, Android, iOS).',
    page: '/partner/registrierung/geraet/app',
    alsoSays: [
      'Die App steht für verschiedene Betriebssysteme zur Verfügung (Windows, MacOS, Android, iOS).',
      'Die Apps sind sicherheitsgeprüft und können daher auf Ihrem Endgerät installiert werden. Führen Sie bitte zuerst die Installation vollständig durch, bevor Sie mit der Registrierung fortfahren.',
    ],
    shows: [
      heading('Geräteregistrierung'),
      text('Bitte laden Sie die AOK 2-Faktor App herunter und installieren Sie diese anschließend.'),
      text(
        'Hinweis: Die aktuellsten Versionen der jeweiligen Betriebssysteme werden voll unterstützt. Die Kompatibilität mit älteren Betriebssystemen kann nicht garantiert werden. Für eine Nutzung über Citrix-Umgebungen wenden Sie sich an den technischen Support. Wir empfehlen jedoch die Verwendung eines Smartphones.',
      ),
      button('Weiter'),
    ],
  },

  activationCode: {
    step: '2.3 … Es wird ein Aktivierungscode generiert:',
    page: '/partner/registrierung/geraet/aktivierungscode',
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

  appTerms: {
    step: '2.3 … Schritt 1: Nutzungsbedingungen akzeptieren. Sobald diese bestätigt wurden, kann die Aktivierung fortgesetzt werden.',
    page: 'app',
    shows: [
      text('AOK Zweifaktor App'),
      text('Für einen erfolgreichen Login und um die "AOK 2-Faktor App" nutzen zu können, stimmen Sie den Nutzungsbedingungen bitte zu. Diese sind ab sofort gültig.'),
      label('Ich habe die Nutzungsbedingungen gelesen und akzeptiere diese.'),
      button('Akzeptieren'),
    ],
  },

  appActivation: {
    step: '2.3 … Schritt 2: Benutzername / E-Mail-Adresse eingeben (Beispiel: max.mustermann@abc.de) Aktivierungscode eintragen (Beispiel: 10542963)',
    page: 'app',
    shows: [
      text('Zur Aktivierung geben Sie bitte Ihren Benutzernamen oder Ihre E-Mail-Adresse und den Aktivierungscode ein.'),
      label('Benutzername / E-Mail Adresse:'),
      label('Aktivierungscode:'),
    ],
  },

  appPin: {
    step: '2.3 … Schritt 3: 6-stelligen PIN-Code vergeben (selbst gewählt, nur Ziffern, keine Sonderzeichen verwenden) Code-Eingabe wiederholen',
    page: 'app',
    // 'Nach Eingabe des Codes, kann die Schaltfläche "Aktivieren" angeklickt werden.'
    shows: [button('Aktivieren')],
  },

  appDone: {
    step: '2.3 … Glückwunsch',
    page: 'app',
    shows: [heading('Glückwunsch'), text('AOK Zweifaktor App Login'), button('Jetzt einloggen')],
  },

  completion: {
    step: '2.4 Abschluss',
    page: '/partner/registrierung/abschluss',
    stepper: { labels: STEPS, current: 'Abschluss', done: 3 },
    alsoSays: [
      'Damit ist die Registrierung Ihrerseits abgeschlossen. Das Einloggen ist jedoch erst nach Freischaltung durch die AOK möglich.',
      'Nach erfolgreicher Registrierung (Bestätigung E-Mail-Adresse, Upload der Arbeitgeberbescheinigung und Geräteregistrierung), erhält die regional zuständige AOK einen Auftrag zur Freischaltung.',
      'Die Freischaltung erfolgt im Anschluss an die Prüfung der Arbeitgeberbescheinigung. Sobald die Prüfung abgeschlossen und die Freigabe erfolgt ist, erhalten Sie erneut eine E-Mail an Ihre persönliche E-Mail-Adresse.',
    ],
    shows: [],
  },

  activationMail: {
    step: '2.4 … erhalten Sie erneut eine E-Mail an Ihre persönliche E-Mail-Adresse.',
    page: 'mail',
    shows: [
      text('Guten Tag,'),
      text('Ihre Registrierung als Leistungserbringer (Administrator) wurde erfolgreich abgeschlossen.'),
      text('Sie können sich über den nachfolgenden Link nun bei "Mein AOK Gesundheitspartnerservice" anmelden.'),
      text('Für den Login benutzen Sie Ihre bereits bekannten Daten.'),
      link('Zur Startseite'),
      text('Mit freundlichen Grüßen'),
      text('Ihre AOK - Die Gesundheitskasse'),
    ],
  },

  footer: {
    step: '2.4 … Weitere Informationen bzw. Antworten zu häufig gestellten Fragen finden Sie unter "Hilfe" auf der Startseite.',
    page: '/partner/',
    shows: [],
    footer: [
      [
        text('Mein AOK Gesundheitspartnerservice'),
        link('Barrierefreiheit'),
        link('Barriere melden'),
        link('Hilfe'),
        link('Download Zwei-Faktor-Authentifizierung'),
      ],
      [
        text('Bei technischen Problemen wenden Sie sich bitte an unseren technischen Support:'),
        text('E-Mail:'),
        link('Support-OSLE@itscare.de'),
        text('Hotline:'),
        link('0800/7236598'),
        text('Bei Fragen rund um das Thema Zahlungsavise können Sie folgendermaßen mit uns in Kontakt treten:'),
        text('E-Mail:'),
        link('eAvise-OSLE@by.aok.de'),
        text('Hotline:'),
        link('089/62730-144'),
        text('AOK Bayern - Die Gesundheitskasse Bereich Finanzen'),
      ],
    ],
  },

  // "Sie können sich nun einloggen und die weiteren Einstellungen, z.B. Aktivierung eAvis, Nutzer einladen oder weitere
  // IK-Nummer hinzufügen, vornehmen." — with the Menüpunkt "IK-Verwaltung" of §2.1 and the Postfach the LE-Admin keeps (§2)
  dashboard: {
    step: '2.4 … Die Registrierung ist erfolgreich abgeschlossen. Sie können sich nun einloggen und die weiteren Einstellungen, z.B. Aktivierung eAvis, Nutzer einladen oder weitere IK-Nummer hinzufügen, vornehmen.',
    page: '/partner/startseite',
    alsoSays: [link('IK-Verwaltung', { name: /IK-Verwaltung/ }), link('Postfach', { name: /Postfach/ })],
    shows: [heading('Startseite von Mein AOK Gesundheitspartnerservice')],
  },
});
