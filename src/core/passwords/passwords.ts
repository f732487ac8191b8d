import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum; @node-rs/argon2 runs it on the libuv pool, off the event loop. */
const PARAMS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  hashWork.hashes += 1;
  return hash(password.normalize('NFC'), PARAMS);
}

/** How many hashes were made and verified: lets tests prove that unknown accounts cost the same work. */
export const hashWork = { verifications: 0, hashes: 0 };

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  hashWork.verifications += 1;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
