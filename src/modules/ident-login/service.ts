import type { Selectable } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import type { IdentLoginRequestsTable } from '../../core/db/ident-login-schema.ts';
import type { IdentLoginState } from '../../core/db/values.ts';
import type { IdentProvider } from '../ident-provider/provider.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { createLoginRequestPages } from './requests.ts';
import { createLoginApprovals } from './approval.ts';

/** A request lives this long; the page then shows a new one. */
export const REQUEST_TTL_MS = 90_000;
/** Ended requests are kept this long (the page says what became of them), then deleted. */
export const KEEP_ENDED_MS = 24 * 60 * 60_000;

/** Who signed an answer, and what its challenge was made for (the request's id). */
export interface SignedAnswer {
  insuredId: string;
  deviceId: string;
  context: string | null;
}

/** The Ident app's devices as far as an answer needs them (the ident-devices service). */
export interface ApprovingDevices {
  /** a nonce for `deviceId` bound to `context` (here: the request's id) and to approving or declining it */
  approvalChallenge(deviceId: string, context: string, purpose: 'approve' | 'decline'): Promise<{ nonce: string; expiresAt: string }>;
  /**
   * the device's signature over an `approve` nonce and the GesundheitsID-Code: the person, or an AppError;
   * `verified` runs once the signature is good, before the code is checked
   */
  approve(
    input: { deviceId: unknown; nonce: unknown; signature: unknown; pin: unknown },
    ip: string | null,
    verified: (by: SignedAnswer) => Promise<void>,
  ): Promise<{ insuredId: string; deviceId: string; context: string | null }>;
  /** the device's signature over a `decline` nonce: who signed, or an AppError */
  decline(input: { deviceId: unknown; nonce: unknown; signature: unknown }, ip: string | null): Promise<SignedAnswer>;
}

export interface IdentLoginDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  rateLimiter: RateLimiter;
  ident: Pick<IdentProvider, 'completeLogin'>;
  devices: ApprovingDevices;
}

export type LoginRequestRow = Selectable<IdentLoginRequestsTable>;

/** The state as it is now: a waiting request whose time ran out is expired, whether or not written yet. */
export function stateNow(row: Pick<LoginRequestRow, 'state' | 'expires_at'>, now: Date): IdentLoginState {
  return row.state === 'waiting' && new Date(row.expires_at) <= now ? 'expired' : row.state;
}

/** A request the app may still answer, or the AppError that says why not. */
export function assertWaiting(row: LoginRequestRow, now: Date): void {
  const state = stateNow(row, now);
  if (state === 'expired') throw new AppError('ident.request_expired', 410);
  if (state !== 'waiting') throw new AppError('ident.request_answered', 409);
}

/**
 * The QR login of manual 003 §4.1–4.2: the provider's login page shows a login request (QR code,
 * short code, number), the Ident app looks it up, the person picks the page's number and approves with
 * the device key and the GesundheitsID-Code, and the login is completed for that person. The page's
 * side is bound to the browser that started the login (the provider's interaction); the app's side
 * finds the request by its id or short code, and is bound to the first device that fetched a challenge
 * for it: only that device's signature approves or declines it.
 */
export function createIdentLogin(deps: IdentLoginDeps) {
  return { ...createLoginRequestPages(deps), ...createLoginApprovals(deps) };
}

export type IdentLogin = ReturnType<typeof createIdentLogin>;
