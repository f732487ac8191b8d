import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../core/ids/secrets.ts';

export const SECURITY_CODE_TTL_MS = 5 * 60_000;
export const MAX_WRONG_CODES = 5;

/** A challenge of one login flow; the code is derived from it, so no code is ever stored. */
export interface SecurityChallenge {
  id: string;
  expiresAt: string;
}

export function newChallenge(now: Date): SecurityChallenge {
  return { id: randomBytes(16).toString('base64url'), expiresAt: new Date(now.getTime() + SECURITY_CODE_TTL_MS).toISOString() };
}

/** Six digits from an HMAC over the flow and its challenge (HOTP-style dynamic truncation). */
export function securityCode(key: string, flowId: string, challengeId: string): string {
  const mac = createHmac('sha256', key).update(`security-code:${flowId}:${challengeId}`).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

export function codeMatches(key: string, flowId: string, challengeId: string, input: string): boolean {
  return safeEqual(securityCode(key, flowId, challengeId), input);
}
