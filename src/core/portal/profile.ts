import type { MailMessage } from '../mail/outbox.ts';
import type { Db } from '../db/database.ts';

/**
 * What the back office needs from a portal to decide on its registrations, without
 * importing the portal: its name, its mails, and a fresh status link for a registration.
 * Each portal registers one when its routes start.
 */
export interface PortalProfile {
  key: string;
  name: string;
  /** "Betriebsnummer", "IK-Nummer" */
  identifierLabel: string;
  /** an absolute address inside the portal, for mails sent from elsewhere (back office, jobs) */
  url(path: string): string;
  activationMail(input: { insurerName: string }): MailMessage;
  rejectionMail(input: { insurerName: string; reason: string; statusLink: string }): MailMessage;
  /** The insurer's decision on a device reset (approved: register the new device; refused: why). */
  deviceResetMail(input: { insurerName: string; approved: boolean; reason?: string; statusLink: string }): MailMessage;
  /** To each active administrator of a company when staff activate another one for it. */
  secondAdminMail(input: { insurerName: string; identifier: string; newcomer: { name: string; email: string } }): MailMessage;
  issueStatusLink(registrationId: string): Promise<string>;
  /** the provider portal's mail on a further IK number (IK-Verwaltung) */
  ikDecisionMail?(input: { ik: string; institution: string | null; insurerName: string; approved: boolean; reason?: string }): MailMessage;
  /** runs inside the activation's transaction (the provider portal records the IK as managed) */
  onActivated?(trx: Db, input: { accountId: string; identifier: string; insurerId: string; staffId: string }): Promise<void>;
  /** "Neue Nachricht im Postfach": says that there is something, never what. */
  postboxNoticeMail(input: { insurerName: string; letter: boolean }): MailMessage;
  /**
   * The postbox staff reach with the number they type for a letter (the Betriebsnummer; an IK the
   * provider manages): its key (accounts.company), or the error code of the number. A portal
   * without it has no postbox the back office can write to.
   */
  postboxAddressee?(identifier: string): Promise<{ ok: true; company: string } | { ok: false; code: string }>;
}

export type PortalProfiles = Map<string, PortalProfile>;
