import { webcrypto } from 'node:crypto';

/**
 * The device key of a local user (issue 15 §4): a P-256 key made once, kept as a JWK in the user's
 * encrypted file and never anywhere else unencrypted. It is the DPoP key of every token request and
 * record call (RFC 9449), so the record service knows this installation by its thumbprint; the
 * private half is imported for signing only (not extractable again).
 */
export type DeviceJwk = webcrypto.JsonWebKey & { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export async function newDeviceKey(): Promise<DeviceJwk> {
  const pair = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, d: jwk.d! };
}

export function isDeviceJwk(value: unknown): value is DeviceJwk {
  const k = value as Partial<DeviceJwk> | null;
  return typeof k === 'object' && k !== null && k.kty === 'EC' && k.crv === 'P-256' && [k.x, k.y, k.d].every((v) => typeof v === 'string' && /^[A-Za-z0-9_-]{43}$/.test(v));
}

/** The key pair openid-client signs DPoP proofs with. */
export async function deviceKeyPair(jwk: DeviceJwk): Promise<CryptoKeyPair> {
  const { kty, crv, x, y, d } = jwk;
  const privateKey = await webcrypto.subtle.importKey('jwk', { kty, crv, x, y, d }, ALGORITHM, false, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('jwk', { kty, crv, x, y }, ALGORITHM, true, ['verify']);
  return { privateKey, publicKey } as CryptoKeyPair;
}
