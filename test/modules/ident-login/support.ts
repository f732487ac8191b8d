import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import sharp from 'sharp';
import type { TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { identMessage } from '../../../src/modules/ident-devices/signed.ts';
import { LOGIN_REQUEST_API } from '../../../src/modules/ident-login/link.ts';
import { activated, CODE, registered, type DeviceKey } from '../ident-devices/support.ts';
import { discover, startLogin } from '../ident-provider/support.ts';

/** A desktop browser as the app shows it: "Firefox 133 auf Windows". */
export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** The ePA client's login in a desktop browser (Firefox on Windows), up to the page with the QR code. */
export async function qrLogin(t: TestSystem, callback: () => { base: string }) {
  const config = await discover(t);
  const browser = new FormClient(t.baseUrl);
  browser.userAgent = DESKTOP_UA;
  return { ...(await startLogin(t, config, `${callback().base}/callback`, {}, browser)), config };
}

/** A person registered for the ePA with the Ident app activated on one device. */
export async function personWithApp(t: TestSystem) {
  const p = await registered(t);
  return { ...p, device: await activated(t, p) };
}

/** What the login page shows of its request: the id (from the script's status address), the short code and the number. */
export function shownRequest(browser: FormClient): { id: string; shortCode: string; number: number } {
  const html = browser.lastHtml;
  const id = /data-status="[^"]*\?request=([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  const shortCode = /class="ident-qr__code">([^<]+)</.exec(html)?.[1];
  const number = /Wählen Sie in der App diese Zahl: <strong>(\d\d)</.exec(html)?.[1];
  if (!id || !shortCode || !number) throw new Error(`no QR login on ${browser.lastUrl}: ${browser.text().slice(0, 400)}`);
  return { id, shortCode, number: Number(number) };
}

/** A call of the app's QR login API, from the phone's address. */
export async function appCall(t: TestSystem, path: string, body: unknown, ip = '203.0.113.50'): Promise<{ status: number; data: Record<string, any> }> {
  const response = await fetch(`${t.baseUrl}${LOGIN_REQUEST_API}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, data: response.status === 204 ? {} : ((await response.json()) as Record<string, any>) };
}

/** What the app sends before it answers: a challenge for this request and `purpose`, and the device's signature over it. */
export async function appSigned(t: TestSystem, device: { deviceId: string; key: DeviceKey }, id: string, purpose: 'approve' | 'decline', ip?: string) {
  const challenge = await appCall(t, '/challenge', { id, deviceId: device.deviceId, purpose }, ip);
  if (challenge.status !== 200) return { refused: challenge };
  const nonce = String(challenge.data.nonce);
  return { body: { id, deviceId: device.deviceId, nonce, signature: device.key.sign(identMessage(purpose, nonce, device.deviceId, id)) } };
}

/** "Anmelden" in the app: a challenge for this request, the device's signature over it, the number and the code. */
export async function appApprove(t: TestSystem, device: { deviceId: string; key: DeviceKey }, id: string, number: number, pin = CODE, ip?: string) {
  const signed = await appSigned(t, device, id, 'approve', ip);
  return signed.body ? appCall(t, '/approve', { ...signed.body, number, pin }, ip) : signed.refused;
}

/** "Ablehnen" in the app: a challenge for declining this request and the device's signature over it, no code. */
export async function appDecline(t: TestSystem, device: { deviceId: string; key: DeviceKey }, id: string, ip?: string) {
  const signed = await appSigned(t, device, id, 'decline', ip);
  return signed.body ? appCall(t, '/decline', signed.body, ip) : signed.refused;
}

/** A number of the three the app offers that is not the page's. */
export function wrongNumber(choices: number[], right: number): number {
  return choices.find((n) => n !== right)!;
}

/** The address in the login page's QR code, read from its SVG as a camera would: drawn, then decoded with jsQR. */
export async function qrLinkOnPage(html: string): Promise<string> {
  const svg = /<svg role="img"[^>]*class="qr"[\s\S]*?<\/svg>/.exec(html)?.[0];
  if (!svg) throw new Error('no QR code on the page');
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsqr.default(new Uint8ClampedArray(data), info.width, info.height);
  if (!found) throw new Error('the QR code does not read');
  return found.data;
}

/** `pforte-ident` as a person runs it: the program in bin/, the GesundheitsID-Code on standard input. */
export async function pforteIdent(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/pforte-ident.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'exit')) as [number];
  return { code, out, err };
}

/** A person registered for the ePA whose terminal program is activated in a directory of its own. */
export async function terminalPerson(t: TestSystem) {
  const person = await registered(t);
  const data = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
  const activated = await pforteIdent(['activate', '--server', t.baseUrl, '--kvnr', person.kvnr, '--code', person.code, '--pin-stdin', '--data', data], `${CODE}\n`);
  if (activated.code !== 0) throw new Error(activated.err);
  return { ...person, data };
}

/**
 * The QR login done with `pforte-ident approve`: the QR code's address read from the page, the number
 * the page shows, the GesundheitsID-Code; then the browser's "Weiter" and "Öffne … .app" to the client.
 */
export async function approveWithTerminal(login: { browser: FormClient; uid: string }, data: string): Promise<URL> {
  const url = await qrLinkOnPage(login.browser.lastHtml);
  const { number } = shownRequest(login.browser);
  const approved = await pforteIdent(['approve', '--url', url, '--number', String(number), '--pin-stdin', '--data', data], `${CODE}\n`);
  if (approved.code !== 0) throw new Error(`pforte-ident approve: ${approved.code} ${approved.err}`);
  await login.browser.get(`/ident/interaction/${login.uid}`);
  const link = /<a class="button" href="([^"]+)"/.exec(login.browser.lastHtml)?.[1];
  if (!link) throw new Error('no link back to the client');
  await login.browser.get(link.replace(/&amp;/g, '&'));
  return new URL(login.browser.lastUrl);
}
