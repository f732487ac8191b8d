import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from './system.ts';
import { chromiumSkipReason, launchChromium } from './chromium.ts';

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

/**
 * The frame of every screenshot script: `--all <dir>` for every screen, a throw-away PGlite
 * system and Chromium, the named screens into docs/screenshots, sizes checked. Exits the process.
 */
export async function runScreenshotScript<S extends string>(
  files: Partial<Record<S, string>>,
  journey: (t: TestSystem, browser: Browser, onScreen: (screen: S, page: Page) => Promise<void>) => Promise<unknown>,
  out = 'docs/screenshots',
): Promise<never> {
  const { values } = parseArgs({ options: { all: { type: 'string' } } });
  const skip = chromiumSkipReason();
  if (skip) {
    console.error(skip);
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  if (values.all) mkdirSync(values.all, { recursive: true });
  const t = await startTestSystem('pglite');
  const browser = await launchChromium();
  let saved = 0;
  try {
    await journey(t, browser, async (screen, page) => {
      const file = files[screen];
      const paths = [file ? join(out, file) : null, values.all ? join(values.all, `${screen}.png`) : null].filter((p): p is string => p !== null);
      await captureScreen(page, paths);
      if (values.all && paths.length) saved += 1;
    });
  } finally {
    await browser.close();
    await t.close();
  }
  const ok = reportSizes(Object.values(files).map((file) => join(out, file as string)));
  if (values.all) console.log(`alle ${saved} Bildschirme in ${values.all}`);
  process.exit(ok ? 0 : 1);
}
