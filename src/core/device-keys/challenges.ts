import type { Db } from '../db/database.ts';
import type { Flow, FlowEngine, FlowKind } from '../flows/engine.ts';
import { AppError } from '../errors/app-error.ts';

/** A nonce a device signs: open until it is used once, then kept a little while as used. */
export type ChallengeStates = 'open' | 'used';

/**
 * Takes a device's challenge for this one request: unknown, expired and already used nonces are all
 * `app.nonce_invalid`. It is marked used before the signature is even checked, and the transition
 * is version-checked, so of two requests with one nonce at most one gets past this line.
 */
export async function useChallenge<D extends object>(flows: FlowEngine, db: Db, def: FlowKind<ChallengeStates, D>, nonce: unknown): Promise<Flow<ChallengeStates, D>> {
  let challenge: Flow<ChallengeStates, D>;
  try {
    challenge = await flows.load(def, nonce);
  } catch {
    throw new AppError('app.nonce_invalid', 401);
  }
  if (challenge.state !== 'open') throw new AppError('app.nonce_invalid', 401);
  try {
    await db.transaction().execute((trx) => flows.transition(trx, def, challenge, 'used'));
  } catch (error) {
    if (error instanceof AppError && error.code === 'flow.conflict') throw new AppError('app.nonce_invalid', 401);
    throw error;
  }
  return challenge;
}
