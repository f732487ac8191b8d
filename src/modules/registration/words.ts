/**
 * A paragraph, or a boxed note that starts with its title ("Wichtig:", "Hinweis:") the way the
 * manuals print them.
 */
export type Block = string | { title: string; paragraphs: string[] };

/**
 * What the shared registration pages say in a portal: every sentence that differs between the
 * manuals (000 for the employer, 002 for the provider) comes from here, the pages bring only the
 * sentences both manuals share.
 */
export interface RegistrationWords {
  /** the configured brand ("AOK"): the insurer that checks and activates */
  brand: string;
  /** e.g. "Registrierung Firmenkunde (Administrator)" */
  title: string;
  /** "Arbeitgeberservice", "Gesundheitspartnerservice" */
  product: string;
  /** "Firmenkunde (Administrator)", "Leistungserbringer (Administrator)" */
  role: string;
  /** "Betriebsnummer", "IK-Nummer" */
  identifierLabel: string;
  /** the stepper's four steps */
  steps: readonly [string, string, string, string];
  /** step 1: above the company fields, and above the two consent boxes */
  personal: { intro: Block[]; consents: Block[] };
  certificate: {
    /** above "PDF herunterladen" */
    beforeDownload: Block[];
    /** below it: how to fill in, sign and upload the form */
    afterDownload: Block[];
    /** the heading over the attachments and the file field */
    uploadHeading: string;
    /** under that heading */
    uploadIntro: Block[];
    /** the file field's hint (size, formats) */
    fileHint: string;
    /** the button that removes an uploaded file */
    deleteLabel: string;
    /** at the end of the page */
    closing: Block[];
  };
  device: {
    /** "Geräteregistrierung" page before the shared sentences on secure identities */
    intro: Block[];
    /** under the app buttons */
    download: Block[];
  };
  completion: {
    /** Abschluss when the applicant's part is done: what happens next */
    done: Block[];
    /** Abschluss while a step is still open: how to come back later */
    pending: Block[];
  };
}
