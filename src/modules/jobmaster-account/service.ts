import { accountContext, type AccountDeps } from './context.ts';
import type { AccountMails } from './mails.ts';
import { passwordChange } from './password-change.ts';
import { emailChange } from './email-change.ts';
import { consentChange } from './consent-change.ts';
import { mainContactHandover } from './main-contact-handover.ts';
import { profileDeletion } from './profile-deletion.ts';

export { EMAIL_CHANGE_TTL_MS, HANDOVER_TTL_MS, MARKETING } from './context.ts';

/**
 * Manual 004 "Konto": Passwort ändern, E-Mail Adresse ändern, Einwilligungen ändern,
 * Hauptansprechpartner wechseln and Profil löschen, one file each. Whatever a mailed link confirms
 * waits in `jobmaster_pending_changes` next to its token; the account changes only when the link is used.
 */
export function createJobmasterAccount(deps: AccountDeps, mails: AccountMails, portal: string) {
  const ctx = accountContext(deps, mails, portal);
  return { ...passwordChange(ctx), ...emailChange(ctx), ...consentChange(ctx), ...mainContactHandover(ctx), ...profileDeletion(ctx) };
}

export type JobmasterAccount = ReturnType<typeof createJobmasterAccount>;
