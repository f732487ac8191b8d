import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** 256 bits, URL-safe: for links and session ids. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newId(): string {
  return randomUUID();
}

/** How many secrets were hashed: lets tests prove that unknown addresses cost the same work. */
export const secretWork = { hashes: 0 };

/** Secrets are stored only as this hash; they are random and long, so a fast hash suffices. */
export function hashSecret(secret: string): string {
  secretWork.hashes += 1;
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function hmac(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ids from the address are checked before they reach a query: anything else is simply not found. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
