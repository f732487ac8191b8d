import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../deps.ts';
import type { PortalChrome } from '../ui/layout.tsx';
import type { MailMessage } from '../mail/outbox.ts';
import type { FormBody } from '../http/forms.ts';
import type { ConsentDocument } from '../consents/documents.ts';
import type { Db } from '../db/database.ts';
import type { CheckResult } from '../identifiers/checks.ts';
import type { RegistrationView } from '../../modules/registration/service.ts';
import type { PortalWords } from '../../modules/registration/mails.ts';
import type { PortalMember, MemberNeed } from './member.ts';
import type { ErrorCode, FieldErrors } from '../errors/app-error.ts';

export type CompanyParse =
  | { ok: true; insurerId: string; identifier: string; company?: string; companyInsurerId?: string }
  | { ok: false; errors: FieldErrors };

/**
 * The "Unternehmensdaten" part of step 1, which is what differs between portals:
 * the employer chooses the AOK and types the Betriebsnummer; the provider types the
 * IK number, the institution is looked up and the AOK follows from the IK's region.
 */
export interface CompanyFields {
  /** form field → label (for the error summary) */
  labels: Record<string, string>;
  render(props: { values: Record<string, string | undefined>; errors: Record<string, string>; base: string; info: Record<string, string> }): JSX.Element;
  parse(body: FormBody): Promise<CompanyParse>;
  /** what the form shows about the typed values (the institution's name for an IK) */
  describe?(values: Record<string, string | undefined>): Promise<Record<string, string>>;
  /** a second submit button ("Prüfen") that only looks the company up, for browsers without JavaScript */
  checkButton?: string;
  /** a page script that adds live lookups (the form works without it) */
  script?: string;
}

/** The number a company registers with: the Betriebsnummer of an employer, the IK of a provider. */
export interface PortalIdentifier {
  /** "Betriebsnummer", "IK-Nummer" */
  label: string;
  check(value: string): CheckResult;
  /** the register's entry for a valid number, where the portal has a register (the IK register) */
  lookup?(value: string): Promise<{ name: string; address: string } | null>;
}

/** The mails a portal sends in its own words, also when staff or a job decide outside the portal. */
export interface PortalMails {
  activation(input: { insurerName: string }): MailMessage;
  rejection(input: { insurerName: string; reason: string; statusLink: string }): MailMessage;
  /** The insurer's decision on a device reset (approved: register the new device; refused: why). */
  deviceReset?(input: { insurerName: string; approved: boolean; reason?: string; statusLink: string }): MailMessage;
  /** To each active administrator of a company when staff activate another one for it. */
  secondAdmin?(input: { insurerName: string; identifier: string; newcomer: { name: string; email: string } }): MailMessage;
  /** "Neue Nachricht im Postfach": says that there is something, never what. */
  postboxNotice?(input: { insurerName: string; letter: boolean }): MailMessage;
  /** the insurer's decision on a further IK number (IK-Verwaltung), where the portal manages them */
  ikDecision?(input: { ik: string; institution: string | null; insurerName: string; approved: boolean; reason?: string }): MailMessage;
}

/**
 * Everything that makes a portal a portal, complete before any route runs: its address, name and
 * words, its identifier, company fields, consents, certificate and mails, and the modules whose
 * pages it shows. Each portal builds one in `src/portals/<p>/portal.ts`; the composition puts them
 * in the registry, from which the back office, jobs and the CLI read them without naming a portal.
 */
