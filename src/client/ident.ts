// The AOK Ident app in the browser (manual 003): activation with the letter's KVNR and code, the
// GesundheitsID-Code chosen twice, a device key made here and kept in IndexedDB (non-extractable), and
// "Geräte" to see and remove the person's devices with a signed request.
import { checkKvnr } from '../core/identifiers/checks.ts';
import { identifierMessages, identifierMessagesEn } from '../core/identifiers/messages.ts';
import { checkPin } from '../modules/devices/pin-rules.ts';
import { CODE_RULE, identAppMessages, identAppMessagesEn, type IdentAppCode } from '../modules/ident-devices/messages.ts';
import { identMessage } from '../modules/ident-devices/signed.ts';
import { text } from './texts.ts';
import { $, deviceStore, fail, jsonApi, newDeviceKey, newPin, show, signWith } from './app-kit.ts';
import { loginRequests } from './ident-login-app.ts';

interface StoredDevice {
  deviceId: string;
  kvnr: string;
  firstName: string;
  lastName: string;
  insurer: { name: string; street: string; postalCode: string; city: string } | null;
  privateKey: CryptoKey;
}

interface ListedDevice {
  id: string;
  name: string;
  status: 'active' | 'locked';
  createdAt: string;
  current: boolean;
}

const english = () => document.documentElement.lang === 'en';
const store = deviceStore<StoredDevice>('pforte-ident');
// "Geräte" lives as long as this screen: the session is not kept beyond the page
let session: string | null = null;
const api = jsonApi('/api/ident', () => session);
let pending = { kvnr: '', activationCode: '' };
let removing: ListedDevice | null = null;

/** Our own codes in the page's language; any other answer as the server wrote it. */
function messageOf(data: { error?: string; message?: string }, fallback: string): string {
  const code = data.error as IdentAppCode;
  if (code in identAppMessages) return (english() ? identAppMessagesEn : identAppMessages)[code];
  return data.message ?? fallback;
}

function kvnrProblem(value: string): string {
  const checked = checkKvnr(value);
  return checked.ok ? '' : (english() ? identifierMessagesEn : identifierMessages)[checked.code];
}

async function start() {
  const device = await store.load();
  if (!device) return show('screen-activate');
  $('home-person').textContent = `${device.firstName} ${device.lastName} · ${device.kvnr}`;
  show('screen-home');
}

// the KVNR is checked at the field, as soon as it is left
$('activate-kvnr').addEventListener('change', () => fail('kvnr-error', kvnrProblem($<HTMLInputElement>('activate-kvnr').value)));

$('form-activate').addEventListener('submit', (e) => {
  e.preventDefault();
  const kvnr = $<HTMLInputElement>('activate-kvnr').value.trim().toUpperCase();
  const activationCode = $<HTMLInputElement>('activate-code').value.replace(/[\s\-‐–]/g, '').toUpperCase();
  const problem = kvnrProblem(kvnr);
  fail('kvnr-error', problem);
  if (problem) return $('activate-kvnr').focus();
  if (activationCode.length !== 12) return fail('activate-error', text('Der Aktivierungscode besteht aus zwölf Zeichen.'));
  fail('activate-error', '');
  pending = { kvnr, activationCode };
  show('screen-pin');
});

$('form-pin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const pin = newPin((value) => {
    const rule = checkPin(value);
    return rule.ok ? null : (english() ? identAppMessagesEn : identAppMessages)[CODE_RULE[rule.code]];
  }, text('Die beiden GesundheitsID-Codes stimmen nicht überein.'));
  if (pin === null) return;
  const key = await newDeviceKey();
  const { status, data } = await api('/activate', { body: { ...pending, pin, publicKey: key.publicKey, kind: 'app' } });
  $<HTMLInputElement>('pin').value = '';
  $<HTMLInputElement>('pin-repeat').value = '';
  if (status !== 201) {
    const message = messageOf(data, text('Die Aktivierung ist fehlgeschlagen.'));
    if (String(data.error).startsWith('ident_app.code_')) return fail('pin-error', message);
    // the letter's data are corrected on the first step; one answer for a wrong KVNR or a wrong code
    show('screen-activate');
    if (String(data.error).startsWith('kvnr.')) return fail('kvnr-error', message);
    return fail('activate-error', message);
  }
  await store.save({ deviceId: data.deviceId, ...data.person, insurer: data.insurer, privateKey: key.privateKey });
  $('done-person').textContent = `${data.person.firstName} ${data.person.lastName} · ${data.person.kvnr}`;
  show('screen-done');
});

