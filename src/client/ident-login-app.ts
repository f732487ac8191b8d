// The QR login in the AOK Ident app (manual 003 §4.1): the camera reads the login page's QR code with
// jsQR (or the person types the code under it, or the phone opened the QR code's address); the app shows
// who asks, offers three numbers of which the page shows one, and approves with the device key and the
// GesundheitsID-Code, or declines.
import jsqr from 'jsqr';
import { identMessage } from '../modules/ident-devices/signed.ts';
import { LOGIN_REQUEST_PATH as REQUEST, requestIdOf } from '../modules/ident-login/link.ts';
import { text } from './texts.ts';
import { $, fail, show, signWith } from './app-kit.ts';

type Api = (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; data: any }>;

export interface LoginAppContext {
  /** the app's API under /api/ident */
  api: Api;
  /** the device of this app, if activated */
  device(): Promise<{ deviceId: string; privateKey: CryptoKey } | undefined>;
  /** an error answer's words in the page's language */
  message(data: { error?: string; message?: string }, fallback: string): string;
}

interface Request {
  id: string;
  clientName: string;
  browser: string;
  createdAt: string;
  choices: number[];
}

let current: Request | null = null;
let camera: MediaStream | null = null;

function stopCamera() {
  for (const track of camera?.getTracks() ?? []) track.stop();
  camera = null;
}

function ended(message: string) {
  $('ended-message').textContent = message;
  show('screen-ended');
}

/** The request behind a QR code or a typed code; a typed code that finds none is said at its field. */
async function open(ctx: LoginAppContext, body: { id: string } | { code: string }) {
  const { status, data } = await ctx.api(REQUEST, { body });
  const message = ctx.message(data, text('Die Anmeldung ist fehlgeschlagen.'));
  if (status === 404 && 'code' in body) return fail('code-error', message);
  if (status !== 200) return ended(message);
  current = data as Request;
  $('request-client').textContent = current.clientName;
  $('request-browser').textContent = current.browser;
  $('request-time').textContent = new Date(current.createdAt).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'short', timeStyle: 'medium' });
  current.choices.forEach((n, i) => {
    const radio = $<HTMLInputElement>(`request-number-${i}`);
    radio.value = String(n);
    radio.checked = false;
    $(`request-number-${i}-label`).textContent = String(n);
  });
  $<HTMLInputElement>('approve-pin').value = '';
  fail('approve-error', '');
  show('screen-request');
}

