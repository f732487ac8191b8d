/** Reading a page as a screen reader does: headings, rows and cells, terms, what a field is described by. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits for the heading (the exact text, or a pattern), of the given level when one is named. */
export async function heading(page: Page, name: string | RegExp, level?: number): Promise<void> {
  await page.getByRole('heading', { name, exact: typeof name === 'string' ? true : undefined, level }).waitFor();
}

/** The table row that holds an element with exactly this text (a subject, an IK, an e-mail address). */
export function rowOf(page: Page, text: string): Locator {
  return page.getByRole('row').filter({ has: page.getByText(text, { exact: true }) });
}

/** The table row whose text contains this (an e-mail address inside a longer cell). */
export function rowContaining(page: Page, text: string): Locator {
  return page.getByRole('row').filter({ hasText: text });
}

/** The cell of a row under the column header `column` (the tables here have no spans in the body). */
export async function cellOf(page: Page, row: Locator, column: string): Promise<string> {
  const headers = (await page.locator('thead th').allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(column);
  assert.ok(index >= 0, `column "${column}" in ${headers.join(' | ')}`);
  return (await row.locator('td').nth(index).innerText()).trim();
}

/** The value next to a term in a <dl> (activation code, advice data). */
export function definition(scope: Page | Locator, term: string): Locator {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** Text of the element(s) the field's aria-describedby names: what a screen reader reads with the field. */
export async function describedByText(page: Page, field: Locator): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  assert.ok(ids.length, 'the field has aria-describedby');
  const parts: string[] = [];
  for (const id of ids) parts.push(((await page.locator(`[id="${id}"]`).textContent()) ?? '').trim());
  return parts.join(' ');
}

/** A link in the back office's main navigation. */
export function backofficeNav(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Backoffice' }).getByRole('link', { name, exact: true });
}

/** The bytes the browser saved for a download. */
export async function downloadedFile(download: Download): Promise<Buffer> {
  const path = await download.path();
  assert.ok(path, 'the download was saved');
  return readFileSync(path);
}
