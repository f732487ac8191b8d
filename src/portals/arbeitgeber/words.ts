import type { PortalWords } from '../../modules/registration/mails.ts';
import type { RegistrationWords } from '../../modules/registration/words.ts';

const PRODUCT = 'Arbeitgeberservice';
const ROLE = 'Firmenkunde (Administrator)';

/** How Mein AOK Arbeitgeberservice names itself in mails; the confirmation's subject is manual 000's. */
export function arbeitgeberWords(brand: string): PortalWords {
  return {
    brand,
    product: PRODUCT,
    role: ROLE,
    organisation: 'Ihres Unternehmens',
    subjects: { confirmation: `Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „${PRODUCT}“ als ${ROLE}` },
  };
}

/** Manual 000, steps 2 to 13: what the registration pages say to an employer's administrator. */
export function arbeitgeberRegistrationWords(brand: string): RegistrationWords {
  const confirmationSubject = arbeitgeberWords(brand).subjects.confirmation;
  return {
    brand,
    title: `Registrierung ${ROLE}`,
    product: PRODUCT,
    role: ROLE,
    identifierLabel: 'Betriebsnummer',
    steps: ['Persönliche Daten', 'Arbeitgeberbescheinigung Download', 'Geräteregistrierung', 'Abschluss'],
    personal: { intro: [], consents: [] },
    certificate: {
      beforeDownload: [],
      afterDownload: [
        `Laden Sie bitte das vollständig ausgefüllte und von Ihrem Arbeitgeber unterschriebene PDF Formular im Anschluss hoch. Sie können das Formular auch zu einem späteren Zeitpunkt hochladen. Sie gelangen über die E-Mail „${confirmationSubject}“ zum Registrierungsstatus, um die Registrierung später fortzusetzen. Durch Klick auf "Weiter" können Sie mit dem regulären Registrierungsprozess fortfahren.`,
        'Bitte drucken Sie das PDF-Dokument aus. Das Dokument ist um die fehlenden Angaben zu ergänzen und im Anschluss von der Unternehmensleitung bzw. Geschäftsführung zu unterschreiben. Neben der Geschäftsführung sind auch Prokuristen und Handlungsbevollmächtigte unterschriftsberechtigt. Ein entsprechender Nachweis muss dem Antrag auf Freischaltung zwingend beigefügt werden.',
      ],
      uploadHeading: 'Upload Arbeitgeberbescheinigung',
      uploadIntro: [],
      fileHint:
        'Tipp: Sie können bis zu zwei Dateien zeitgleich oder nacheinander hochladen (z.B. Arbeitgeberbescheinigung und Handlungsvollmacht). Zusammen höchstens 10 MB; erlaubt sind docx, xlsx, heic, txt, jpg, jpeg, gif, tif, tiff, png, pptx und pdf.',
      deleteLabel: 'Löschen',
      closing: [],
    },
    device: {
      intro: [
        'Die Zwei-Faktor-Authentifizierung bezeichnet den Identitätsnachweis eines Nutzers mittels einer Kombination zweier unterschiedlicher und insbesondere unabhängiger Komponenten. Aus Sicherheitsgründen ist das unabdingbar.',
        'Hintergrund: Eine Authentifizierung mittels mehrerer Faktoren beginnt mit der gewöhnlichen Eingabe eines guten Passworts. Das System, in das sich Nutzerin oder Nutzer einloggen möchte, bestätigt daraufhin die Richtigkeit des eingegebenen Kennworts. Dies führt jedoch nicht - wie bei einfachen Systemen üblich - direkt zum gewünschten Inhalt, sondern zu einer weiteren Schranke. Auf diesem Weg wird verhindert, dass unbefugte Dritte Zugang zu Nutzerdaten oder Funktionen erhalten, nur weil sie in den Besitz des Passworts gelangt sind.',
      ],
      download: [
        'Neben einer Desktop-Variante für Windows und MacOS steht auch eine mobile App-Variante für Android und Apple zur Verfügung.',
        'Die Apps unterscheiden sich hauptsächlich im Design. Aufgrund der Usability wird jedoch die Verwendung eines Smartphones und somit die mobile App-Variante empfohlen.',
      ],
    },
    completion: {
      done: [
        `Der Login ist erst nach Prüfung durch Ihre ${brand} möglich. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde. Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen. Dies kann wenige Tage in Anspruch nehmen.`,
      ],
      pending: [
        `Wenn Sie die Registrierung zu einem späteren Zeitpunkt fortsetzen möchten, gelangen Sie über den Link „Zum Registrierungsstatus“ in der E-Mail „${confirmationSubject}“ jederzeit zum Registrierungsstatus.`,
      ],
    },
  };
}
