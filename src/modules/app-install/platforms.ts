/**
 * Where the 2-factor app runs and how it is installed there. It is a web app served by the
 * platform itself (/app/): every "laden" button of manual 000 step 9 leads to the honest way to
 * install it on that system, never to a store page that does not exist.
 */
export type AppPlatform = 'windows' | 'macos' | 'android' | 'ios';

export interface PlatformGuide {
  platform: AppPlatform;
  /** as the page title says it: "… 2-Faktor App für Windows" */
  name: string;
  /** the device page's button of manual 000 step 9 that leads here */
  button: string;
  /** why there is no file or store entry, and what is used instead */
  intro: (brand: string) => string;
  /** the browsers the steps are written for */
  browsers: string;
  steps: (brand: string) => string[];
  /** a further way (Safari on the Mac) or a caveat that belongs to this system */
  notes: (brand: string) => string[];
  phone: boolean;
}

const APP = (brand: string) => `${brand} Zweifaktor App`;
const ACTIVATE = (brand: string) =>
  `Öffnen Sie die ${APP(brand)} über ihr Symbol und führen Sie die Aktivierung durch: Nutzungsbedingungen akzeptieren, Benutzername / E-Mail Adresse und Aktivierungscode eingeben, PIN festlegen.`;

export const PLATFORM_GUIDES: readonly PlatformGuide[] = [
  {
    platform: 'windows',
    name: 'Windows',
    button: 'Windows',
    intro: (b) =>
      `Die ${b} 2-Faktor App für Windows ist keine Installationsdatei zum Herunterladen: Ihre ${b} stellt sie als Web-App bereit, die Sie mit Microsoft Edge oder Google Chrome als App installieren.`,
    browsers: 'Microsoft Edge, Google Chrome',
    steps: (b) => [
      'Öffnen Sie die Adresse der App (unten) in Microsoft Edge oder Google Chrome.',
      'Klicken Sie rechts in der Adressleiste auf das Symbol „App installieren“ (in Microsoft Edge: „App verfügbar“). Alternativ finden Sie den Eintrag im Menü des Browsers, in Microsoft Edge unter „Apps“ → „Diese Website als App installieren“.',
      `Bestätigen Sie mit „Installieren“. Die ${APP(b)} öffnet sich in einem eigenen Fenster; Sie finden sie anschließend im Startmenü.`,
      ACTIVATE(b),
    ],
    notes: () => [],
    phone: false,
  },
  {
    platform: 'macos',
    name: 'MacOS',
    button: 'MacOS',
    intro: (b) =>
      `Die ${b} 2-Faktor App für MacOS ist keine Installationsdatei zum Herunterladen: Ihre ${b} stellt sie als Web-App bereit, die Sie mit Google Chrome, Microsoft Edge oder Safari als App installieren.`,
    browsers: 'Google Chrome, Microsoft Edge, Safari ab macOS 14',
    steps: (b) => [
      'Öffnen Sie die Adresse der App (unten) in Google Chrome oder Microsoft Edge.',
      'Klicken Sie rechts in der Adressleiste auf das Symbol „App installieren“ (in Microsoft Edge: „App verfügbar“).',
      `Bestätigen Sie mit „Installieren“. Die ${APP(b)} öffnet sich in einem eigenen Fenster; Sie finden sie anschließend im Launchpad.`,
      ACTIVATE(b),
    ],
    notes: (b) => [
      `Mit Safari (ab macOS 14): Öffnen Sie die Adresse der App in Safari und wählen Sie in der Menüleiste „Ablage“ → „Zum Dock hinzufügen“. Bestätigen Sie mit „Hinzufügen“. Führen Sie die Aktivierung anschließend in der ${APP(b)} aus dem Dock durch, nicht im Safari-Fenster: Nur dort ist der Schlüssel Ihres Geräts gespeichert.`,
    ],
    phone: false,
  },
  {
    platform: 'android',
    name: 'Android',
    button: 'Google Play Store',
    intro: (b) =>
      `Die ${b} 2-Faktor App für Android steht nicht im Google Play Store: Ihre ${b} stellt sie als Web-App bereit, die Sie in Chrome auf Ihrem Smartphone oder Tablet installieren.`,
    browsers: 'Google Chrome',
    steps: (b) => [
      'Öffnen Sie die Adresse der App in Chrome auf Ihrem Smartphone oder Tablet: Scannen Sie dazu den QR-Code (unten) mit der Kamera oder geben Sie die Adresse ein.',
      'Tippen Sie oben rechts auf das Menü ⋮ und wählen Sie „App installieren“. Je nach Chrome-Version heißt der Eintrag „Zum Startbildschirm hinzufügen“.',
      `Bestätigen Sie mit „Installieren“. Die ${APP(b)} erscheint auf Ihrem Startbildschirm.`,
      ACTIVATE(b),
    ],
    notes: () => [],
    phone: true,
  },
  {
    platform: 'ios',
    name: 'iPhone und iPad',
    button: 'Apple App Store',
    intro: (b) =>
      `Die ${b} 2-Faktor App für iPhone und iPad steht nicht im Apple App Store: Ihre ${b} stellt sie als Web-App bereit, die Sie in Safari zum Home-Bildschirm hinzufügen.`,
    browsers: 'Safari',
    steps: (b) => [
      'Öffnen Sie die Adresse der App in Safari auf Ihrem iPhone oder iPad: Scannen Sie dazu den QR-Code (unten) mit der Kamera-App oder geben Sie die Adresse ein.',
      'Tippen Sie auf „Teilen“ (das Quadrat mit dem Pfeil nach oben; auf dem iPhone unten, auf dem iPad oben).',
      'Wählen Sie „Zum Home-Bildschirm“ und tippen Sie auf „Hinzufügen“.',
      ACTIVATE(b),
    ],
    notes: (b) => [
      `Führen Sie die Aktivierung und jede Anmeldung in der ${APP(b)} vom Home-Bildschirm durch, nicht im Safari-Fenster: Nur dort ist der Schlüssel Ihres Geräts gespeichert.`,
    ],
    phone: true,
  },
];

const PATH = '/zwei-faktor-authentifizierung';

/** The overview ("Download Zwei-Faktor-Authentifizierung") or one system's page, inside a portal. */
export function appInstallPath(base: string, platform?: AppPlatform): string {
  return platform ? `${base}${PATH}/${platform}` : `${base}${PATH}`;
}
