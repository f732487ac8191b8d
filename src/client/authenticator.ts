// The 2-factor app in the browser: device key in IndexedDB (non-extractable), PIN check
// before sending, and the security code shown and refreshed without reload.
import { checkPin, pinMessages, pinMessagesEn } from '../modules/devices/pin-rules.ts';
import { text } from './texts.ts';
import { $, deviceStore, fail, jsonApi, newDeviceKey, newPin, show, signWith } from './app-kit.ts';

interface StoredDevice {
  deviceId: string;
  email: string;
  privateKey: CryptoKey;
}

// the app session lives for this tab (sessionStorage), so a reload shows the current code without the PIN again
let session: string | null = sessionStorage.getItem('pforte-app-session');
let pendingEmail = '';
let pendingCode = '';
let poll: number | undefined;
const store = deviceStore<StoredDevice>('pforte-authenticator');
const loadDevice = store.load;
const api = jsonApi('/api/authenticator', () => session);

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
  const pin = newPin((value) => {
    const rule = checkPin(value);
    return rule.ok ? null : (document.documentElement.lang === 'en' ? pinMessagesEn : pinMessages)[rule.code];
  }, text('Die beiden PINs stimmen nicht überein.'));
  if (pin === null) return;
  const keys = await newDeviceKey();
  const publicKey = keys.publicKey;
  const { status, data } = await api('/activate', { body: { email: pendingEmail, activationCode: pendingCode, pin, publicKey, kind: 'app' } });
  if (status !== 201) {
    const message = data.message ?? text('Die Aktivierung ist fehlgeschlagen.');
    // a wrong code is corrected on the first step; a PIN problem here
    if (String(data.error).startsWith('pin.')) return fail('pin-error', message);
    show('screen-activate');
    return fail('activate-error', message);
  }
  await store.save({ deviceId: data.deviceId, email: pendingEmail, privateKey: keys.privateKey });
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
  const signature = await signWith(device.privateKey, `pforte-authenticator:login:${challenge.data.nonce}:${device.deviceId}`);
  const { status, data } = await api('/login', { body: { deviceId: device.deviceId, nonce: challenge.data.nonce, signature, pin } });
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