export interface PortalDefinition {
  key: string;
  base: string;
  /** e.g. "Mein AOK Arbeitgeberservice" */
  name: string;
  /** its line in the start banner of `npm start`, e.g. "Arbeitgeberservice" */
  bannerLabel: string;
  chrome: PortalChrome;
  words: PortalWords;
  /** e.g. "Registrierung Firmenkunde (Administrator)" */
  wizardTitle?: string;
  identifier: PortalIdentifier;
  company?: CompanyFields;
  consents: { terms: ConsentDocument; privacy: ConsentDocument };
  certificate?(registration: RegistrationView, date: Date): Promise<Uint8Array>;
  certificateFileName?(identifier: string): string;
  /** the certificate for a further number of a company already registered (the provider's IK-Verwaltung) */
  furtherCertificate?(input: {
    insurer: RegistrationView['insurer'];
    identifier: string;
    institution: { name: string | null; address: string | null };
    admin: Omit<RegistrationView['account'], 'status'>;
    date: Date;
  }): Promise<Uint8Array>;
  mails: PortalMails;
  /**
   * The postbox staff reach with the number they type for a letter (the Betriebsnummer; an IK the
   * provider manages): its key (accounts.company), or the error code of the number. A portal
   * without it has no postbox the back office can write to.
   */
  postboxAddressee?(identifier: string): Promise<{ ok: true; company: string } | { ok: false; code: ErrorCode }>;
  /** runs inside the activation's transaction (the provider portal records the IK as managed) */
  onActivated?(trx: Db, input: { accountId: string; identifier: string; insurerId: string; staffId: string | null }): Promise<void>;
  /** what the administrator may do in "Nutzerverwaltung" beyond invite, lock and remove */
  users?: { adminRights: boolean; adviceRight: boolean };
  /** an absolute address in the portal (for mails) */
  url(path: string): string;
  /** the modules whose pages this portal shows, by their names, in the order they are mounted */
  modules: readonly string[];
  /**
   * Where the login sends a signed-in account (a path in the portal), where some land elsewhere than
   * "Mein Konto": the portal knows which of its modules serve them better (released employers: their offers).
   */
  landingAfterLogin?(who: { role: string; released: boolean }): string;
  /** The portal's page for a role's "Persönliche Daten" when a module shows them elsewhere (an employer's company profile); null: the account page. */
  personalDataPage?(role: string): string | null;
  /** the portal's own pages (start page, dashboard …), mounted before its modules' */
  pages?(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards): Promise<void>;
  /**
   * Portals whose modules work per company member (IK-Verwaltung, eAvis) say who a signed-in
   * account is as a member: made when the portal is mounted, from its account guard.
   */
  memberGuard?(deps: Pick<PlatformDeps, 'db' | 'sessions'>, requireAccount: AccountGuard): MemberGuard;
}

/**
 * The parts only the registration with certificate and device reads (manuals 000 and 002): a portal
 * without them (Jobmaster registers in its own way) does not list those modules.
 */
export type CertifiedPortal = PortalDefinition & Required<Pick<PortalDefinition, 'wizardTitle' | 'company' | 'certificate' | 'certificateFileName'>>;

/** The definition as a CertifiedPortal; a portal that lists such a module without these parts stops the start. */
export function certifiedPortal(portal: PortalDefinition): CertifiedPortal {
  if (!portal.wizardTitle || !portal.company || !portal.certificate || !portal.certificateFileName) {
    throw new Error(`portal ${portal.key} lists a module of the certified registration but defines no company fields or certificate`);
  }
  return portal as CertifiedPortal;
}

/** A mail only some portals send (device reset, second administrator, postbox); asked of a portal without it, a programming error. */
export function portalMail<K extends keyof PortalMails>(portal: PortalDefinition, kind: K): NonNullable<PortalMails[K]> {
  const mail = portal.mails[kind];
  if (!mail) throw new Error(`portal ${portal.key} has no ${kind} mail`);
  return mail as NonNullable<PortalMails[K]>;
}

/** The signed-in account of a portal, or null after sending the browser to the login. */
export type AccountGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<string | null>;

/** The signed-in member of a company, or null after answering (login redirect; a 403 page when `need` is not met). */
export type MemberGuard = (request: FastifyRequest, reply: FastifyReply, need?: MemberNeed) => Promise<PortalMember | null>;

/** Who is signed in to a mounted portal: what its pages and its modules' pages ask before they answer. */
export interface PortalGuards {
  requireAccount: AccountGuard;
  /** present where the portal has a member guard */
  requireMember?: MemberGuard;
}

/** What a portal's definition may use: no secrets, so the CLI defines the portals as the server does. */
export type PortalServices = Pick<PlatformDeps, 'db' | 'clock' | 'ikRegister'>;
