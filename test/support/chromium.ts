import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The system's Chromium (Debian package). The tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a headless run in a container: no sandbox (no user namespaces here), no GPU, no calls home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Reason for skipping browser tests, or false when Chromium is there. */
export function chromiumSkipReason(): string | false {
  return chromiumAvailable() ? false : `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;
}

/** Headless Chromium from /usr/bin/chromium; the only way tests and scripts start a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
