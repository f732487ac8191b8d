/**
 * The AOK Ident's actions (manual 003): how a login request to the OpenID Provider was answered, and
 * when a login's tokens were revoked. actions.ts spreads them into the catalogue.
 */
export const identDe = {
  'ident.login_approved': 'Anmeldung über die AOK Ident bestätigt',
  'ident.login_declined': 'Anmeldung über die AOK Ident abgelehnt',
  'ident.login_refused': 'Anmeldung über die AOK Ident abgewiesen (gesperrt oder nicht für die ePA registriert)',
  'ident.grant_revoked': 'Anmeldung über die AOK Ident beendet (Abmeldung, Widerruf oder wiederverwendeter Code)',
  'ident.keys_rotated': 'Signaturschlüssel der AOK Ident erneuert',
};

export const identEn: Record<keyof typeof identDe, string> = {
  'ident.login_approved': 'Login through AOK Ident confirmed',
  'ident.login_declined': 'Login through AOK Ident declined',
  'ident.login_refused': 'Login through AOK Ident refused (locked or not registered for the ePA)',
  'ident.grant_revoked': 'Login through AOK Ident ended (logout, revocation or a reused code)',
  'ident.keys_rotated': 'AOK Ident signing keys renewed',
};
