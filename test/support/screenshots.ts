import { statSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The same picture on every run: pointer away, no focus ring, no caret, no transitions. */
export async function captureScreen(page: Page, paths: string[]): Promise<void> {
  if (!paths.length) return;
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const path of paths) await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
}

/** Prints each file's size; false when one is over the limit (README pictures stay small). */
export function reportSizes(paths: string[], maxBytes = 300 * 1024): boolean {
  let ok = true;
  for (const path of paths) {
    const size = statSync(path).size;
    const flag = size > maxBytes ? `  ZU GROSS (> ${Math.round(maxBytes / 1024)} KB)` : '';
    if (flag) ok = false;
    console.log(`${path}  ${(size / 1024).toFixed(0)} KB${flag}`);
  }
  return ok;
}
