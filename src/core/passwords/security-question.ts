import { hashPassword, verifyPassword } from './passwords.ts';

/**
 * The Kennwortfrage (manual 004): a question chosen from a list and its answer, asked in addition
 * to the mail link when the password is forgotten or the main contact changes — never instead of it.
 * Only an argon2id hash of the normalised answer is stored, so "Müller", " mueller " and "MÜLLER"
 * are the same answer.
 */
export const SECURITY_QUESTIONS = [
  { code: 'first_pet', text: 'Wie hieß Ihr erstes Haustier?' },
  { code: 'birth_city', text: 'In welcher Stadt wurde Ihre Mutter geboren?' },
  { code: 'first_school', text: 'Wie hieß Ihre erste Schule?' },
  { code: 'childhood_friend', text: 'Wie heißt Ihr bester Freund oder Ihre beste Freundin aus Kindertagen?' },
  { code: 'first_employer', text: 'Bei welchem Unternehmen haben Sie Ihre Ausbildung oder erste Stelle begonnen?' },
  { code: 'favourite_book', text: 'Wie heißt Ihr Lieblingsbuch?' },
] as const;

export type SecurityQuestionCode = (typeof SECURITY_QUESTIONS)[number]['code'];

export const ANSWER_MIN = 2;
export const ANSWER_MAX = 100;

export function isSecurityQuestion(code: unknown): code is SecurityQuestionCode {
  return SECURITY_QUESTIONS.some((q) => q.code === code);
}

export function securityQuestionText(code: string): string | undefined {
  return SECURITY_QUESTIONS.find((q) => q.code === code)?.text;
}

/** Case, spaces, umlauts and ß do not matter: "  Groß-Müller " and "gross mueller" are one answer. */
export function normaliseAnswer(answer: string): string {
  return answer
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[\s\-_.,;:'"!?]+/g, '');
}

export type AnswerCheck = { ok: true; value: string } | { ok: false; code: 'answer.required' | 'answer.too_short' | 'answer.too_long' };

/** The answer as typed at registration: at least two letters or digits after normalising, at most 100 characters. */
export function checkAnswer(answer: string | undefined): AnswerCheck {
  const typed = (answer ?? '').trim();
  if (!typed) return { ok: false, code: 'answer.required' };
  if ([...typed].length > ANSWER_MAX) return { ok: false, code: 'answer.too_long' };
  if (normaliseAnswer(typed).length < ANSWER_MIN) return { ok: false, code: 'answer.too_short' };
  return { ok: true, value: typed };
}

export function hashAnswer(answer: string): Promise<string> {
  return hashPassword(normaliseAnswer(answer));
}

export function verifyAnswer(stored: string, answer: string): Promise<boolean> {
  return verifyPassword(stored, normaliseAnswer(answer));
}
