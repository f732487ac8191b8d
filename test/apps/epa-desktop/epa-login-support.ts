import { after, before } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomFetch } from 'openid-client';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { startDesktop, type Desktop } from '../../../src/apps/epa-desktop/server.tsx';
import { createEpaLogin } from '../../../src/apps/epa-desktop/epa-login/section.tsx';
import { FormClient } from '../../support/browser-client.ts';
import type { TestSystem } from '../../support/system.ts';
import { approveWithTerminal, pforteIdent, qrLinkOnPage, shownRequest } from '../../modules/ident-login/support.ts';
import { CODE } from '../../modules/ident-devices/support.ts';

/** A request the program sent to the server, as openid-client made it. */
export interface SentRequest {
  url: string;
  method: string;
  body: string;
  dpop: string | undefined;
}

export interface RunningDesktop {
  desktop: Desktop;
  /** the program's clock (the tokens' renewal and the 120 minutes are the program's) */
  clock: ManualClock;
  dataDir: string;
  sent: SentRequest[];
  /** a browser without JavaScript for the program and the provider (relative addresses are the server's) */
  browser: FormClient;
  /** the program's address for `path` */
  at(path: string): string;
}

/**
 * `pforte-epa` against the describe block's test system, on a fresh data folder, its requests to the
 * server noted. Started after the system (its `before` runs first), closed before it.
 */
export function desktopFor(t: TestSystem): () => RunningDesktop {
  let running: RunningDesktop | undefined;
  before(async () => {
    const sent: SentRequest[] = [];
    const noting: CustomFetch = (url, options) => {
      const headers = options.headers as Record<string, string>;
      sent.push({ url, method: options.method, body: options.body === undefined || options.body === null ? '' : String(options.body), dpop: headers.dpop ?? headers.DPoP });
      return fetch(url, options as RequestInit);
    };
    const clock = new ManualClock(new Date());
    const dataDir = join(mkdtempSync(join(tmpdir(), 'pforte-epa-login-')), 'daten');
    const desktop = await startDesktop({ dataDir, server: t.baseUrl, clock, epa: createEpaLogin({ fetch: noting }) });
    running = { desktop, clock, dataDir, sent, browser: new FormClient(t.baseUrl), at: (path) => new URL(path, desktop.url).href };
    await openedByProgram(running, running.browser);
  });
  after(() => running?.desktop.close());
  return () => {
    if (!running) throw new Error('the program starts in before()');
    return running;
  };
}

/** The browser opens the address the program opened or printed (a fresh one): the program lets it in from then on. */
export async function openedByProgram(app: RunningDesktop, browser: FormClient) {
  await browser.get(app.desktop.launchUrl());
  if (browser.lastUrl !== app.at('/') || browser.lastStatus !== 200) throw new Error(`not let in: ${browser.lastStatus} ${browser.lastUrl}`);
}

/** The cookie of a browser the program opened, for a request made by hand ("name=value"). */
export async function launchCookie(app: RunningDesktop): Promise<string> {
  const answer = await fetch(app.desktop.launchUrl(), { redirect: 'manual' });
  return answer.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** "Neuen lokalen Benutzer anlegen" in the program (a browser of its own is first opened by it); the browser is then on the Übersicht. */
export async function newLocalUser(app: RunningDesktop, browser: FormClient, name: string, kennwort = 'Lindenblüte am Fluss 7') {
  if (!browser.cookieNames().includes(`pforte_epa_zugang_${new URL(app.desktop.url).port}`)) await openedByProgram(app, browser);
  await browser.get(app.at('/benutzer-anlegen'));
  await browser.postForm({ benutzername: name, kennwort, kennwortRepeat: kennwort, terms: 'ja' }, '/benutzer-anlegen');
  if (!browser.lastUrl.includes('/uebersicht')) throw new Error(`no Übersicht: ${browser.lastStatus} ${browser.text().slice(0, 300)}`);
}

/** "Anmelden" with name and Kennwort. */
export async function localLogin(app: RunningDesktop, browser: FormClient, name: string, kennwort = 'Lindenblüte am Fluss 7') {
  await browser.get(app.at('/'));
  await browser.postForm({ benutzername: name, kennwort }, '/anmelden');
}

/** The provider's login page the program sent the browser to: its interaction id. */
export function loginPageUid(browser: FormClient): string {
  const uid = /\/ident\/interaction\/([^/?#]+)$/.exec(new URL(browser.lastUrl).pathname)?.[1];
  if (!uid || browser.lastStatus !== 200) throw new Error(`no AOK Ident login page: ${browser.lastStatus} ${browser.lastUrl} ${browser.text().slice(0, 300)}`);
  return uid;
}

/** The QR login approved with `pforte-ident approve` from the person's terminal; the browser then follows "Öffne AOK Mein Leben.app". */
export async function approveOnPage(browser: FormClient, terminalData: string): Promise<URL> {
  return approveWithTerminal({ browser, uid: loginPageUid(browser) }, terminalData);
}

/**
 * The QR login approved with `pforte-ident approve`, then "Öffne AOK Mein Leben.app" followed only up
 * to the program: the callback address with its code and state, not yet opened.
 */
export async function approvedCallback(browser: FormClient, terminalData: string, callbackBase: string): Promise<URL> {
  const uid = loginPageUid(browser);
  const qr = await qrLinkOnPage(browser.lastHtml);
  const { number } = shownRequest(browser);
  const approved = await pforteIdent(['approve', '--url', qr, '--number', String(number), '--pin-stdin', '--data', terminalData], `${CODE}\n`);
  if (approved.code !== 0) throw new Error(`pforte-ident approve: ${approved.code} ${approved.err}`);
  await browser.get(`/ident/interaction/${uid}`);
  const link = /<a class="button" href="([^"]+)"/.exec(browser.lastHtml)?.[1];
  if (!link) throw new Error('no link back to the client');
  const cookies = new Map(browser.cookieList());
  let url = new URL(link.replace(/&amp;/g, '&'), browser.lastUrl);
  for (let hops = 0; hops < 5; hops++) {
    const response = await fetch(url, { headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': browser.ip }, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url.href}: ${response.status}`);
    url = new URL(location, url);
    if (url.href.startsWith(`${callbackBase}/callback`)) return url;
  }
  throw new Error('the provider did not send the browser back');
}
