import { createPublicKey, verify } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import { hasInvisibleChars } from '../http/forms.ts';

/**
 * The keys of the apps' devices (the 2-factor app and the AOK Ident app, in the browser or the
 * terminal): a P-256 public key in JWK form, made on the device, whose private half never leaves it.
 */

/** The public JWK a device sends at its activation, reduced to its four members; anything else is refused. */
export function parsePublicKey(jwk: unknown): JsonWebKey {
  if (!jwk || typeof jwk !== 'object') throw new AppError('app.public_key_invalid', 400);
  const k = jwk as Record<string, unknown>;
  if (k.kty !== 'EC' || k.crv !== 'P-256' || typeof k.x !== 'string' || typeof k.y !== 'string' || 'd' in k) {
    throw new AppError('app.public_key_invalid', 400);
  }
  try {
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: k.x, y: k.y }, format: 'jwk' });
  } catch {
    throw new AppError('app.public_key_invalid', 400);
  }
  return { kty: 'EC', crv: 'P-256', x: k.x, y: k.y };
}

/**
 * Whether `signature` (base64url, IEEE P1363 as WebCrypto makes it) is the device's ECDSA SHA-256
 * signature of `message`. A stored key that no longer parses, or a signature of the wrong form, is no signature.
 */
export function verifyDeviceSignature(publicKey: JsonWebKey, message: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: publicKey as Record<string, string>, format: 'jwk' });
    return verify('sha256', Buffer.from(message), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A string field of a device's request, or '' when it is none, longer than a device ever sends, or holds a control character. */
export function deviceField(value: unknown, max: number): string {
  return typeof value === 'string' && value.length <= max && !hasInvisibleChars(value) ? value : '';
}
