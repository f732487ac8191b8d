import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Audit } from '../audit/audit.ts';
import type { Flow, FlowEngine, FlowKind } from '../flows/engine.ts';
import { AppError } from '../errors/app-error.ts';
import { codeMatches, MAX_WRONG_CODES, type SecurityChallenge } from './security-code.ts';

/** Flow kinds whose "code" state waits for a security code from the app. */
export const CODE_FLOW_KINDS = ['login', 'password_reset'] as const;

export interface CodeStepDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  hmacKey: string;
}

/**
 * The security-code step shared by every flow that needs the second factor:
 * a timed-out code moves the flow to `expired`, the fifth wrong code to `failed`,
 * a wrong code counts (and bumps the version, so a parallel submit fails).
 */
export async function verifyCodeStep<S extends string, D extends { challenge?: SecurityChallenge; accountId?: string }>(
  deps: CodeStepDeps,
  def: FlowKind<S>,
  flow: Flow<S, D>,
  input: string,
  ip: string | null,
  states: { expired: S; failed: S },
): Promise<void> {
  const { db, clock, audit, flows, hmacKey } = deps;
  const challenge = flow.data.challenge;
  const accountId = flow.data.accountId ?? null;
  if (!challenge) throw new AppError('flow.expired', 410);
  if (new Date(challenge.expiresAt) <= clock.now()) {
    await db.transaction().execute((trx) => flows.transition(trx, def, flow, states.expired));
    throw new AppError('login.code_expired', 410);
  }
  const code = input.replace(/\s+/g, '');
  if (/^\d{6}$/.test(code) && codeMatches(hmacKey, flow.id, challenge.id, code)) return;
  const wrong = challenge.wrong + 1;
  await audit.record({ actor: accountId ? `account:${accountId}` : 'anonymous', action: `${def.kind}.code_wrong`, subject: accountId, ip, outcome: 'failure', data: { wrong } });
  if (wrong >= MAX_WRONG_CODES) {
    await db.transaction().execute((trx) => flows.transition(trx, def, flow, states.failed));
    throw new AppError('login.code_too_many', 401);
  }
  const updated = await db
    .updateTable('flows')
    .set({ data: JSON.stringify({ ...flow.data, challenge: { ...challenge, wrong } }), version: flow.version + 1, updated_at: clock.now() })
    .where('id', '=', flow.id)
    .where('version', '=', flow.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('flow.conflict', 409);
  throw new AppError('login.code_wrong', 422, { code: 'login.code_wrong', attemptsLeft: String(MAX_WRONG_CODES - wrong) });
}