$('done-next').addEventListener('click', () => void start());

/** Asks for a nonce for this device and signs it with the purpose and what it is about. */
async function signedBody(device: StoredDevice, purpose: 'login' | 'remove', about = '') {
  const challenge = await api('/challenge', { body: { deviceId: device.deviceId, purpose } });
  if (challenge.status !== 200) throw new Error(messageOf(challenge.data, text('Die Anmeldung ist fehlgeschlagen.')));
  const nonce = challenge.data.nonce as string;
  return { deviceId: device.deviceId, nonce, signature: await signWith(device.privateKey, identMessage(purpose, nonce, device.deviceId, about)) };
}

$('open-devices').addEventListener('click', () => {
  $('app-status').textContent = '';
  show('screen-unlock');
});

$('form-unlock').addEventListener('submit', async (e) => {
  e.preventDefault();
  const device = await store.load();
  if (!device) return void start();
  const pin = $<HTMLInputElement>('unlock-pin').value;
  if (!/^\d{6}$/.test(pin)) return fail('unlock-error', text('Bitte geben Sie Ihren sechsstelligen GesundheitsID-Code ein.'));
  try {
    const { status, data } = await api('/login', { body: { ...(await signedBody(device, 'login')), pin } });
    $<HTMLInputElement>('unlock-pin').value = '';
    if (status !== 200) {
      const left = data.details?.attemptsLeft ? ` ${text('Verbleibende Versuche:')} ${data.details.attemptsLeft}.` : '';
      return fail('unlock-error', `${messageOf(data, text('Die Anmeldung ist fehlgeschlagen.'))}${left}`);
    }
    fail('unlock-error', '');
    session = data.token as string;
    await listDevices();
  } catch (error) {
    fail('unlock-error', (error as Error).message);
  }
});

async function listDevices() {
  const { status, data } = await api('/devices', { method: 'GET' });
  if (status !== 200) {
    session = null;
    $('app-status').textContent = messageOf(data, '');
    return start();
  }
  const list = $('device-list');
  list.replaceChildren();
  for (const d of data.devices as ListedDevice[]) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = d.current ? `${d.name} (${$('word-current').textContent})` : d.name;
    const since = document.createElement('span');
    since.className = 'small';
    const day = new Date(d.createdAt).toLocaleDateString('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric' });
    since.textContent = `${$('word-since').textContent} ${day}${d.status === 'locked' ? ` · ${$('word-locked').textContent}` : ''}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button--link';
    remove.textContent = $('word-remove').textContent;
    remove.setAttribute('aria-label', `${$('word-remove').textContent}: ${d.name}`);
    remove.addEventListener('click', () => {
      removing = d;
      $('remove-name').textContent = name.textContent;
      fail('remove-error', '');
      show('screen-remove');
    });
    item.append(name, remove, since);
    list.append(item);
  }
  show('screen-devices');
}

$('remove-confirm').addEventListener('click', async () => {
  const device = await store.load();
  if (!device || !removing) return void start();
  try {
    const body = { ...(await signedBody(device, 'remove', removing.id)), remove: removing.id };
    const { status, data } = await api('/devices/remove', { body });
    if (status !== 204) return fail('remove-error', messageOf(data, text('Das Gerät konnte nicht entfernt werden.')));
  } catch (error) {
    return fail('remove-error', (error as Error).message);
  }
  if (removing.current) {
    // this device is gone: its key is of no use any more
    session = null;
    await store.clear();
    return start();
  }
  removing = null;
  await listDevices();
});

$('remove-cancel').addEventListener('click', () => void listDevices());

async function home() {
  if (session) await api('/logout');
  session = null;
  await start();
}

for (const back of document.querySelectorAll<HTMLElement>('[data-home]')) back.addEventListener('click', () => void home());

$('forgot-code').addEventListener('click', async () => {
  const insurer = (await store.load())?.insurer;
  if (insurer) $('forgot-insurer').replaceChildren(...[insurer.name, insurer.street, `${insurer.postalCode} ${insurer.city}`].flatMap((line, i) => (i ? [document.createElement('br'), line] : [line])));
  show('screen-forgot');
});
$('forgot-back').addEventListener('click', () => show('screen-unlock'));

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/ident/app/sw.js', { scope: '/ident/app/' }).catch(() => undefined);
// the QR login (manual 003 §4.1); a scanned QR code's address opens its request once the app has started
const login = loginRequests({ api, device: () => store.load(), message: messageOf });
void start().then(() => login.fromLink());
