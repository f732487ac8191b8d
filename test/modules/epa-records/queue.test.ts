import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor, type TestSystem } from '../../support/system.ts';
import { BUSY_RETRY_AFTER_S, RUNNING_RETRY_AFTER_S } from '../../../src/modules/epa-records/limits.ts';
import type { RecordAccess } from '../../../src/modules/epa-records/service.ts';
import { workerTasks } from '../../../src/modules/epa-records/worker.ts';
import { lineHolds, outcome, pdfOfPages, pdfWith, registeredPerson, self } from './fixtures.ts';

/** A PDF whose page check takes a few seconds (pdf-lib reads 40,000 pages): the line is busy meanwhile. Made once. */
let slow: Promise<Uint8Array> | undefined;
const slowPdf = () => (slow ??= pdfOfPages(40_000));

for (const kind of databaseKinds) {
  describe(`ePA records › waiting for the worker (${kind})`, () => {
    const t = testSystemFor(kind);
    const records = () => t.system.deps.epaRecords;
    type Add = TestSystem['system']['deps']['epaRecords']['add'];
    const add = (access: RecordAccess, insuredId: string, input: Partial<Parameters<Add>[2]> = {}, options?: Parameters<Add>[3]) =>
      records().add(access, insuredId, { title: 'Befund', classCode: 'BEF', fileName: 'befund.pdf', bytes: pdfWith('Befund'), ...input }, options);
    /** The refusal's status, code and details (Retry-After's seconds), or 'ok'. */
    const refusedWith = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'ok';
      } catch (error) {
        const e = error as { status?: number; code?: string; details?: Record<string, string> };
        if (!e.code || !e.status) throw error;
        return `${e.status} ${e.code}${e.details?.retryAfter ? ` retry after ${e.details.retryAfter}` : ''}`;
      }
    };
    const documents = async (insuredId: string) => (await records().list(self(insuredId), insuredId)).map((d) => d.title);
    /** A long page check of another person, running once this returns; `done` when it is (its 422, too many pages, is not what the test is about). */
    const longCheck = async () => {
      const other = await registeredPerson(t, 'bw', 'Otto');
      const done = outcome(add(self(other.id), other.id, { title: 'Akte', bytes: await slowPdf() }));
      await lineHolds('check', { running: 1, waiting: 0 });
      return { done };
    };

    test('while a person\'s upload is checked, their second one is refused at once (429, Retry-After), and another person\'s waits and is added', async () => {
      const p = await registeredPerson(t);
      const q = await registeredPerson(t, 'bw', 'Bernd');
      const befund = await add(self(p.id), p.id, { title: 'Befund' });
      const first = outcome(add(self(p.id), p.id, { title: 'Akte', bytes: await slowPdf() }));
      await lineHolds('check', { running: 1, waiting: 0 });
      assert.equal(await refusedWith(add(self(p.id), p.id, { title: 'Arztbrief' })), `429 epa_record.task_running retry after ${RUNNING_RETRY_AFTER_S}`);
      // nor may they export meanwhile: one task of a person at a time, over both lines
      assert.equal(await refusedWith(records().exportPdf(self(p.id), p.id, [befund.id])), `429 epa_record.task_running retry after ${RUNNING_RETRY_AFTER_S}`);
      const others = add(self(q.id), q.id, { title: 'Befund Bernd' });
      assert.equal(await first, '422 epa_record.too_many_pages');
      await others;
      assert.deepEqual(await documents(q.id), ['Befund Bernd']);
      // the first check done, the person may add again
      await add(self(p.id), p.id, { title: 'Arztbrief' });
      assert.deepEqual((await documents(p.id)).sort(), ['Arztbrief', 'Befund']);
    });

    test('a full line refuses a check as busy (503, Retry-After), never as too complex; the same PDF is added once there is room', async () => {
      const p = await registeredPerson(t);
      const q = await registeredPerson(t, 'bw', 'Bernd');
      const long = (await longCheck()).done;
      const waiting = add(self(q.id), q.id, { title: 'Befund Bernd' });
      await lineHolds('check', { running: 1, waiting: 1 });
      assert.equal(await refusedWith(add(self(p.id), p.id, {}, { maxQueued: 1 })), `503 epa_record.busy retry after ${BUSY_RETRY_AFTER_S}`);
      assert.deepEqual(await documents(p.id), []);
      await long;
      await waiting;
      await add(self(p.id), p.id, {}, { maxQueued: 1 });
      assert.deepEqual(await documents(p.id), ['Befund']);
    });

    test('a check that waited longer than it may is refused as busy (503), not as too complex, and nothing is stored', async () => {
      const p = await registeredPerson(t);
      const long = (await longCheck()).done;
      assert.equal(await refusedWith(add(self(p.id), p.id, {}, { waitMs: 50 })), `503 epa_record.busy retry after ${BUSY_RETRY_AFTER_S}`);
      assert.deepEqual(await documents(p.id), []);
      // a refusal for being busy is nothing of the record's: not in the Protokoll either
      const protocol = await t.system.deps.db.selectFrom('epa_protocol').select('action').where('insured_id', '=', p.id).where('action', '=', 'document.refused').execute();
      assert.deepEqual(protocol, []);
      await long;
      await add(self(p.id), p.id, {}, { waitMs: 50 });
      assert.deepEqual(await documents(p.id), ['Befund']);
    });

    test('a waiting check whose request is given up leaves the line and never runs', async () => {
      const p = await registeredPerson(t);
      const long = (await longCheck()).done;
      const givenUp = new AbortController();
      const waiting = refusedWith(add(self(p.id), p.id, {}, { signal: givenUp.signal }));
      await lineHolds('check', { running: 1, waiting: 1 });
      givenUp.abort();
      assert.deepEqual(workerTasks().check, { running: 1, waiting: 0 });
      assert.equal(await waiting, '499 epa_record.cancelled');
      await long;
      // the long check done, nothing else is started
      assert.deepEqual(workerTasks().check, { running: 0, waiting: 0 });
      assert.deepEqual(await documents(p.id), []);
      // and the person may add it again at once
      await add(self(p.id), p.id);
      assert.deepEqual(await documents(p.id), ['Befund']);
    });

    test('an export waits its turn as a check does: a full line refuses it as busy (503), nothing counted', async () => {
      const p = await registeredPerson(t);
      const doc = await add(self(p.id), p.id);
      const q = await registeredPerson(t, 'bw', 'Bernd');
      const letter = await pdfOfPages(450);
      const ids: string[] = [];
      for (let i = 1; i <= 4; i++) ids.push((await add(self(q.id), q.id, { title: `Entlassbericht ${i}`, bytes: letter })).id);
      const long = records().exportPdf(self(q.id), q.id, ids);
      await lineHolds('export', { running: 1, waiting: 0 });
      assert.equal(await refusedWith(records().exportPdf(self(p.id), p.id, [doc.id], { maxQueued: 0 })), `503 epa_record.busy retry after ${BUSY_RETRY_AFTER_S}`);
      assert.equal((await long).pages, 1 + 4 * 450);
      assert.deepEqual((await records().list(self(p.id), p.id)).map((d) => d.access_count), [0]);
      assert.equal((await records().exportPdf(self(p.id), p.id, [doc.id], { maxQueued: 0 })).pages, 1 + 1);
    });
  });
}
