/**
 * Compares what Chromium shows with a manual's screen (./screens.ts): every word of the
 * manual's picture is on the page, in the manual's order, and headings, fields, buttons and
 * links are what they look like (found by role and name, as a screen reader finds them).
 *
 * Text is the page's innerText (what is rendered; hidden app screens are not), with runs of
 * whitespace made one space. A screen's findings are collected, not thrown at the first, so
 * one run lists every sentence that differs, each with what the page says instead.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { Screen, Stepper, Words } from './screens.ts';

export type Scope = Page | FrameLocator | Locator;
export type Values = Record<string, string>;

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The manual's words with the walk's own data filled in. */
function fill(s: string, values: Values): string {
  return s.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`no value for {${key}} in "${s}"`);
    return v;
  });
}

function form(s: string, w: Pick<Words, 'anyCase'>): string {
  let out = normalise(s);
  if (w.anyCase) out = out.toLowerCase();
  return out;
}

function body(scope: Scope): Locator {
  // a Locator waits for itself; a Page or a frame is read from its body
  return 'waitFor' in scope ? scope : scope.locator('body');
}

/** What the page says where the manual's sentence should be: the stretch that starts (or ends) with the same words. */
function nearest(haystack: string, needle: string): string {
  const words = needle.split(' ');
  const probes: [string, 'start' | 'end'][] = [
    [words.slice(0, 4).join(' '), 'start'],
    [words.slice(-4).join(' '), 'end'],
    [words.slice(0, 2).join(' '), 'start'],
    [words[0] ?? '', 'start'],
  ];
  for (const [probe, side] of probes) {
    const i = haystack.indexOf(probe);
    if (probe.length < 6 || i < 0) continue;
    const length = needle.length + 20;
    const start = side === 'start' ? i : Math.max(0, i + probe.length - length);
    return `page says: "${haystack.slice(start, start + length)}"`;
  }
  return 'page has nothing like it';
}

async function visible(l: Locator): Promise<boolean> {
  const n = await l.count();
  for (let i = 0; i < n; i++) if (await l.nth(i).isVisible()) return true;
  return false;
}

/** The word is what it looks like: a heading (or a group's legend), a field's label, a button, a link. */
async function roleFinding(scope: Scope, w: Words, shown: string): Promise<string | null> {
  const name = w.name ?? shown;
  const exact = w.name ? undefined : true;
  switch (w.kind) {
    case 'heading':
      if (await visible(scope.getByRole('heading', { name, exact }))) return null;
      if (await visible(scope.getByRole('group', { name, exact }))) return null;
      return `not a heading: "${shown}"`;
    case 'label':
      return (await visible(scope.getByLabel(name, { exact }))) ? null : `no field labelled "${shown}"`;
    case 'button':
      // a "Schaltfläche" is a button or a link drawn as one
      if (await visible(scope.getByRole('button', { name, exact }))) return null;
      if (await visible(scope.getByRole('link', { name, exact }))) return null;
      return `no button "${shown}"`;
    case 'link':
      return (await visible(scope.getByRole('link', { name, exact }))) ? null : `no link "${shown}"`;
    default:
      return null;
  }
}

/** The visible words an item stands for in the page's text. */
function shownWords(w: Words, values: Values): string[] {
  if (w.kind === 'value') return [fill(w.text, values), fill(w.value ?? '', values)];
  return [fill(w.text, values)];
}

/** Each item in the page's text after the one before it; roles checked. */
async function wordsFindings(scope: Scope, items: Words[], values: Values, ordered: boolean): Promise<string[]> {
  const raw = normalise(await body(scope).innerText());
  const findings: string[] = [];
  let cursor = 0;
  let previous = '';
  for (const w of items) {
    const haystack = form(raw, w);
    const parts = shownWords(w, values).map((p) => form(p, w));
    const label = parts.join(' … ');
    let at = ordered ? cursor : 0;
    let found = true;
    for (const part of parts) {
      const i = haystack.indexOf(part, at);
      if (i < 0) {
        found = false;
        if (haystack.includes(part)) findings.push(`out of the manual's order: "${part}" should come after "${previous}"`);
        else findings.push(`missing: "${part}" — ${nearest(haystack, part)}`);
        break;
      }
      at = i + part.length;
    }
    if (found) {
      if (ordered) cursor = at;
      previous = label;
      const role = await roleFinding(scope, w, shownWords(w, values)[0]!);
      if (role) findings.push(role);
    }
  }
  return findings;
}

