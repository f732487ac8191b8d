import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { TestSystem } from '../../support/system.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/insured/service.ts';
import { identMessage, type IdentPurpose } from '../../../src/modules/ident-devices/signed.ts';
import { ADDRESS, freshKvnr } from '../insured/kvnr.ts';

export const CODE = '470815';
const ACTOR = { ...SYSTEM_ACTOR, actor: 'operator:cli' };

/** A person registered for the ePA through the service, as staff would, with their first letter's code (Erika unless `who` names another). */
export async function registered(t: TestSystem, insurerId = 'bw', who: { firstName?: string; lastName?: string; email?: string } = {}) {
  const kvnr = freshKvnr('G');
  const created = await t.system.deps.insured.create(ACTOR, { kvnr, lastName: 'Mustermann', firstName: 'Erika', birthDate: '12.08.1964', email: 'erika@example.org', ...ADDRESS, insurerId, ...who });
  assert.ok(created.ok, JSON.stringify(created));
  const letter = await t.system.deps.insured.registerForEpa(ACTOR, created.id, 'in_person');
  return { id: created.id, kvnr, code: letter.code };
}

/** A new letter for the person (its code replaces the previous one). */
export async function newLetter(t: TestSystem, id: string): Promise<string> {
  return (await t.system.deps.insured.newLetter(ACTOR, id, 'egk_pin')).code;
}

/** A device's key pair as the app makes it; `sign` signs like WebCrypto (P1363, base64url). */
export function deviceKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicKey: publicKey.export({ format: 'jwk' }), privateKey, sign: (message: string) => signWith(privateKey, message) };
}

export function signWith(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

export type DeviceKey = ReturnType<typeof deviceKey>;

/** Activates a device for the person through the service; gives its id and key. */
export async function activated(t: TestSystem, person: { kvnr: string; code: string }, options: { pin?: string; ip?: string; kind?: string } = {}) {
  const key = deviceKey();
  const result = await t.system.deps.identDevices.activate(
    { kvnr: person.kvnr, activationCode: person.code, pin: options.pin ?? CODE, publicKey: key.publicKey, kind: options.kind ?? 'app' },
    { ip: options.ip ?? '198.51.100.7', userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36' },
  );
  return { ...result, key };
}

/** A challenge for the device, signed by `key`: the body of a signed request. */
export async function signed(t: TestSystem, device: { deviceId: string; key: DeviceKey }, purpose: 'login' | 'remove', about = '') {
  const { nonce } = await t.system.deps.identDevices.challenge(device.deviceId, purpose);
  return { deviceId: device.deviceId, nonce, signature: device.key.sign(identMessage(purpose, nonce, device.deviceId, about)) };
}

/** An approval's body: the device's signature over an `approve` challenge for `context`, and the code. */
export async function approval(t: TestSystem, device: { deviceId: string; key: DeviceKey }, pin = CODE, context = 'login-request-1') {
  const { nonce } = await t.system.deps.identDevices.approvalChallenge(device.deviceId, context);
  return { deviceId: device.deviceId, nonce, signature: device.key.sign(identMessage('approve' as IdentPurpose, nonce, device.deviceId, context)), pin };
}

/** The error code of a refusal, with its status (or 'ok'); anything but an AppError fails the test. */
export function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? `${error.status} ${error.code}` : Promise.reject(error)),
  );
}
