/**
 * The Jobmaster's actions (manual 004): the employer's company data and its job offers. actions.ts
 * spreads them into the catalogue at their place, so the Protokoll lists them as before.
 */
export const jobmasterEmployerDe = {
  'jobmaster_employer.updated': 'Unternehmensdaten geändert',
  'jobmaster_employer.logo_uploaded': 'Firmenlogo hochgeladen',
  'jobmaster_employer.logo_removed': 'Firmenlogo entfernt',
  'jobmaster_employer.contact_added': 'Ansprechpartner hinzugefügt',
  'jobmaster_employer.contact_updated': 'Ansprechpartner geändert',
  'jobmaster_employer.contact_removed': 'Ansprechpartner entfernt',
  'jobmaster_employer.denied': 'Unternehmensdaten: Zugriff verweigert',
};

export const postingsDe = {
  'postings.created': 'Stellenangebot angelegt',
  'postings.updated': 'Stellenangebot geändert',
  'postings.activated': 'Stellenangebot aktiviert',
  'postings.deactivated': 'Stellenangebot deaktiviert',
  'postings.copied': 'Stellenangebot kopiert',
  'postings.deleted': 'Stellenangebot gelöscht',
  'postings.expired': 'Stellenangebot nach Bewerbungsschluss deaktiviert',
  'postings.reminder_sent': 'Erinnerung an den Bewerbungsschluss gesendet',
  'postings.extended': 'Bewerbungsschluss verlängert',
  'postings.denied': 'Stellenverwaltung: Zugriff verweigert',
};

/**
 * What the subject of these actions is, by area: "Profil löschen" takes the employer and its postings
 * without keeping their names, so the Protokoll names such a subject by its kind alone.
 */
export const goneSubjects: Record<string, string> = { jobmaster_employer: 'Unternehmen', postings: 'Stellenangebot' };

export const jobmasterEmployerEn: Record<keyof typeof jobmasterEmployerDe, string> = {
  'jobmaster_employer.updated': 'Company data changed',
  'jobmaster_employer.logo_uploaded': 'Company logo uploaded',
  'jobmaster_employer.logo_removed': 'Company logo removed',
  'jobmaster_employer.contact_added': 'Contact person added',
  'jobmaster_employer.contact_updated': 'Contact person changed',
  'jobmaster_employer.contact_removed': 'Contact person removed',
  'jobmaster_employer.denied': 'Company data: access denied',
};

export const postingsEn: Record<keyof typeof postingsDe, string> = {
  'postings.created': 'Job offer created',
  'postings.updated': 'Job offer changed',
  'postings.activated': 'Job offer activated',
  'postings.deactivated': 'Job offer deactivated',
  'postings.copied': 'Job offer copied',
  'postings.deleted': 'Job offer deleted',
  'postings.expired': 'Job offer deactivated after the application deadline',
  'postings.reminder_sent': 'Application deadline reminder sent',
  'postings.extended': 'Application deadline extended',
  'postings.denied': 'Job offer management: access denied',
};
