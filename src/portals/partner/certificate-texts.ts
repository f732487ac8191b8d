/**
 * The words of the provider certificate (manual 002 §2, §2.2): its subtitle, the confirmation with
 * the LE-Admin's rights, the signing rules and the footer, for a first registration and for an IK
 * added later in "IK-Verwaltung".
 */
import { cleanText } from '../../core/pdf/draw.ts';

export type ProviderCertificatePurpose = 'registration' | 'further_ik';

/** Subtitle under the title of page 1 (depends on the purpose). */
export function providerCertificateSubtitle(portalName: string, purpose: ProviderCertificatePurpose = 'registration'): string {
  const portal = cleanText(portalName);
  return purpose === 'further_ik'
    ? `für eine weitere IK-Nummer des Leistungserbringer-Administrators (LE-Admin) – IK-Verwaltung in ${portal}`
    : `für Leistungserbringer-Administratoren (LE-Admin) – ${portal}`;
}

export interface Texts {
  subtitle: string;
  intro: string;
  rights: string[];
  note: string;
  footer: string;
  page2Intro: string;
  page2Note: string;
}

export function texts(portal: string, adminName: string, purpose: ProviderCertificatePurpose): Texts {
  const quoted = `„${portal}“`;
  const signing =
    'Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter des Leistungserbringers zu ' +
    'unterschreiben. Ein Abdruck des Firmenstempels sollte erfolgen.';
  const furtherIks = `Auf Seite 2 können Sie weitere IK-Nummern, die ebenfalls über ${quoted} verwaltet werden sollen, eintragen.`;
  const further = purpose === 'further_ik';
  return {
    subtitle: providerCertificateSubtitle(portal, purpose),
    intro: further
      ? `Hiermit bestätigen wir als Leistungserbringer, dass die oben genannte Person in unserer Einrichtung ` +
        `beschäftigt ist. Sie ist als Leistungserbringer-Administrator (LE-Admin) im Online-Portal ${quoted} ` +
        `registriert und berechtigt, die oben genannte IK-Nummer zusätzlich über die IK-Verwaltung für unsere ` +
        `Institution zu verwalten. Für diese IK-Nummer wird sie bevollmächtigt,`
      : `Hiermit bestätigen wir als Leistungserbringer, dass die oben genannte Person in unserer Einrichtung ` +
        `beschäftigt ist. Sie ist berechtigt, unsere Institution mit der oben genannten IK-Nummer als ` +
        `Leistungserbringer-Administrator (LE-Admin) im Online-Portal ${quoted} zu vertreten, und wird ` +
        `bevollmächtigt,`,
    rights: [
      'weitere Nutzer einzurichten, zu sperren und zu löschen sowie Administrationsrechte an weitere Nutzer zu vergeben,',
      'das elektronische Zahlungsavis (eAvis) zu beantragen und zu beenden sowie die im Portal bereitgestellten ' +
        'Zahlungsavise abzurufen und zu verwalten (Download, Archivierung, Löschung),',
      'die IK-Nummern unserer Institution im Portal zu verwalten (IK-Verwaltung).',
    ],
    note: further
      ? `Die Arbeitgeberbescheinigung ist für jede IK-Nummer vorzulegen, die über die IK-Verwaltung hinzugefügt ` +
        `wird, und muss vollständig ausgefüllt werden. ${furtherIks} ${signing}`
      : `Die Arbeitgeberbescheinigung ist für jede zu registrierende IK-Nummer vorzulegen und muss vollständig ` +
        `ausgefüllt werden. ${furtherIks} ${signing}`,
    footer: further
      ? 'Bitte laden Sie beide Seiten dieser Bescheinigung vollständig ausgefüllt, unterschrieben und gestempelt ' +
        'in der IK-Verwaltung des Portals hoch.'
      : 'Bitte laden Sie beide Seiten dieser Bescheinigung vollständig ausgefüllt, unterschrieben und gestempelt ' +
        'im Registrierungsprozess hoch.',
    page2Intro:
      `Hier können Sie weitere IK-Nummern, die ebenfalls über ${quoted} verwaltet werden sollen, eintragen. ` +
      `Die auf Seite 1 genannte Person (${adminName}) wird auch für diese IK-Nummern als ` +
      `Leistungserbringer-Administrator (LE-Admin) bevollmächtigt.`,
    page2Note: signing,
  };
}

