import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Flow, FlowEngine, FlowKind } from '../../core/flows/engine.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { codeMatches, MAX_WRONG_CODES, type SecurityChallenge } from './security-code.ts';
import { attemptKeys, createAttempts, type AttemptRule } from '../../core/attempts/attempts.ts';
import { loginFlow } from '../login/flows.ts';
import { passwordResetFlow } from '../password-reset/flows.ts';

/** Flow kinds whose "code" state waits for a security code from the app. */
export const CODE_FLOWS = [loginFlow, passwordResetFlow] as const;

export interface CodeStepDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  flows: FlowEngine;
  hmacKey: string;
}

/** Wrong security codes per login flow; the flow lives minutes, the key is forgotten after a day. */
const CODE_RULE: AttemptRule = { kind: 'limit', max: MAX_WRONG_CODES, forgetAfterMs: 24 * 60 * 60_000 };

/**
 * The security-code step shared by every flow that needs the second factor:
 * a timed-out code moves the flow to `expired`; every submitted code is counted (per flow,
 * before it is compared, so codes sent at once cannot outnumber the limit) and the fifth
 * wrong one moves the flow to `failed`.
 */
export async function verifyCodeStep<S extends string, D extends object & { challenge?: SecurityChallenge; accountId?: string }>(
  deps: CodeStepDeps,
  def: FlowKind<S, D>,
  flow: Flow<S, D>,
  input: string,
  ip: string | null,
  states: { expired: S; failed: S },
): Promise<void> {
  const { db, clock, audit, flows, hmacKey } = deps;
  const attempts = createAttempts(db, clock);
  const challenge = flow.data.challenge;
  const accountId = flow.data.accountId ?? null;
  if (!challenge) throw new AppError('flow.expired', 410);
  if (new Date(challenge.expiresAt) <= clock.now()) {
    await db.transaction().execute((trx) => flows.transition(trx, def, flow, states.expired));
    throw new AppError('login.code_expired', 410);
  }
  // a parallel request may have moved the flow already (to done or failed): then this one only answers
  const fail = async () => {
    await db
      .transaction()
      .execute((trx) => flows.transition(trx, def, flow, states.failed))
      .catch((error) => {
        if (!(error instanceof AppError && error.code === 'flow.conflict')) throw error;
      });
    throw new AppError('login.code_too_many', 401);
  };
  const key = attemptKeys.securityCode(flow.id);
  const attempt = await attempts.reserve(key, CODE_RULE);
  if (!attempt.granted) return fail();
  const code = input.replace(/\s+/g, '');
  if (/^\d{6}$/.test(code) && codeMatches(hmacKey, flow.id, challenge.id, code)) {
    await attempts.clear(key);
    return;
  }
  // a login's flow names its portal: the login metrics count the entry by it
  const portal = 'portal' in flow.data && typeof flow.data.portal === 'string' ? { portal: flow.data.portal } : {};
  await audit.record({ actor: accountId ? `account:${accountId}` : 'anonymous', action: def.kind === 'password_reset' ? 'password_reset.code_wrong' : 'login.code_wrong', subject: accountId, ip, outcome: 'failure', data: { wrong: attempt.count, ...portal } });
  if (attempt.count >= MAX_WRONG_CODES) return fail();
  throw new AppError('login.code_wrong', 422, { code: 'login.code_wrong' }, { attemptsLeft: String(MAX_WRONG_CODES - attempt.count) });
}
