/**
 * The AOK Ident's actions (manual 003): how a login request to the OpenID Provider was answered (and
 * its QR code in the app), and when a login's tokens were revoked. actions.ts spreads them into the catalogue.
 */
export const identDe = {
  'ident.login_approved': 'Anmeldung über die AOK Ident bestätigt',
  'ident.login_declined': 'Anmeldung über die AOK Ident abgelehnt',
  'ident.login_refused': 'Anmeldung über die AOK Ident abgewiesen (gesperrt oder nicht für die ePA registriert)',
  'ident.grant_revoked': 'Anmeldung über die AOK Ident beendet (Abmeldung, Widerruf oder wiederverwendeter Code)',
  'ident.keys_rotated': 'Signaturschlüssel der AOK Ident erneuert',
  'ident.request_approved': 'Anmeldung per QR-Code in der AOK Ident-App bestätigt',
  'ident.request_declined': 'Anmeldung per QR-Code in der AOK Ident-App abgelehnt',
  'ident.request_number_wrong': 'Anmeldung per QR-Code abgebrochen: in der App eine andere Zahl gewählt',
  'ident.request_refused': 'Antwort auf eine Anmeldung per QR-Code abgewiesen (abgelaufen, bereits beantwortet oder auf einem anderen Gerät geöffnet)',
};

export const identEn: Record<keyof typeof identDe, string> = {
  'ident.login_approved': 'Login through AOK Ident confirmed',
  'ident.login_declined': 'Login through AOK Ident declined',
  'ident.login_refused': 'Login through AOK Ident refused (locked or not registered for the ePA)',
  'ident.grant_revoked': 'Login through AOK Ident ended (logout, revocation or a reused code)',
  'ident.keys_rotated': 'AOK Ident signing keys renewed',
  'ident.request_approved': 'QR code login confirmed in the AOK Ident app',
  'ident.request_declined': 'QR code login declined in the AOK Ident app',
  'ident.request_number_wrong': 'QR code login cancelled: another number picked in the app',
  'ident.request_refused': 'Answer to a QR code login refused (expired, already answered or opened on another device)',
};
