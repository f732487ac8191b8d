import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding<S extends string = string> {
  screen: S;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * The page's axe violations, named by the screen they were found on. The mailbox's mail
 * frame is left out: it is sandboxed without scripts, so axe cannot run inside it.
 */
export async function axeViolations<S extends string>(page: Page, screen: S): Promise<AxeFinding<S>[]> {
  const result = await new AxeBuilder({ page }).exclude('iframe.mail-frame').analyze();
  return result.violations.map((v) => ({
    screen,
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

const checkedScreens = new Set<string>();

/**
 * The same, once per screen and test file: a screen's markup does not depend on the database,
 * so the run on the second database (same process, same file) skips what the first one checked.
 */
export async function axeViolationsOnce<S extends string>(page: Page, screen: S): Promise<AxeFinding<S>[]> {
  if (checkedScreens.has(screen)) return [];
  checkedScreens.add(screen);
  return axeViolations(page, screen);
}
