/**
 * The actions on insured persons (manual 003): what staff do in "Versicherte" and the activation of
 * the Ident app with the letter's code. actions.ts spreads them into the catalogue.
 */
export const insuredDe = {
  'insured.created': 'Versicherte Person angelegt',
  'insured.imported': 'Versicherte importiert',
  'insured.import_refused': 'Import von Versicherten abgewiesen',
  'insured.viewed': 'Versicherte Person angesehen',
  'insured.locked': 'Versicherte Person gesperrt',
  'insured.unlocked': 'Versicherte Person entsperrt',
  'insured.epa_registered': 'Für die ePA registriert',
  'insured.letter_created': 'Aktivierungsbrief erstellt',
  'insured.activated': 'AOK Ident-App mit dem Aktivierungscode aktiviert',
  'insured.activation_failed': 'Aktivierung der AOK Ident-App fehlgeschlagen',
  'insured.denied': 'Versicherte: Zugriff verweigert',
};

export const insuredEn: Record<keyof typeof insuredDe, string> = {
  'insured.created': 'Insured person created',
  'insured.imported': 'Insured persons imported',
  'insured.import_refused': 'Import of insured persons refused',
  'insured.viewed': 'Insured person viewed',
  'insured.locked': 'Insured person locked',
  'insured.unlocked': 'Insured person unlocked',
  'insured.epa_registered': 'Registered for the ePA',
  'insured.letter_created': 'Activation letter created',
  'insured.activated': 'AOK Ident app activated with the activation code',
  'insured.activation_failed': 'Activation of the AOK Ident app failed',
  'insured.denied': 'Insured persons: access denied',
};
