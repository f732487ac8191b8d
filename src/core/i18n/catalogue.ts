import { de, isMessageCode } from './de.ts';
import type { Locale } from './locale.ts';
import { en } from './en.ts';
import { pagesEn, pagePatternsEn } from './pages.en.ts';
import { mailsEn, mailPatternsEn } from './mails.en.ts';

/**
 * German → English for everything users read. German stays the msgid: pages and mails are written
 * in German (the manuals' words) and translated on the way out. The error texts come from de.ts and
 * en.ts by their code; page and mail texts from pages.en.ts and mails.en.ts; texts with a number,
 * a date or a name in them from patterns ("Schritt {n} von {m}"): a placeholder is kept as it is,
 * except {text…}, which must be a known text and is translated ("{text} – {portal}" for titles).
 */
const exact = new Map<string, string>();
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
for (const [code, text] of Object.entries(de)) if (isMessageCode(code)) exact.set(norm(text), en[code]);
for (const [german, english] of Object.entries({ ...pagesEn, ...mailsEn })) exact.set(norm(german), english);

interface Pattern {
  re: RegExp;
  names: string[];
  english: string;
}

function compile(german: string, english: string): Pattern {
  const names: string[] = [];
  const source = norm(german)
    .split(/(\{[a-z0-9]+\})/)
    .map((part) => {
      const m = part.match(/^\{([a-z0-9]+)\}$/);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      // {n} and {m} are numbers, {email} an address; anything else is any text
      if (m[1] === 'n' || m[1] === 'm') return '(\\d+)';
      if (m[1] === 'email') return '(\\S+@\\S+)';
      return '(.+?)';
    })
    .join('');
  return { re: new RegExp(`^${source}$`, 's'), names, english };
}

const patterns = Object.entries({ ...pagePatternsEn, ...mailPatternsEn }).map(([g, e]) => compile(g, e));

/** Misses are collected here while a test asks for them (see collectMisses). */
let misses: Set<string> | undefined;

/** The catalogue is written for the brand "AOK"; another configured brand is looked up as if it were that. */
const CATALOGUE_BRAND = 'AOK';
let brand = CATALOGUE_BRAND;

/** The brand the portals show (config INSURER_BRAND); set once at start. */
export function setCatalogueBrand(configured: string): void {
  brand = configured;
}

/** The English text for a German one, or undefined when the catalogue has none. */
export function english(text: string): string | undefined {
  if (brand === CATALOGUE_BRAND || !text.includes(brand)) return lookup(text);
  const hit = lookup(text.split(brand).join(CATALOGUE_BRAND));
  return hit === undefined ? undefined : hit.split(CATALOGUE_BRAND).join(brand);
}

function lookup(text: string): string | undefined {
  const key = norm(text);
  const hit = exact.get(key);
  if (hit !== undefined) return hit;
  for (const p of patterns) {
    const m = key.match(p.re);
    if (!m) continue;
    // {text…} holds a text of ours (a page's title, a step's name) and must be known; the rest is kept
    const values = p.names.map((name, i) => (name.startsWith('text') ? exact.get(m[i + 1]!) : m[i + 1]!));
    if (values.some((v) => v === undefined)) continue;
    return p.english.replace(/\{([a-z0-9]+)\}/g, (_, name: string) => values[p.names.indexOf(name)] ?? '');
  }
  if (misses && /\p{L}/u.test(key)) misses.add(key);
  return undefined;
}

/** The error text of a code in a locale. */
export function tIn(code: string, locale: Locale): string {
  const table = locale === 'en' ? en : de;
  return table[isMessageCode(code) ? code : 'request.internal'];
}

/**
 * Starts collecting every text with a letter that the catalogue cannot translate; the test that
 * walks the portals in English reads the set. Returns the set; `stop` ends the collecting.
 */
export function collectMisses(): { misses: Set<string>; stop(): void } {
  const set = new Set<string>();
  misses = set;
  return {
    misses: set,
    stop() {
      if (misses === set) misses = undefined;
    },
  };
}

/** Whether a test collects misses: then German pages are looked at too, and left unchanged. */
export function collecting(): boolean {
  return misses !== undefined;
}
