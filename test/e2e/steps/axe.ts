/** axe on the screens a journey stops at: collected while it runs, judged in tests of their own. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { axeViolationsOnce, type AxeFinding } from '../../support/axe.ts';

export interface AxeRecord<S extends string> {
  /** runs axe on the page when the screen is one of `only` (every screen without it) */
  onScreen(screen: S, page: Page): Promise<void>;
  /** axe ran on each of these screens */
  assertRan(screens: readonly S[]): void;
  /** no serious or critical finding; moderate and minor ones are reported as a diagnostic */
  assertNoSevere(t: { diagnostic(message: string): void }): void;
}

export function axeRecord<S extends string>(only?: readonly S[]): AxeRecord<S> {
  const findings: AxeFinding<S>[] = [];
  const checked: S[] = [];
  return {
    async onScreen(screen, page) {
      if (only && !only.includes(screen)) return;
      checked.push(screen);
      findings.push(...(await axeViolationsOnce(page, screen)));
    },
    assertRan(screens) {
      for (const screen of screens) assert.ok(checked.includes(screen), `axe ran on ${screen}`);
    },
    assertNoSevere(t) {
      const minor = findings.filter((f) => f.impact !== 'serious' && f.impact !== 'critical');
      if (minor.length) t.diagnostic(`axe (moderate/minor): ${minor.map((f) => `${f.screen}: ${f.id} (${f.impact}) ${f.targets.join(', ')}`).join('; ')}`);
      const severe = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      assert.deepEqual(severe, [], 'no serious or critical axe violations');
    },
  };
}
