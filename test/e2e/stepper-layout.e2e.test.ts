import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumSkipReason, newContext } from './steps/browser.ts';
import { systemAndChromium } from './steps/suite.ts';
import type { FormClient } from '../support/browser-client.ts';
import { person, registerAndConfirm } from '../support/journeys.ts';
import { provider, registerProviderAndConfirm } from '../support/partner-journeys.ts';

/**
 * Issue 11 item 9: the stepper keeps its four steps on one row on a desktop (1280 px) and lists
 * them one under the other on a phone (375 px), in both portals, without a step leaving the page.
 * Layout only: one database is enough.
 */

const skip = chromiumSkipReason();

describe('stepper layout in Chromium', { skip }, () => {
  const { t, browser } = systemAndChromium('pglite', { seedDemo: true });
  const sessions: { portal: string; client: FormClient }[] = [];
  before(async () => {
    sessions.push({ portal: 'arbeitgeber', client: (await registerAndConfirm(t, person())).client });
    sessions.push({ portal: 'partner', client: (await registerProviderAndConfirm(t, provider())).client });
  });

  for (const width of [1280, 375]) {
    test(`${width} px › ${width > 800 ? 'one row' : 'one step a line'} on the certificate and device pages of both portals`, async () => {
      for (const { portal, client } of sessions) {
        const context = await newContext(browser(), { viewport: { width, height: 900 } });
        const host = new URL(t.baseUrl).hostname;
        await context.addCookies(client.cookieList().map(([name, value]) => ({ name, value, domain: host, path: '/' })));
        const page = await context.newPage();
        for (const path of ['/registrierung/bescheinigung', '/registrierung/geraet']) {
          await page.goto(`${t.baseUrl}/${portal}${path}`);
          const steps = await page.locator('.stepper__step').evaluateAll((els) =>
            els.map((el) => {
              const r = el.getBoundingClientRect();
              return { top: Math.round(r.top), left: Math.round(r.left), right: Math.round(r.right) };
            }),
          );
          const where = `${portal}${path} at ${width} px: ${JSON.stringify(steps)}`;
          assert.equal(steps.length, 4, where);
          for (const s of steps) assert.ok(s.left >= 0 && s.right <= width, `inside the page: ${where}`);
          if (width > 800) assert.equal(new Set(steps.map((s) => s.top)).size, 1, `one row: ${where}`);
          else for (let i = 1; i < 4; i += 1) assert.ok(steps[i]!.top > steps[i - 1]!.top, `one under the other: ${where}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.equal(overflow, 0, `no horizontal scrolling: ${where}`);
        }
        await context.close();
      }
    });
  }
});