async function stepperFindings(page: Page, s: Stepper): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /Fortschritt/ });
  if ((await nav.count()) === 0) return ['no progress bar'];
  const steps = await nav.first().getByRole('listitem').evaluateAll((items) =>
    items.map((li) => {
      const copy = li.cloneNode(true) as HTMLElement;
      for (const n of copy.querySelectorAll('.visually-hidden, [aria-hidden="true"]')) n.remove();
      return {
        label: (copy.textContent ?? '').replace(/\s+/g, ' ').trim(),
        symbol: [...li.querySelectorAll('[aria-hidden="true"]')].map((n) => n.textContent ?? '').join('').trim(),
        current: li.getAttribute('aria-current') === 'step',
      };
    }),
  );
  const findings: string[] = [];
  const labels = steps.map((x) => x.label);
  if (labels.join(' | ') !== s.labels.join(' | ')) findings.push(`progress bar: "${s.labels.join(' | ')}" — page says: "${labels.join(' | ')}"`);
  const current = steps.filter((x) => x.current).map((x) => x.label);
  if (current.join() !== s.current) findings.push(`progress bar: the current step is "${s.current}" — page marks "${current.join(', ')}"`);
  if (s.done !== undefined) {
    const done = steps.filter((x) => x.symbol === '✔').length;
    if (done !== s.done) findings.push(`progress bar: ${s.done} step(s) with ✔ — page shows ${done}`);
  }
  return findings;
}

/** Everything on the screen that differs from the manual, as readable lines (empty: the page says what the manual says). */
export async function screenFindings(page: Page, screen: Screen, values: Values = {}, scope: Scope = page): Promise<string[]> {
  const findings: string[] = [];
  findings.push(...(await wordsFindings(scope, screen.shows, values, true)));
  const loose = (screen.alsoSays ?? []).map((x) => (typeof x === 'string' ? ({ kind: 'text', text: x } as Words) : x));
  if (loose.length) findings.push(...(await wordsFindings(scope, loose, values, false)));
  if (screen.stepper) findings.push(...(await stepperFindings(page, screen.stepper)));
  for (const column of screen.footer ?? []) findings.push(...(await wordsFindings(page.getByRole('contentinfo'), column, values, true)));
  return findings;
}

/** Fails with every finding, under the manual's step. */
export function assertAsInManual(screen: Screen, findings: string[]) {
  if (findings.length) assert.fail(`${screen.step} (${screen.page}):\n  ${findings.join('\n  ')}`);
}

/** The screens checked so far in this file, in the order the walk met them. */
export const walked: Screen[] = [];

/** The walk met every screen of the manual, in the manual's order. */
export function assertWalkedInOrder(screens: Record<string, Screen>) {
  const all = Object.values(screens);
  assert.deepEqual(
    walked.filter((s) => all.includes(s)).map((s) => s.step),
    all.map((s) => s.step),
  );
}

/**
 * Checks the screen, does what the manual says next (so one screen that differs does not stop
 * the walk), then fails with what differed.
 */
export async function onScreen(page: Page, screen: Screen, values: Values, next?: () => Promise<void>, scope: Scope = page) {
  walked.push(screen);
  const findings = await screenFindings(page, screen, values, scope);
  try {
    await next?.();
  } catch (error) {
    // what differed is worth more than the step that then broke: both are told
    if (findings.length) findings.push(`and then: ${(error as Error).message.split('\n')[0]}`);
    else throw error;
  }
  assertAsInManual(screen, findings);
}
