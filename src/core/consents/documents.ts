/** Versioned legal texts; a new version gets a new entry, acceptances keep the version they saw. */
export interface ConsentDocument {
  /** also the page's address in its portal */
  id: string;
  title: string;
  /** how the registration form's checkbox ends: "gelesen und akzeptiere sie." */
  acceptance: string;
  version: string;
  validFrom: string;
  paragraphs: string[];
}
