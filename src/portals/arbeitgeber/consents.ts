import type { ConsentDocument } from '../../core/consents/documents.ts';

/** Mein AOK Arbeitgeberservice's versioned texts (manual 000 step 2: Nutzungsbedingungen, Datenschutzhinweise), naming the configured brand. */
export function arbeitgeberConsents(brand: string): { terms: ConsentDocument; privacy: ConsentDocument } {
  return {
    terms: {
      id: 'nutzungsbedingungen',
      title: 'Nutzungsbedingungen',
      acceptance: 'gelesen und akzeptiere sie.',
      version: '2026-01',
      validFrom: '2026-01-01',
      paragraphs: [
        `Diese Nutzungsbedingungen gelten für „Mein ${brand} Arbeitgeberservice“, die Online-Geschäftsstelle Ihrer ${brand} für Firmenkunden.`,
        'Zugang erhalten nur Unternehmens-Administratoren und die von ihnen eingerichteten Nutzerinnen und Nutzer. Die Registrierung als Administrator setzt eine von der Geschäftsführung, einer Prokuristin oder einem Prokuristen oder einer oder einem Handlungsbevollmächtigten unterschriebene Arbeitgeberbescheinigung voraus.',
        'Die Anmeldung erfolgt mit E-Mail-Adresse, Passwort und einem Sicherheitscode aus der 2-Faktor App. Zugangsdaten und PIN sind geheim zu halten und dürfen nicht weitergegeben werden. Bei Verdacht auf Missbrauch ist der technische Support unverzüglich zu informieren.',
        'Registrierungen, die nicht innerhalb von 30 Tagen abgeschlossen werden, werden mit allen zugehörigen Daten gelöscht.',
        `Ihre ${brand} kann den Zugang sperren, wenn Anhaltspunkte für eine missbräuchliche Nutzung bestehen.`,
      ],
    },
    privacy: {
      id: 'datenschutzhinweise',
      title: 'Datenschutzhinweise',
      acceptance: 'zur Kenntnis genommen.',
      version: '2026-01',
      validFrom: '2026-01-01',
      paragraphs: [
        `Verantwortlich für die Verarbeitung Ihrer Daten ist die von Ihnen gewählte ${brand}.`,
        'Wir verarbeiten die bei der Registrierung angegebenen Daten (Betriebsnummer, Anrede, Titel, Name, E-Mail-Adresse) und die hochgeladenen Dokumente, um Ihre Berechtigung als Unternehmens-Administrator zu prüfen und Ihnen den Zugang bereitzustellen (Art. 6 Abs. 1 lit. c und e DSGVO).',
        'Passwörter speichern wir ausschließlich als nicht umkehrbaren Hashwert; hochgeladene Dokumente verschlüsselt.',
        'Wir setzen nur ein technisch notwendiges Sitzungs-Cookie ein. Es gibt kein Tracking.',
        'Nicht abgeschlossene Registrierungen werden nach 30 Tagen gelöscht. Sicherheitsrelevante Vorgänge werden protokolliert.',
        'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Beschwerde bei einer Aufsichtsbehörde.',
      ],
    },
  };
}
