/**
 * Who called the ePA record service and the devices unlocked for it ("Endgerät freischalten"), as
 * the platform's audit log words them; the insured's own Protokoll gets the same events (epa-access/events.ts).
 */
export const epaAccessDe = {
  'epa_access.login': 'Anmeldung an der ePA (erster Zugriff einer Anmeldung)',
  'epa_access.device_registration_started': 'ePA-Gerät angemeldet, Bestätigungscode per E-Mail gesendet',
  'epa_access.device_confirmed': 'ePA-Gerät freigeschaltet',
  'epa_access.device_code_wrong': 'ePA-Gerät: falscher Bestätigungscode',
  'epa_access.device_registration_failed': 'ePA-Gerät: Freischaltung gescheitert (Code abgelaufen oder fünfmal falsch)',
  'epa_access.device_registration_blocked': 'ePA-Gerät: Freischaltung wegen Wartezeit abgewiesen',
  'epa_access.device_renamed': 'ePA-Gerät umbenannt',
  'epa_access.device_removed': 'ePA-Gerät entfernt',
};

export const epaAccessEn: Record<keyof typeof epaAccessDe, string> = {
  'epa_access.login': 'Login to the ePA (first access of a login)',
  'epa_access.device_registration_started': 'ePA device registered, confirmation code sent by e-mail',
  'epa_access.device_confirmed': 'ePA device unlocked',
  'epa_access.device_code_wrong': 'ePA device: wrong confirmation code',
  'epa_access.device_registration_failed': 'ePA device: unlocking failed (code expired or wrong five times)',
  'epa_access.device_registration_blocked': 'ePA device: unlocking refused during the waiting time',
  'epa_access.device_renamed': 'ePA device renamed',
  'epa_access.device_removed': 'ePA device removed',
};
