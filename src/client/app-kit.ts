// What the installable apps' scripts share (the 2-factor app and the AOK Ident app): one device record
// in IndexedDB (its private key non-extractable), one screen at a time, errors in a form's alert line,
// and the JSON API with the app session's bearer token.

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The device's record, stored under the key 'device' in the database `name`. */
export function deviceStore<T extends { privateKey: CryptoKey }>(name: string) {
  function open(): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('keys', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function write(change: (store: IDBObjectStore) => void): Promise<void> {
    const d = await open();
    return new Promise((resolve, reject) => {
      const tx = d.transaction('keys', 'readwrite');
      change(tx.objectStore('keys'));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  return {
    async load(): Promise<T | undefined> {
      const d = await open();
      return new Promise((resolve, reject) => {
        const r = d.transaction('keys').objectStore('keys').get('device');
        r.onsuccess = () => resolve(r.result as T | undefined);
        r.onerror = () => reject(r.error);
      });
    },
    save: (device: T) => write((store) => store.put({ ...device, id: 'device' })),
    clear: () => write((store) => store.delete('device')),
  };
}

/** A new P-256 key pair whose private half cannot be exported, and the public half as JWK for the server. */
export async function newDeviceKey(): Promise<{ privateKey: CryptoKey; publicKey: JsonWebKey }> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return { privateKey: keys.privateKey, publicKey: await crypto.subtle.exportKey('jwk', keys.publicKey) };
}

/** The device's signature of `message`, base64url, as the server checks it. */
export async function signWith(privateKey: CryptoKey, message: string): Promise<string> {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(message));
  return btoa(String.fromCharCode(...new Uint8Array(signature))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Shows one screen and moves the focus to its heading, so a screen reader reads where it is. */
export function show(id: string) {
  for (const s of document.querySelectorAll<HTMLElement>('.app-screen')) s.hidden = s.id !== id;
  const heading = document.querySelector<HTMLElement>(`#${id} h2`);
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

/** Writes a message into an alert line, or hides it when the message is empty. */
export function fail(id: string, message: string) {
  const el = $(id);
  el.textContent = message;
  el.hidden = !message;
}

/** The app's JSON API under `base`, with the session's bearer token when there is one. */
export function jsonApi(base: string, session: () => string | null) {
  return async (path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; data: any }> => {
    const token = session();
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: init.body === undefined ? (init.method === 'GET' ? undefined : '{}') : JSON.stringify(init.body),
    });
    const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
    return { status: response.status, data };
  };
}

/**
 * The new PIN of the form's fields `pin` and `pin-repeat`, or null after saying in `pin-error` what is
 * wrong with it (its rule's message, or `mismatch`) and emptying both fields for a new try.
 */
export function newPin(ruleMessage: (pin: string) => string | null, mismatch: string): string | null {
  const first = $<HTMLInputElement>('pin');
  const repeat = $<HTMLInputElement>('pin-repeat');
  const pin = first.value;
  const problem = ruleMessage(pin) ?? (pin === repeat.value ? null : mismatch);
  if (problem) {
    first.value = '';
    repeat.value = '';
    first.focus();
  }
  fail('pin-error', problem ?? '');
  return problem ? null : pin;
}
