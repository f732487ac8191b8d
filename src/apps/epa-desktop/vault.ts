import { Algorithm, hashRaw } from '@node-rs/argon2';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The lock on a local user's file: a 256-bit key derived from what only the user knows (user name
 * and Kennwort) with argon2id, and AES-256-GCM under it. The derivation's parameters and salt are
 * kept with the file so that they can be raised later without losing older files.
 */
export interface KdfParams {
  alg: 'argon2id';
  /** memory in KiB */
  m: number;
  t: number;
  p: number;
  /** 16 random bytes, base64 */
  salt: string;
}

/** 64 MiB and three passes: about 0.1 s per try here; a stolen data folder costs an attacker the same per guess. */
export const KDF_DEFAULTS = { alg: 'argon2id', m: 65_536, t: 3, p: 1 } as const;

export function newKdfParams(): KdfParams {
  return { ...KDF_DEFAULTS, salt: randomBytes(16).toString('base64') };
}

/** User names are found regardless of case and Unicode form ("Anna" is "anna"). */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('de-DE');
}

/** The key for this user name and Kennwort: argon2id's raw output, run off the event loop. */
export async function deriveKey(name: string, kennwort: string, kdf: KdfParams): Promise<Buffer> {
  const secret = `${nameKey(name)}\u0000${kennwort.normalize('NFC')}`;
  return hashRaw(secret, {
    algorithm: Algorithm.Argon2id,
    memoryCost: kdf.m,
    timeCost: kdf.t,
    parallelism: kdf.p,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

export interface Sealed {
  /** 12 random bytes, base64 */
  iv: string;
  /** ciphertext followed by the 16-byte tag, base64 */
  data: string;
}

/** Encrypts with a fresh nonce; `aad` binds the ciphertext to its file (its id and parameters). */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or null when the key is wrong or a byte was changed. */
export function unseal(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | null {
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const data = Buffer.from(sealed.data, 'base64');
    if (iv.length !== 12 || data.length < 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
