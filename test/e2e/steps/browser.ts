/**
 * Browsers for the journeys: Chromium started the one way the tests start it, and browser
 * profiles that read the German pages (the portal follows Accept-Language, the journeys assert
 * the manuals' German words), on Berlin time, each posing as its own client.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export { chromiumSkipReason, launchChromium } from '../../support/chromium.ts';

export type Device = 'desktop' | 'phone';

const SCREENS: Record<Device, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

export interface ContextOptions extends BrowserContextOptions {
  device?: Device;
  /** how long a locator waits by default */
  timeout?: number;
}

let clients = 0;

/**
 * A fresh browser profile: German, Berlin time, downloads kept, and its own client address
 * (sent as X-Forwarded-For; the test server trusts it), so per-address limits apply per profile.
 */
export async function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  const { device = 'desktop', timeout = 10_000, ...rest } = options;
  clients += 1;
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    acceptDownloads: true,
    extraHTTPHeaders: { 'x-forwarded-for': `203.0.${113 + Math.floor(clients / 250)}.${(clients % 250) + 1}` },
    ...SCREENS[device],
    ...rest,
  });
  context.setDefaultTimeout(timeout);
  return context;
}

/** The browser profiles of one journey, closed together at its end. */
export interface Browsers {
  page(options?: ContextOptions): Promise<Page>;
  contexts: BrowserContext[];
  close(): Promise<void>;
}

export function browsers(browser: Browser): Browsers {
  const contexts: BrowserContext[] = [];
  return {
    contexts,
    async page(options) {
      const context = await newContext(browser, options);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
    },
  };
}
