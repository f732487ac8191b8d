/**
 * Vertretung für Angehörige (issue 15 §8) as the platform's audit log words it: a representative
 * named, confirmed, declined or ended, and a call for another person's record refused. The insured's
 * own Protokoll (epa-protocol) gets the same events; actions.ts spreads them in.
 */
export const epaRepresentationDe = {
  'epa_representation.invited': 'ePA-Vertretung benannt',
  'epa_representation.confirmed': 'ePA-Vertretung bestätigt',
  'epa_representation.declined': 'ePA-Vertretung abgelehnt',
  'epa_representation.ended': 'ePA-Vertretung beendet (widerrufen oder niedergelegt)',
  'epa_representation.switched': 'ePA-Vertretung: zur vertretenen Akte gewechselt',
  'epa_representation.denied': 'ePA-Vertretung: Zugriff oder Änderung abgewiesen',
};

export const epaRepresentationEn: Record<keyof typeof epaRepresentationDe, string> = {
  'epa_representation.invited': 'ePA representative named',
  'epa_representation.confirmed': 'ePA representation confirmed',
  'epa_representation.declined': 'ePA representation declined',
  'epa_representation.ended': 'ePA representation ended (revoked or stepped down)',
  'epa_representation.switched': 'ePA representation: switched to the represented record',
  'epa_representation.denied': 'ePA representation: access or change refused',
};
