import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { migrate, openDatabase, type DatabaseHandle } from '../../../src/core/db/database.ts';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { createFlowEngine, defineFlow } from '../../../src/core/flows/engine.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';

const counterFlow = defineFlow({
  kind: 'test_counter',
  initial: 'open',
  transitions: { open: ['closed'], closed: [] },
  ttlMs: { open: 60_000, closed: 60_000 },
  data: z.object({ count: z.number() }),
});

let handle: DatabaseHandle;
const clock = new ManualClock('2026-01-01T10:00:00Z');
before(async () => {
  handle = await openDatabase({});
  await migrate(handle.db);
});
after(() => handle.close());

const expired = (error: unknown) => error instanceof AppError && error.code === 'flow.expired';

test('flow engine › update keeps the state, checks the version, and a row whose data no longer fits loads as expired', async () => {
  const flows = createFlowEngine(handle.db, clock);
  const flow = await flows.create(counterFlow, { count: 0 });
  const loaded = await flows.load(counterFlow, flow.id);
  // typed from the schema: no type arguments at the call
  const count: number = loaded.data.count;
  const updated = await handle.db.transaction().execute((trx) => flows.update(trx, counterFlow, loaded, { count: count + 1 }));
  assert.equal(updated.state, 'open');
  assert.equal((await flows.load(counterFlow, flow.id)).data.count, 1);
  await assert.rejects(
    handle.db.transaction().execute((trx) => flows.update(trx, counterFlow, loaded, { count: 5 })),
    (error) => error instanceof AppError && error.code === 'flow.conflict',
  );
  await handle.db.updateTable('flows').set({ data: JSON.stringify({ count: 'many' }) }).where('id', '=', flow.id).execute();
  await assert.rejects(flows.load(counterFlow, flow.id), expired);
});

test('flow engine › an expired page flow is replaced by a fresh draft with the notice', async () => {
  const flows = createFlowEngine(handle.db, clock);
  const flow = await flows.create(counterFlow, { count: 0 });
  assert.equal((await flows.loadOrReplace(counterFlow, flow.id, { count: 0 })).replaced, null);
  clock.advance(61_000);
  const { flow: fresh, replaced } = await flows.loadOrReplace(counterFlow, flow.id, { count: 0 });
  assert.equal(replaced, 'flow.expired');
  assert.notEqual(fresh.id, flow.id);
  assert.equal((await flows.load(counterFlow, fresh.id, { count: 0 })).state, 'open');
});
