/** What every e2e file starts with: a system on its database and Chromium, for the tests of one describe block. */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { DatabaseKind } from '../../support/databases.ts';
import { liveSystem, startTestSystem, type TestSystem } from '../../support/system.ts';
import { launchChromium } from './browser.ts';

export interface E2eRig {
  t: TestSystem;
  /** the browser, once started */
  browser(): Browser;
}

/** Both started together before the tests (the IK register seeded with `seedDemo`), both closed after them. */
export function systemAndChromium(kind: DatabaseKind, options: { seedDemo?: boolean } = {}): E2eRig {
  let started: { t: TestSystem; browser: Browser } | undefined;
  before(async () => {
    const [t, browser] = await Promise.all([startTestSystem(kind), launchChromium()]);
    started = { t, browser };
    if (options.seedDemo) await t.system.deps.ikRegister.seedDemo();
  });
  after(async () => {
    await started?.browser.close();
    await started?.t.close();
  });
  return {
    t: liveSystem(() => started?.t),
    browser() {
      if (!started) throw new Error('Chromium starts in before()');
      return started.browser;
    },
  };
}
