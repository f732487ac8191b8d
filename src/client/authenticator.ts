// The 2-factor app in the browser: device key in IndexedDB (non-extractable), PIN check
// before sending, and the security code shown and refreshed without reload.
import { checkPin, pinMessages, pinMessagesEn } from '../modules/devices/pin-rules.ts';
import { text } from './texts.ts';

interface StoredDevice {
  id: 'device';
  deviceId: string;
  email: string;
  privateKey: CryptoKey;
}

const API = '/api/authenticator';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
// the app session lives for this tab (sessionStorage), so a reload shows the current code without the PIN again
let session: string | null = sessionStorage.getItem('pforte-app-session');
let pendingEmail = '';
let pendingCode = '';
let poll: number | undefined;

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('pforte-authenticator', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys', { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function loadDevice(): Promise<StoredDevice | undefined> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const r = d.transaction('keys').objectStore('keys').get('device');
    r.onsuccess = () => resolve(r.result as StoredDevice | undefined);
    r.onerror = () => reject(r.error);
  });
}

async function saveDevice(device: StoredDevice): Promise<void> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction('keys', 'readwrite');
    tx.objectStore('keys').put(device);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

function show(id: string) {
  for (const s of document.querySelectorAll<HTMLElement>('.app-screen')) s.hidden = s.id !== id;
  const heading = document.querySelector<HTMLElement>(`#${id} h2`);
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

function fail(id: string, message: string) {
  const el = $(id);
  el.textContent = message;
  el.hidden = !message;
}

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; data: any }> {
  const response = await fetch(`${API}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: init.body === undefined ? (init.method === 'GET' ? undefined : '{}') : JSON.stringify(init.body),
  });
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  return { status: response.status, data };
}

function b64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function openCodeScreen() {
  show('screen-code');
  void refresh();
  if (poll) window.clearInterval(poll);
  poll = window.setInterval(() => void refresh(), 2000);
}

async function start() {
  const device = await loadDevice();
  if (device && session) {
    openCodeScreen();
    return;
  }
  if (device) {
    $('login-email').textContent = device.email;
    show('screen-login');
  } else {
    show('screen-terms');
  }
}

$('form-terms').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!$<HTMLInputElement>('terms').checked) return fail('terms-error', text('Bitte akzeptieren Sie die Nutzungsbedingungen.'));
  fail('terms-error', '');
  show('screen-activate');
});

$('form-activate').addEventListener('submit', (e) => {
  e.preventDefault();
  const email = $<HTMLInputElement>('activate-email').value.trim();
  const code = $<HTMLInputElement>('activate-code').value.replace(/\s+/g, '');
  if (!email.includes('@')) return fail('activate-error', text('Bitte geben Sie Ihren Benutzernamen bzw. Ihre E-Mail-Adresse ein.'));
  if (!/^\d{8}$/.test(code)) return fail('activate-error', text('Der Aktivierungscode besteht aus acht Ziffern.'));
  fail('activate-error', '');
  pendingEmail = email;
  pendingCode = code;
  show('screen-pin');
});

$('form-pin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const pin = $<HTMLInputElement>('pin').value;
  const repeat = $<HTMLInputElement>('pin-repeat').value;
  const rule = checkPin(pin);
  const clearPins = () => {
    $<HTMLInputElement>('pin').value = '';
    $<HTMLInputElement>('pin-repeat').value = '';
    $<HTMLInputElement>('pin').focus();
  };
  if (!rule.ok) {
    clearPins();
    return fail('pin-error', (document.documentElement.lang === 'en' ? pinMessagesEn : pinMessages)[rule.code]);
  }
  if (pin !== repeat) {
    clearPins();
    return fail('pin-error', text('Die beiden PINs stimmen nicht überein.'));
  }
  fail('pin-error', '');
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const { status, data } = await api('/activate', { body: { email: pendingEmail, activationCode: pendingCode, pin, publicKey, kind: 'app' } });
  if (status !== 201) {
    const message = data.message ?? text('Die Aktivierung ist fehlgeschlagen.');
    // a wrong code is corrected on the first step; a PIN problem here
    if (String(data.error).startsWith('pin.')) return fail('pin-error', message);
    show('screen-activate');
    return fail('activate-error', message);
  }
  await saveDevice({ id: 'device', deviceId: data.deviceId, email: pendingEmail, privateKey: keys.privateKey });
  $<HTMLInputElement>('pin').value = '';
  $<HTMLInputElement>('pin-repeat').value = '';
  show('screen-done');
});

$('go-login').addEventListener('click', () => void start());

$('form-login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const device = await loadDevice();
  if (!device) return void start();
  const pin = $<HTMLInputElement>('login-pin').value;
  if (!/^\d{6}$/.test(pin)) return fail('login-error', text('Bitte geben Sie Ihre sechsstellige PIN ein.'));
  const challenge = await api('/challenge');
  const message = new TextEncoder().encode(`pforte-authenticator:login:${challenge.data.nonce}:${device.deviceId}`);
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.privateKey, message);
  const { status, data } = await api('/login', { body: { deviceId: device.deviceId, nonce: challenge.data.nonce, signature: b64url(signature), pin } });
  $<HTMLInputElement>('login-pin').value = '';
  if (status !== 200) {
    const left = data.details?.attemptsLeft ? ` ${text('Verbleibende Versuche:')} ${data.details.attemptsLeft}.` : '';
    return fail('login-error', `${data.message ?? text('Die Anmeldung ist fehlgeschlagen.')}${left}`);
  }
  fail('login-error', '');
  session = data.token as string;
  sessionStorage.setItem('pforte-app-session', session);
  openCodeScreen();
});

const NO_LOGIN_TEXT = $('code-none').textContent ?? '';
// manual 001 step 5: a timed-out code is not renewed here; a new login on the login page brings a new one
const EXPIRED_TEXT = text(
  'Der Sicherheitscode ist abgelaufen. Bitte geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein und klicken Sie anschließend auf „Akzeptieren“. Sie erhalten dann sofort einen neuen Sicherheitscode.',
);
const NO_NEW_LOGIN_TEXT = text('Es liegt noch keine neue Anmeldung vor. Bitte geben Sie zuerst Ihre Login-Daten auf der Anmeldeseite neu ein.');

/** Writes only a change: the screen is refreshed every 2 s inside a live region, and the same code is not read out again. */
function setText(id: string, text: string) {
  const el = $(id);
  if (el.textContent !== text) el.textContent = text;
}

function setHidden(id: string, hidden: boolean) {
  const el = $(id);
  if (el.hidden !== hidden) el.hidden = hidden;
}

function render(data: any) {
  const pending = Boolean(data.pending && data.code);
  setHidden('code-pending', !pending);
  setHidden('code-none', pending);
  // the hint after "Akzeptieren" without a new login holds only while the timed-out login is all there is
  if (!(data.pending && data.expired) && $('app-status').textContent === NO_NEW_LOGIN_TEXT) $('app-status').textContent = '';
  if (pending) {
    setText('code-value', `${data.code.slice(0, 3)} ${data.code.slice(3)}`);
    const until = new Date(data.expiresAt).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' });
    setText('code-expiry', `Gültig bis ${until} Uhr.`);
  } else {
    // every time: after an expired code, the next state may be "no login waiting" again
    setText('code-none', data.pending && data.expired ? EXPIRED_TEXT : NO_LOGIN_TEXT);
  }
}

async function refresh() {
  const { status, data } = await api('/code', { method: 'GET' });
  if (status === 401 || status === 403) return logout(data.message);
  if (status === 200) render(data);
}

// "Akzeptieren": the newest login's code now, without waiting for the next poll
$('accept').addEventListener('click', async () => {
  const { status, data } = await api('/accept');
  if (status === 401 || status === 403) return logout(data.message);
  if (status === 200) render(data);
  $('app-status').textContent = status !== 200 ? (data.message ?? '') : data.expired ? NO_NEW_LOGIN_TEXT : '';
});

async function logout(message?: string) {
  if (poll) window.clearInterval(poll);
  if (session) await api('/logout');
  session = null;
  sessionStorage.removeItem('pforte-app-session');
  $('app-status').textContent = message ?? '';
  await start();
}

$('app-logout').addEventListener('click', () => void logout());
$('forgot-pin').addEventListener('click', () => show('screen-forgot'));
$('forgot-back').addEventListener('click', () => void start());

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch(() => undefined);
void start();
