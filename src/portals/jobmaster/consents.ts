import type { ConsentDocument } from '../../core/consents/documents.ts';

export interface JobmasterConsents {
  terms: ConsentDocument;
  privacy: ConsentDocument;
  /** the optional "Einwilligungserklärung" for information mails (manual 004), versioned and revocable */
  marketing: ConsentDocument;
}

/** The Jobmaster's versioned texts: Nutzungsbedingungen and Datenschutzhinweise to confirm, the Einwilligungserklärung to choose. */
export function jobmasterConsents(brand: string): JobmasterConsents {
  return {
    terms: {
      id: 'nutzungsbedingungen',
      title: 'Nutzungsbedingungen',
      acceptance: 'gelesen und akzeptiere sie.',
      version: '2026-12',
      validFrom: '2026-12-01',
      paragraphs: [
        `Der ${brand} Jobmaster bringt Berufsstarterinnen und Berufsstarter mit Arbeitgebern zusammen, die Ausbildungsplätze, Praktika, duale Studienplätze und Stellen anbieten.`,
        `Arbeitgeber können Stellenanzeigen erst veröffentlichen, nachdem Ihre ${brand} die Angaben geprüft und die Registrierung freigegeben hat. Stellenanzeigen müssen wahr sein, dürfen nicht diskriminieren und nur Angebote des registrierten Unternehmens enthalten.`,
        'Zugangsdaten und die Antwort auf die Kennwortfrage sind geheim zu halten. Der Login gehört der Person, die sich registriert hat; wechselt die Zuständigkeit im Unternehmen, ist der Hauptansprechpartner im Portal zu wechseln.',
        `Ihre ${brand} kann Stellenanzeigen deaktivieren und Zugänge sperren, wenn sie gegen diese Bedingungen verstoßen.`,
      ],
    },
    privacy: {
      id: 'datenschutzhinweise',
      title: 'Datenschutzhinweise',
      acceptance: 'zur Kenntnis genommen.',
      version: '2026-12',
      validFrom: '2026-12-01',
      paragraphs: [
        `Verantwortlich für die Verarbeitung Ihrer Daten im Jobmaster ist Ihre ${brand}.`,
        'Wir verarbeiten die Angaben Ihrer Registrierung (bei Arbeitgebern Firmenname, Betriebsnummer, Anschrift und die Ansprechpartner; bei Bewerberinnen und Bewerbern Anrede und Name), Ihre E-Mail-Adresse und Ihren Loginverlauf, um Ihnen den Zugang bereitzustellen und Missbrauch zu erkennen.',
        'Veröffentlichte Stellenanzeigen sind mit Firmenname, Firmenlogo und dem angegebenen Ansprechpartner öffentlich auffindbar.',
        'Passwörter und die Antwort auf die Kennwortfrage speichern wir ausschließlich als nicht umkehrbaren Hashwert. Wir setzen nur ein technisch notwendiges Sitzungs-Cookie ein. Es gibt kein Tracking.',
        'Wenn Sie Ihr Profil löschen, löschen wir Ihre Daten und Stellenanzeigen; im Protokoll bleibt nur, dass es geschehen ist.',
      ],
    },
    marketing: {
      id: 'einwilligungserklaerung',
      title: 'Einwilligungserklärung',
      acceptance: 'gelesen und willige ein.',
      version: '2026-12',
      validFrom: '2026-12-01',
      paragraphs: [
        `Ich willige ein, dass mir meine ${brand} per E-Mail interessante Informationen für Arbeitgeber, Seminartermine und Neuerungen, z. B. rund um den Jobmaster, schickt.`,
        'Die Einwilligung ist freiwillig. Sie können sie jederzeit unter „Einwilligungen ändern“ in Ihrem Konto widerrufen; der Widerruf gilt ab diesem Zeitpunkt.',
      ],
    },
  };
}
