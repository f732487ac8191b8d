import type { PortalWords } from '../../modules/registration/mails.ts';
import type { RegistrationWords } from '../../modules/registration/words.ts';

const PRODUCT = 'Gesundheitspartnerservice';
const ROLE = 'Leistungserbringer (Administrator)';

/**
 * Manual 002 §2.3 names the two mails that lead back to the registration status: the confirmation
 * is "Ihre Registrierung"; the insurer's later word on the activation (a correction asked for, a
 * device reset decided) is "Status Ihrer Registrierung: Aktivierung Ihres Zugangs".
 */
export const PARTNER_SUBJECTS = {
  confirmation: 'Ihre Registrierung',
  decision: 'Status Ihrer Registrierung: Aktivierung Ihres Zugangs',
} as const;

/** How Mein AOK Gesundheitspartnerservice names itself in mails. */
export function partnerWords(brand: string): PortalWords {
  return { brand, product: PRODUCT, role: ROLE, organisation: 'Ihrer Einrichtung', subjects: { ...PARTNER_SUBJECTS } };
}

/** Manual 002 §2.1 to §2.4: what the registration pages say to a provider's LE-Admin. */
export function partnerRegistrationWords(brand: string): RegistrationWords {
  const portal = `"Mein ${brand} ${PRODUCT}"`;
  return {
    brand,
    title: `Registrierung ${ROLE}`,
    product: PRODUCT,
    role: ROLE,
    identifierLabel: 'IK-Nummer',
    steps: ['Persönliche Daten', 'Arbeitgeberbescheinigung', 'Geräteregistrierung', 'Abschluss'],
    personal: {
      intro: [
        'Geben Sie hier eine IK-Nummer und Ihre persönlichen Daten ein:',
        {
          title: 'Wichtig:',
          paragraphs: [
            'Sollen zukünftig mehrere IK-Nummern verwaltet werden, können diese nach Abschluss der Erstregistrierung über den Menüpunkt "IK-Verwaltung" im Portal hinzugefügt werden.',
          ],
        },
      ],
      consents: [
        'Nach Eingabe der persönlichen Daten müssen sowohl die Nutzungsbedingungen als auch die Datenverarbeitungsbedingungen durch Klick bestätigt werden. Zur Fortsetzung der Registrierung klicken Sie auf Weiter.',
      ],
    },
    certificate: {
      beforeDownload: [
        'Die Arbeitgeberbescheinigung dient dem Nachweis Ihres Beschäftigungsverhältnisses sowie Ihrer Legitimation als LE-Admin. Sie ist für jede zu registrierende IK-Nummer vorzulegen.',
        'Laden Sie das PDF-Formular herunter, drucken Sie es aus und ergänzen die erforderlichen Daten.',
      ],
      afterDownload: [
        {
          title: 'Wichtig:',
          paragraphs: [
            `Die Arbeitgeberbescheinigung muss vollständig ausgefüllt werden. Auf Seite 2 können Sie weitere IK-Nummern, die ebenfalls über ${portal} verwaltet werden sollen, eintragen. Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des Leistungserbringers zu unterschreiben. Ein Abdruck des Firmenstempels sollte erfolgen.`,
          ],
        },
        'Laden Sie anschließend die Arbeitgeberbescheinigung im PDF-Format über den Button "Datei auswählen" hoch.',
      ],
      uploadHeading: 'Dateianhang',
      uploadIntro: [
        'Hier können Sie Ihre Unterlagen hochladen. Bitte beachten Sie, dass Ihre Anhänge insgesamt nicht mehr als 10 MB groß sein dürfen und einem der folgenden Formate entsprechen: docx, xlsx, heic, text, jpg, gif, tiff, png, pptx, jpeg, tif, pdf.',
      ],
      fileHint: 'Sofern eine falsche Datei hochgeladen wurde, können Sie diese über den Button "löschen" entfernen und eine neue Datei auswählen.',
      deleteLabel: 'löschen',
      closing: [
        {
          title: 'Wichtig:',
          paragraphs: [
            'Die Arbeitgeberbescheinigung kann auch zu einem späteren Zeitpunkt hochgeladen werden.',
            'Der Registrierungsprozess (z. B. die Geräteregistrierung) kann trotzdem fortgesetzt werden.',
            'Über die Bestätigung-E-Mail können Sie den Registrierungsstatus einsehen und die Registrierung ggf. fortsetzen.',
          ],
        },
      ],
    },
    device: {
      intro: [
        `Die Geräteregistrierung ist Bestandteil der Zwei-Faktor-Authentifizierung. Sie gewährleistet eine sichere Nutzung von ${portal} und schützt Ihre persönlichen Daten vor nicht autorisierten Zugriffen.`,
      ],
      download: [
        'Die App steht für verschiedene Betriebssysteme zur Verfügung (Windows, MacOS, Android, iOS).',
        'Die Apps sind sicherheitsgeprüft und können daher auf Ihrem Endgerät installiert werden. Führen Sie bitte zuerst die Installation vollständig durch, bevor Sie mit der Registrierung fortfahren. Nach der abgeschlossenen Installation klicken Sie auf "Weiter".',
      ],
    },
    completion: {
      done: [
        `Damit ist die Registrierung Ihrerseits abgeschlossen. Das Einloggen ist jedoch erst nach Freischaltung durch die ${brand} möglich.`,
        `Nach erfolgreicher Registrierung (Bestätigung E-Mail-Adresse, Upload der Arbeitgeberbescheinigung und Geräteregistrierung), erhält die regional zuständige ${brand} einen Auftrag zur Freischaltung.`,
        'Die Freischaltung erfolgt im Anschluss an die Prüfung der Arbeitgeberbescheinigung. Sobald die Prüfung abgeschlossen und die Freigabe erfolgt ist, erhalten Sie erneut eine E-Mail an Ihre persönliche E-Mail-Adresse.',
      ],
      pending: [
        `Wenn die Registrierung noch nicht beendet ist, können Sie über die E-Mail "${PARTNER_SUBJECTS.decision}" oder "${PARTNER_SUBJECTS.confirmation}" zum Registrierungsstatus abspringen und den Registrierungsprozess fortsetzen.`,
      ],
    },
  };
}
