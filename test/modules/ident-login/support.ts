import type { TestSystem } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { identMessage } from '../../../src/modules/ident-devices/signed.ts';
import { LOGIN_REQUEST_API } from '../../../src/modules/ident-login/link.ts';
import { CODE, type DeviceKey } from '../ident-devices/support.ts';

/** A desktop browser as the app shows it: "Firefox 133 auf Windows". */
export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

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

/** "Anmelden" in the app: a challenge for this request, the device's signature over it, the number and the code. */
export async function appApprove(t: TestSystem, device: { deviceId: string; key: DeviceKey }, id: string, number: number, pin = CODE, ip?: string) {
  const challenge = await appCall(t, '/challenge', { id, deviceId: device.deviceId }, ip);
  if (challenge.status !== 200) return challenge;
  const nonce = String(challenge.data.nonce);
  const signature = device.key.sign(identMessage('approve', nonce, device.deviceId, id));
  return appCall(t, '/approve', { id, number, deviceId: device.deviceId, nonce, signature, pin }, ip);
}

/** A number of the three the app offers that is not the page's. */
export function wrongNumber(choices: number[], right: number): number {
  return choices.find((n) => n !== right)!;
}
