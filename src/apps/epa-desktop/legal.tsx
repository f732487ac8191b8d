import Html from '@kitajs/html';
import { BRAND, CLIENT, PRODUCT } from './product.ts';

/**
 * The information pages the login and the Übersicht link to: what an insurer publishes for such a
 * client, kept short. Each is plain content, shipped with the program, readable before login.
 */
export interface InfoPage {
  path: string;
  title: string;
  body: () => JSX.Element;
}

const NoEpaYet = () => (
  <>
    <p>
      Seit 2025 erhalten alle gesetzlich Versicherten eine elektronische Patientenakte (ePA), sofern sie nicht widersprochen haben. Um sie mit diesem Desktop
      Client zu nutzen, müssen Sie bei Ihrer {BRAND} für die ePA registriert sein und sich mit der „{BRAND} Ident“-App ausweisen können.
    </p>
    <h2>So kommen Sie zu Ihrer ePA</h2>
    <ol>
      <li>
        <strong>Identität nachweisen.</strong> Ihre {BRAND} prüft einmal, dass Sie es sind – in einer Geschäftsstelle mit Ihrem Ausweis oder online mit der
        Online-Ausweisfunktion Ihres Personalausweises und Ihrer Gesundheitskarte.
      </li>
      <li>
        <strong>Aktivierungsbrief abwarten.</strong> Sie erhalten per Post einen Brief mit Ihrer Versichertennummer und einem Aktivierungscode.
      </li>
      <li>
        <strong>„{BRAND} Ident“-App aktivieren.</strong> Aktivieren Sie die App auf Ihrem Smartphone mit dem Brief und legen Sie Ihren GesundheitsID-Code
        fest.
      </li>
      <li>
        <strong>Hier anmelden.</strong> Legen Sie in diesem Programm einen lokalen Benutzer an, wählen Sie auf der Übersicht „Elektronische Patientenakte
        (ePA)“ und melden Sie sich mit der App an.
      </li>
    </ol>
    <p>
      Sie möchten keine ePA? Dann können Sie jederzeit bei Ihrer {BRAND} widersprechen; mehr dazu unter{' '}
      <a href="/gesundheitswissen/widerspruch">Widerspruch: So entscheiden Sie selbst</a>.
    </p>
  </>
);

const UsageNotes = () => (
  <>
    <h2>Voraussetzungen</h2>
    <ul>
      <li>Windows 10 oder neuer, macOS 12 oder neuer oder eine aktuelle Linux-Distribution (z. B. Ubuntu 22.04),</li>
      <li>ein aktueller Browser (Firefox, Chrome, Edge oder Safari) – der Client öffnet seine Seiten darin,</li>
      <li>eine Internetverbindung für die Anmeldung in der ePA und das Laden von Dokumenten,</li>
      <li>ein Smartphone mit der aktivierten „{BRAND} Ident“-App.</li>
    </ul>
    <h2>Lokale Benutzer</h2>
    <p>
      Ein lokaler Benutzer gilt nur für diesen Computer. Er schützt, was der Client hier speichert (Ihre Versichertennummer, den Schlüssel des Geräts,
      Einstellungen), mit Ihrem Kennwort. Mehrere Personen können an einem Computer je einen eigenen lokalen Benutzer anlegen.
    </p>
    <p>
      Nach mehreren falschen Kennwörtern müssen Sie eine Weile warten, bevor Sie es erneut versuchen können; die Wartezeit wächst mit jedem weiteren Fehlversuch.
      Haben Sie Ihr Kennwort vergessen, legen Sie einen neuen lokalen Benutzer an; Ihre ePA bleibt davon unberührt.
    </p>
    <h2>Programm beenden</h2>
    <p>
      Melden Sie sich mit „Abmelden“ ab. Das Programm selbst beenden Sie im Fenster, in dem es läuft (Strg+C), oder indem Sie sich vom Computer abmelden.
      Solange es läuft, sind seine Seiten nur auf diesem Computer erreichbar.
    </p>
    <h2>Hilfe</h2>
    <p>Bei Fragen zur ePA und zu diesem Programm hilft Ihnen Ihre {BRAND} – telefonisch, in der Geschäftsstelle oder über das Kontaktformular auf aok.de.</p>
  </>
);

