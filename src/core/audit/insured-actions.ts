/**
 * The actions on insured persons (manual 003): what staff do in "Versicherte" and the activation of
 * the Ident app with the letter's code, and the app's devices (added, refused, wrong GesundheitsID-Codes,
 * locked, removed). actions.ts spreads them into the catalogue.
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
  'insured.activation_code_burnt': 'Aktivierungscode nach zu vielen falschen Eingaben ungültig',
  'insured.denied': 'Versicherte: Zugriff verweigert',
  'insured.device_added': 'AOK Ident-App: Gerät aktiviert',
  'insured.device_refused': 'AOK Ident-App: weiteres Gerät abgewiesen (bereits zwei Geräte)',
  'insured.app_login': 'AOK Ident-App: mit dem GesundheitsID-Code angemeldet',
  'insured.code_wrong': 'AOK Ident-App: GesundheitsID-Code falsch eingegeben',
  'insured.device_locked': 'AOK Ident-App: Gerät nach fünf falschen GesundheitsID-Codes gesperrt',
  'insured.device_removed': 'AOK Ident-App: Gerät entfernt',
  'insured.signature_invalid': 'AOK Ident-App: ungültige Signatur eines Geräts',
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
  'insured.activation_code_burnt': 'Activation code made invalid after too many wrong entries',
  'insured.denied': 'Insured persons: access denied',
  'insured.device_added': 'AOK Ident app: device activated',
  'insured.device_refused': 'AOK Ident app: further device refused (two devices already)',
  'insured.app_login': 'AOK Ident app: signed in with the GesundheitsID-Code',
  'insured.code_wrong': 'AOK Ident app: wrong GesundheitsID-Code entered',
  'insured.device_locked': 'AOK Ident app: device locked after five wrong GesundheitsID-Codes',
  'insured.device_removed': 'AOK Ident app: device removed',
  'insured.signature_invalid': 'AOK Ident app: invalid signature of a device',
};
