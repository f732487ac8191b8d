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