const Terms = () => (
  <>
    <p>
      Diese Nutzungsbedingungen gelten für den {PRODUCT} {CLIENT} (im Folgenden „Client“), mit dem Versicherte ihre elektronische Patientenakte (ePA) am Computer
      nutzen. Anbieterin der ePA ist Ihre {BRAND} als Ihre Krankenkasse.
    </p>
    <h2>1. Leistungsumfang</h2>
    <p>
      Der Client ermöglicht die Anmeldung in Ihrer ePA mit der „{BRAND} Ident“-App, das Ansehen, Hinzufügen, Speichern und Löschen von Dokumenten, die Einsicht in
      das Zugriffsprotokoll und die Verwaltung von Vertretungen. Er wird kostenlos bereitgestellt.
    </p>
    <h2>2. Ihre Pflichten</h2>
    <ul>
      <li>Sie halten Ihr Kennwort und Ihren GesundheitsID-Code geheim und geben sie nicht weiter.</li>
      <li>Sie nutzen den Client nur auf einem Computer, den Sie mit einer Bildschirmsperre und aktueller Software schützen.</li>
      <li>Sie stellen nur Dokumente ein, die Ihre eigene Gesundheit betreffen oder die einer Person, die Sie vertreten.</li>
    </ul>
    <h2>3. Verfügbarkeit</h2>
    <p>
      Ihre {BRAND} bemüht sich um eine ständige Verfügbarkeit der ePA, kann sie aber wegen Wartung, Störungen der Telematikinfrastruktur oder höherer Gewalt
      nicht garantieren. In dringenden Fällen wenden Sie sich bitte direkt an Ihre behandelnde Praxis.
    </p>
    <h2>4. Haftung</h2>
    <p>
      Die Inhalte der ePA stammen von Ihren Behandelnden, von Ihrer {BRAND} und von Ihnen selbst. Für die medizinische Richtigkeit der Dokumente sind diejenigen
      verantwortlich, die sie eingestellt haben. Der Client ersetzt keine ärztliche Beratung.
    </p>
    <h2>5. Änderungen</h2>
    <p>
      Ändern sich diese Bedingungen, zeigt Ihnen der Client die neue Fassung bei der nächsten Anmeldung an. Es gilt die Fassung, die Sie zuletzt zur Kenntnis
      genommen haben.
    </p>
    <p class="small">Stand: Januar 2025</p>
  </>
);

const Privacy = () => (
  <>
    <p>
      Der Schutz Ihrer Gesundheitsdaten hat für uns höchste Priorität. Hier erfahren Sie, welche Daten der {CLIENT} wo verarbeitet (Art. 13 DSGVO).
    </p>
    <h2>Verantwortlich</h2>
    <p>
      Verantwortlich für die Verarbeitung ist die {BRAND}, bei der Sie versichert sind. Deren Datenschutzbeauftragte oder Datenschutzbeauftragten erreichen
      Sie unter der Anschrift Ihrer {BRAND} mit dem Zusatz „Datenschutzbeauftragte/r“.
    </p>
    <h2>Daten auf Ihrem Computer</h2>
    <p>
      Der Client speichert für jeden lokalen Benutzer eine Datei im Datenordner Ihres Betriebssystem-Benutzers. Sie enthält Benutzername, Versichertennummer,
      Krankenkasse, den Schlüssel dieses Geräts und Anmeldedaten der ePA – vollständig verschlüsselt mit einem Schlüssel, der aus Ihrem Kennwort abgeleitet
      wird (argon2id, AES-256-GCM). Ohne Ihr Kennwort kann niemand diese Daten lesen, auch Ihre {BRAND} nicht. Der Client sendet keine Nutzungsstatistiken.
    </p>
    <h2>Daten in der ePA</h2>
    <p>
      Ihre ePA wird nach §§ 341 ff. SGB V geführt. Rechtsgrundlage der Verarbeitung ist Art. 9 Abs. 2 lit. h DSGVO in Verbindung mit §§ 341 bis 344 SGB V.
      Jeder Zugriff wird protokolliert; die Protokolle werden drei Jahre aufbewahrt und können von Ihnen eingesehen werden.
    </p>
    <h2>Ihre Rechte</h2>
    <p>
      Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie das Recht, der ePA oder einzelnen Funktionen zu
      widersprechen. Sie können sich bei der oder dem Bundesbeauftragten für den Datenschutz und die Informationsfreiheit (BfDI) oder der für Ihre {BRAND}{' '}
      zuständigen Aufsichtsbehörde beschweren.
    </p>
  </>
);

const Imprint = () => (
  <>
    <p>
      Der {PRODUCT} {CLIENT} ist ein Angebot der {BRAND} – Die Gesundheitskasse. Anbieterin im Sinne des § 5 DDG ist die {BRAND}, bei der Sie versichert sind; die
      Anschrift Ihrer {BRAND} finden Sie auf Ihrer Gesundheitskarte und in Ihrem Aktivierungsbrief.
    </p>
    <h2>Rechtsform und Aufsicht</h2>
    <p>
      Die {BRAND}s sind Körperschaften des öffentlichen Rechts. Sie werden durch ihren Vorstand vertreten und unterliegen der Aufsicht des für die
      Sozialversicherung zuständigen Ministeriums ihres Bundeslandes.
    </p>
    <h2>Technischer Betrieb</h2>
    <p>
      Die ePA wird in der Telematikinfrastruktur betrieben, die die gematik GmbH, Friedrichstraße 136, 10117 Berlin, spezifiziert und zulässt.
    </p>
    <h2>Haftung für Links</h2>
    <p>Für die Inhalte verlinkter Seiten anderer Anbieter, etwa des BSI, sind deren Anbieter verantwortlich.</p>
  </>
);

export const INFO_PAGES: InfoPage[] = [
  { path: '/noch-keine-epa', title: 'Noch keine ePA vorhanden?', body: NoEpaYet },
  { path: '/nutzungshinweise', title: 'Nutzungshinweise', body: UsageNotes },
  { path: '/nutzungsbedingungen', title: 'Nutzungsbedingungen', body: Terms },
  { path: '/datenschutz', title: 'Datenschutzerklärung', body: Privacy },
  { path: '/impressum', title: 'Impressum', body: Imprint },
];
