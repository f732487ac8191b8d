/**
 * Files at rest (uploaded certificates, ePA documents) are stored encrypted
 * with AES-256-GCM: a fresh random 96-bit IV per file, a 128-bit tag that
 * detects any change to IV, tag or ciphertext. Optional associated data (e.g.
 * the file's id) binds a ciphertext to its record, so blobs cannot be swapped.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const FILE_KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export interface EncryptedFile {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** What decryptFile reads back (database drivers may return bytea as plain Uint8Array). */
export interface SealedFile {
  iv: Uint8Array;
  tag: Uint8Array;
  ciphertext: Uint8Array;
}

function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== FILE_KEY_BYTES) {
    throw new Error(`file encryption key must be ${FILE_KEY_BYTES} bytes`);
  }
}

export function encryptFile(key: Buffer, plaintext: Uint8Array, aad?: Uint8Array): EncryptedFile {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** Decrypts and authenticates; throws if key, IV, tag, ciphertext or associated data do not match. */
export function decryptFile(key: Buffer, file: SealedFile, aad?: Uint8Array): Buffer {
  assertKey(key);
  // Fixed lengths: GCM would otherwise accept truncated tags (down to 4 bytes).
  if (file.iv.length !== IV_BYTES) throw new Error(`encrypted file: IV must be ${IV_BYTES} bytes`);
  if (file.tag.length !== TAG_BYTES) throw new Error(`encrypted file: tag must be ${TAG_BYTES} bytes`);
  const decipher = createDecipheriv('aes-256-gcm', key, file.iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(file.tag);
  if (aad) decipher.setAAD(aad);
  try {
    return Buffer.concat([decipher.update(file.ciphertext), decipher.final()]);
  } catch {
    throw new Error('encrypted file could not be authenticated (wrong key or data changed)');
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
/** Standard or URL-safe base64 of 32 bytes: 43 characters plus optional "=". */
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Parses the file key from configuration: 64 hex characters or base64
 * (standard or URL-safe, padding optional) of exactly 32 bytes. Surrounding
 * whitespace is ignored. The error never repeats the value.
 */
export function parseFileKey(hexOrBase64: string): Buffer {
  const value = typeof hexOrBase64 === 'string' ? hexOrBase64.trim() : '';
  if (HEX_KEY.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_KEY.test(value) && !(/[+/]/.test(value) && /[-_]/.test(value))) {
    const standard = value.replace(/-/g, '+').replace(/_/g, '/');
    const key = Buffer.from(standard, 'base64');
    // Canonical only: a changed last character must not silently give the same key.
    if (key.length === FILE_KEY_BYTES && key.toString('base64').replace(/=+$/, '') === standard.replace(/=+$/, '')) {
      return key;
    }
  }
  throw new Error(
    `file encryption key must be 32 bytes, given as 64 hexadecimal characters or as base64 (44 characters); ` +
      `got ${value.length === 0 ? 'an empty value' : `${value.length} characters that are neither`}. ` +
      `Generate one with: openssl rand -hex 32`,
  );
}
