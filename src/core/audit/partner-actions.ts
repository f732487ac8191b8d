/**
 * The Gesundheitspartnerservice's actions (manual 002): the IK numbers a partner manages
 * (IK-Verwaltung) and their payment advices (Zahlungsavis). actions.ts spreads them into the catalogue.
 */
export const partnerDe = {
  'provider_ik.requested': 'IK-Nummer beantragt',
  'provider_ik.file_uploaded': 'Bescheinigung zur IK-Nummer hochgeladen',
  'provider_ik.file_deleted': 'Bescheinigung zur IK-Nummer gelöscht',
  'provider_ik.removed': 'IK-Nummer aus der Verwaltung entfernt',
  'provider_ik.request_expired': 'Antrag auf IK-Nummer abgelaufen',
  'provider_ik.refused_competing': 'Antrag auf IK-Nummer abgelehnt (bereits anderweitig verwaltet)',
  'provider_ik.denied': 'IK-Verwaltung: Zugriff verweigert',

  'eavis.applied': 'Zahlungsavis beantragt',
  'eavis.end_requested': 'Beenden des Zahlungsavis beantragt',
  'eavis.confirmed': 'Antrag zum Zahlungsavis bestätigt',
  'eavis.refused': 'Antrag zum Zahlungsavis abgelehnt',
  'eavis.published': 'Zahlungsavis veröffentlicht',
  'eavis.publish_refused': 'Veröffentlichung von Zahlungsavisen abgewiesen',
  'eavis.viewed': 'Zahlungsavis angesehen',
  'eavis.opened': 'Zahlungsavis geöffnet',
  'eavis.downloaded': 'Zahlungsavis heruntergeladen',
  'eavis.archived': 'Zahlungsavis archiviert',
  'eavis.unarchived': 'Zahlungsavis aus dem Archiv geholt',
  'eavis.deleted': 'Zahlungsavis gelöscht',
  'eavis.denied': 'Zahlungsavis: Zugriff verweigert',
};

export const partnerEn: Record<keyof typeof partnerDe, string> = {
  'provider_ik.requested': 'IK number requested',
  'provider_ik.file_uploaded': 'Certificate for an IK number uploaded',
  'provider_ik.file_deleted': 'Certificate for an IK number deleted',
  'provider_ik.removed': 'IK number removed from management',
  'provider_ik.request_expired': 'IK number request expired',
  'provider_ik.refused_competing': 'IK number request refused (managed elsewhere)',
  'provider_ik.denied': 'IK management: access denied',

  'eavis.applied': 'Payment advice requested',
  'eavis.end_requested': 'End of payment advice requested',
  'eavis.confirmed': 'Payment advice request confirmed',
  'eavis.refused': 'Payment advice request refused',
  'eavis.published': 'Payment advice published',
  'eavis.publish_refused': 'Publishing payment advices refused',
  'eavis.viewed': 'Payment advice viewed',
  'eavis.opened': 'Payment advice opened',
  'eavis.downloaded': 'Payment advice downloaded',
  'eavis.archived': 'Payment advice archived',
  'eavis.unarchived': 'Payment advice taken from the archive',
  'eavis.deleted': 'Payment advice deleted',
  'eavis.denied': 'Payment advice: access denied',
};
