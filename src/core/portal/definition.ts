import type { PortalChrome } from '../ui/layout.tsx';
import type { MailMessage } from '../mail/outbox.ts';
import type { FormBody } from '../http/forms.ts';
import type { ConsentDocument } from '../consents/documents.ts';
import type { RegistrationView } from '../../modules/registration/service.ts';
import type { PortalWords } from '../../modules/registration/mails.ts';

export type CompanyParse =
  | { ok: true; insurerId: string; identifier: string; company?: string; companyInsurerId?: string }
  | { ok: false; errors: Record<string, string> };

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

/**
 * What makes a portal a portal on the shared registration, login, device and user pages:
 * its address, name and words, its company fields, consents, certificate and mails.
 * Each portal builds one in its routes file and hands it to the shared route modules.
 */
export interface PortalDefinition {
  key: string;
  base: string;
  chrome: PortalChrome;
  words: PortalWords;
  /** e.g. "Registrierung Firmenkunde (Administrator)" */
  wizardTitle: string;
  /** "Betriebsnummer", "IK-Nummer" */
  identifierLabel: string;
  company: CompanyFields;
  consents: { terms: ConsentDocument; privacy: ConsentDocument };
  certificate(registration: RegistrationView, date: Date): Promise<Uint8Array>;
  certificateFileName(identifier: string): string;
  /** the portal's own text for the activation mail, where its manual quotes one */
  activationMail?(input: { insurerName: string; loginUrl: string; homeUrl: string }): MailMessage;
  /** "Neue Nachricht im Postfach" for this portal */
  postboxNoticeMail(input: { insurerName: string; letter: boolean }): MailMessage;
  postboxAddressee?: import('./profile.ts').PortalProfile['postboxAddressee'];
  ikDecisionMail?: import('./profile.ts').PortalProfile['ikDecisionMail'];
  onActivated?: import('./profile.ts').PortalProfile['onActivated'];
  /** what the administrator may do in "Nutzerverwaltung" beyond invite, lock and remove */
  users?: { adminRights: boolean; adviceRight: boolean };
  /** an absolute address in the portal (for mails) */
  url(path: string): string;
}