async function scan(ctx: LoginAppContext) {
  fail('scan-error', '');
  show('screen-scan');
  try {
    camera = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    return fail('scan-error', text('Die Kamera ist nicht verfügbar oder nicht erlaubt. Bitte geben Sie den Code unter dem QR-Code ein.'));
  }
  const video = $<HTMLVideoElement>('scan-video');
  // iOS shows the camera in the page only so
  video.setAttribute('playsinline', '');
  video.srcObject = camera;
  await video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  const frame = () => {
    if (!camera) return;
    const { videoWidth: w, videoHeight: h } = video;
    if (w && h) {
      canvas.width = w;
      canvas.height = h;
      g.drawImage(video, 0, 0, w, h);
      const found = jsqr.default(g.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
      const id = found ? requestIdOf(found.data) : null;
      if (id) {
        stopCamera();
        return void open(ctx, { id });
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * A nonce for this request and `purpose`, signed by the device: the first device that asks for one holds
 * the request, so "Ablehnen" too is answered with the device key (without the GesundheitsID-Code).
 */
async function signedAnswer(ctx: LoginAppContext, device: { deviceId: string; privateKey: CryptoKey }, id: string, purpose: 'approve' | 'decline') {
  const challenge = await ctx.api(`${REQUEST}/challenge`, { body: { id, deviceId: device.deviceId, purpose } });
  if (challenge.status !== 200) return { refused: challenge.data as { error?: string; message?: string } };
  const nonce = String(challenge.data.nonce);
  const signature = await signWith(device.privateKey, identMessage(purpose, nonce, device.deviceId, id));
  return { body: { id, deviceId: device.deviceId, nonce, signature } };
}

async function approve(ctx: LoginAppContext) {
  const device = await ctx.device();
  if (!device || !current) return show('screen-home');
  const picked = document.querySelector<HTMLInputElement>('#form-approve input[name="number"]:checked');
  if (!picked) return fail('approve-error', text('Bitte wählen Sie die Zahl, die die Anmeldeseite zeigt.'));
  const pin = $<HTMLInputElement>('approve-pin').value;
  if (!/^\d{6}$/.test(pin)) return fail('approve-error', text('Bitte geben Sie Ihren sechsstelligen GesundheitsID-Code ein.'));
  const signed = await signedAnswer(ctx, device, current.id, 'approve');
  if (!signed.body) return ended(ctx.message(signed.refused, text('Die Anmeldung ist fehlgeschlagen.')));
  const { status, data } = await ctx.api(`${REQUEST}/approve`, { body: { ...signed.body, number: Number(picked.value), pin } });
  $<HTMLInputElement>('approve-pin').value = '';
  if (status === 200) {
    $('approved-client').textContent = current.clientName;
    current = null;
    return show('screen-approved');
  }
  const message = ctx.message(data, text('Die Anmeldung ist fehlgeschlagen.'));
  // a wrong code may be typed again (the device counts); anything else ends this request
  if (data.error === 'ident_app.code_wrong') return fail('approve-error', `${message} ${text('Verbleibende Versuche:')} ${data.details?.attemptsLeft ?? '?'}.`);
  current = null;
  ended(message);
}

/** "Ablehnen": the request ends on the page too; refused (another device holds it, it ran out …), the app says why. */
async function decline(ctx: LoginAppContext) {
  const device = await ctx.device();
  if (!device || !current) return show('screen-home');
  const signed = await signedAnswer(ctx, device, current.id, 'decline');
  const { status, data } = signed.body ? await ctx.api(`${REQUEST}/decline`, { body: signed.body }) : { status: 0, data: signed.refused };
  current = null;
  if (status === 204) show('screen-declined');
  else ended(ctx.message(data, text('Die Anmeldung ist fehlgeschlagen.')));
}

/** Wires the screens; `fromLink` opens the request of the address the app was opened with (a scanned QR code's). */
export function loginRequests(ctx: LoginAppContext) {
  $('login-scan').addEventListener('click', () => void scan(ctx));
  const typeCode = () => {
    stopCamera();
    fail('code-error', '');
    $<HTMLInputElement>('login-code').value = '';
    show('screen-code');
  };
  $('login-type').addEventListener('click', typeCode);
  $('scan-to-code').addEventListener('click', typeCode);
  for (const back of document.querySelectorAll<HTMLElement>('[data-home]')) back.addEventListener('click', stopCamera);
  $('form-code').addEventListener('submit', (e) => {
    e.preventDefault();
    const code = $<HTMLInputElement>('login-code').value.replace(/[\s\-‐–]/g, '').toUpperCase();
    if (code.length !== 8) return fail('code-error', text('Der Code besteht aus acht Zeichen.'));
    void open(ctx, { code });
  });
  $('form-approve').addEventListener('submit', (e) => {
    e.preventDefault();
    void approve(ctx).catch((error: Error) => fail('approve-error', error.message));
  });
  $('request-decline').addEventListener('click', () => void decline(ctx).catch((error: Error) => fail('approve-error', error.message)));

  /** A QR code's address (#login=…) opens its request on an activated device. */
  async function fromLink() {
    const id = requestIdOf(location.hash);
    if (!id) return;
    history.replaceState(null, '', location.pathname);
    if (await ctx.device()) await open(ctx, { id });
  }
  // the app already open, the phone opens a QR code's address in it
  window.addEventListener('hashchange', () => void fromLink());
  return { fromLink };
}
