import type { ConsentDocument } from '../../core/consents/documents.ts';

/** The provider portal's own versioned texts (manual 002 §2.1: Nutzungs- und Datenverarbeitungsbedingungen), naming the configured brand. */
export const partnerConsents = (brand: string): { terms: ConsentDocument; privacy: ConsentDocument } => ({
  terms: {
    id: 'nutzungsbedingungen',
    title: 'Nutzungsbedingungen',
    acceptance: 'gelesen und akzeptiere sie.',
    version: '2025-01',
    validFrom: '2025-01-01',
    paragraphs: [
      `Diese Nutzungsbedingungen gelten für „Mein ${brand} Gesundheitspartnerservice“, das Onlineportal Ihrer ${brand} für Leistungserbringer.`,
      'Als erster Nutzer eines Leistungserbringers registriert sich ein Leistungserbringer-Administrator (LE-Admin). Die Registrierung setzt für jede IK-Nummer eine von einer juristischen Vertreterin oder einem juristischen Vertreter des Leistungserbringers unterschriebene und gestempelte Arbeitgeberbescheinigung voraus.',
      'Der LE-Admin richtet weitere Nutzer ein, sperrt und löscht sie, vergibt Administrationsrechte, beantragt und beendet das elektronische Zahlungsavis und verwaltet die bereitgestellten Zahlungsavise.',
      'Die Anmeldung erfolgt mit E-Mail-Adresse, Passwort und einem Sicherheitscode aus der 2-Faktor App. Zugangsdaten und PIN sind geheim zu halten. Bei Verdacht auf Missbrauch ist der technische Support unverzüglich zu informieren.',
      'Registrierungen, die nicht innerhalb von 30 Tagen abgeschlossen werden, werden mit allen zugehörigen Daten gelöscht.',
    ],
  },
  privacy: {
    id: 'datenverarbeitungsbedingungen',
    title: 'Datenverarbeitungsbedingungen',
    acceptance: 'gelesen und akzeptiere sie.',
    version: '2025-01',
    validFrom: '2025-01-01',
    paragraphs: [
      `Verantwortlich für die Verarbeitung ist die nach der Region Ihrer IK-Nummer zuständige ${brand}.`,
      'Wir verarbeiten die bei der Registrierung angegebenen Daten (IK-Nummer, Anrede, Titel, Name, E-Mail-Adresse), die hochgeladenen Bescheinigungen und die Zahlungsavise Ihrer Institution, um Ihre Berechtigung zu prüfen und Ihnen das Portal bereitzustellen (Art. 6 Abs. 1 lit. b, c und e DSGVO).',
      `Zahlungsavise enthalten keine Namen von Versicherten. Gelöschte Zahlungsavise werden nur in Ihrem Portal ausgeblendet; die ${brand} bewahrt sie nach den gesetzlichen Aufbewahrungsfristen auf.`,
      'Passwörter speichern wir ausschließlich als nicht umkehrbaren Hashwert, hochgeladene Dokumente verschlüsselt. Wir setzen nur ein technisch notwendiges Sitzungs-Cookie ein; es gibt kein Tracking.',
      'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Beschwerde bei einer Aufsichtsbehörde.',
    ],
  },
});
