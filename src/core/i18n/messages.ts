import type { Locale } from './locale.ts';

/**
 * One catalogue of error texts, German and English, keyed by code. Called with the code type,
 * `defineMessages<PasswordCode>({ de: {…}, en: {…} })`, a code missing or misspelt in either language
 * does not compile. It imports nothing at run time, so a catalogue that browser code reads may use it too.
 */
export function defineMessages<C extends string>(texts: Record<Locale, Record<C, string>>): Record<Locale, Record<C, string>> {
  return texts;
}
