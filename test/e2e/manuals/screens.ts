/**
 * The shape of a manual kept as a test fixture: an ordered list of the screens (and mails) the
 * manual shows, each with the manual's step, the page it is on, and its words in the manual's
 * order. The words are the manual's, copied (tests never read outside the repository); only
 * obvious OCR typos are corrected, and each file says which.
 *
 * Words in braces are what the person typed or received ({email}, {code}, {insurer}, …): the
 * manual shows someone else's data there, the walk fills in its own.
 */

export type Kind = 'heading' | 'text' | 'label' | 'button' | 'link' | 'value';

export interface Words {
  kind: Kind;
  /** the visible words, as the manual has them */
  text: string;
  /** for a value: the data shown next to the term `text` */
  value?: string;
  /** the manual's picture shows this in capitals (an e-mail address) */
  anyCase?: boolean;
  /** the accessible name, where it says more than the visible words (a button per file) */
  name?: RegExp;
}

/** The progress bar ("Persönliche Daten ● … ○ Abschluss"): labels in order and the step the person is on. */
export interface Stepper {
  labels: string[];
  current: string;
  /** how many steps show ✔ */
  done?: number;
}

export interface Screen {
  /** the manual's step or section, word for word */
  step: string;
  /** where the screen is: a path of the portal, 'app' (the 2-factor app) or 'mail' */
  page: string;
  /** the words of the manual's picture of this screen, in the manual's order */
  shows: Words[];
  stepper?: Stepper;
  /**
   * Sentences of the manual's own text around the picture that the page shows too (the
   * manual explains, the page says it where the person needs it), and words whose place on
   * the page the manual does not show: present, in any position.
   */
  alsoSays?: (string | Words)[];
  /** for a mail: its subject, as the manual names it */
  subject?: string;
  /**
   * The page's footer, where the manual quotes it: its columns, each in the manual's order; the
   * columns themselves in any (the manual's text runs through a footer's columns one by one).
   */
  footer?: Words[][];
}

type Options = Pick<Words, 'anyCase' | 'name'>;

export const heading = (text: string, o: Options = {}): Words => ({ kind: 'heading', text, ...o });
export const text = (text: string, o: Options = {}): Words => ({ kind: 'text', text, ...o });
export const label = (text: string, o: Options = {}): Words => ({ kind: 'label', text, ...o });
/** A "Schaltfläche": a button, or a link drawn as one. */
export const button = (text: string, o: Options = {}): Words => ({ kind: 'button', text, ...o });
export const link = (text: string, o: Options = {}): Words => ({ kind: 'link', text, ...o });
/** A term and the data next to it ("Aktivierungscode 1054 2963"). */
export const value = (term: string, data: string, o: Options = {}): Words => ({ kind: 'value', text: term, value: data, ...o });

/** Keeps the keys' order (the manual's) and checks each entry is a screen. */
export function manual<T extends Record<string, Screen>>(screens: T): T {
  return screens;
}
