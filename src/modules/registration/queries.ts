import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { countedSteps, type RegistrationStep, type StepDates } from './steps.ts';

/** Records a step once; a second report of the same step keeps the first date. */
export async function markStep(db: Db, clock: Clock, registrationId: string, step: RegistrationStep): Promise<void> {
  await db
    .insertInto('registration_steps')
    .values({ registration_id: registrationId, step, done_at: clock.now() })
    .onConflict((oc) => oc.columns(['registration_id', 'step']).doNothing())
    .execute();
}

/**
 * A registration's steps as they count (see `countedSteps`): the recorded ones and the first
 * certificate file that is not archived by a refusal.
 */
export async function stepsOf(db: Db, registrationId: string): Promise<StepDates> {
  const rows = await db.selectFrom('registration_steps').select(['step', 'done_at']).where('registration_id', '=', registrationId).execute();
  const recorded: StepDates = {};
  for (const r of rows) recorded[r.step] = new Date(r.done_at);
  const firstFile = await db
    .selectFrom('files')
    .select('created_at')
    .where('registration_id', '=', registrationId)
    .where('owner_kind', '=', 'registration')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return countedSteps(recorded, firstFile ? new Date(firstFile.created_at) : null);
}
