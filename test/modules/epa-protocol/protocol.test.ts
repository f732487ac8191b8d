import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { loadA4Pdf, pdfTextWith } from '../../support/pdf.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/core/db/database.ts';
import { PROTOCOL_ACTIONS, type ProtocolAction } from '../../../src/modules/epa-protocol/actions.ts';

const person = () => randomUUID();

/** The database's time now: what the Protokoll's entries are written with (migration 0034). */
async function databaseNow(db: Db): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(db);
  return new Date(rows[0]!.now);
}

/**
 * An entry as the table holds one written at `at`. The service always writes the database's time, so
 * an entry of an earlier day (for the filter and the retention) is put in as it would stand there.
 */
async function entryAt(db: Db, insuredId: string, at: Date, action: ProtocolAction, title?: string): Promise<void> {
  await db
    .insertInto('epa_protocol')
    .values({ insured_id: insuredId, at, kind: PROTOCOL_ACTIONS[action].kind, action, actor_kind: 'insured', actor_id: insuredId, document_id: title ? `d-${title}` : null, document_title: title ?? null, result: 'success', data: '{}' })
    .execute();
}

for (const kind of databaseKinds) {
  describe(`ePA Protokoll (${kind})`, () => {
    const t = testSystemFor(kind);
    const protocol = () => t.system.deps.epaProtocol;
    const db = () => t.system.deps.db;

    test('an entry records who, when, which document, from which device and the result', async () => {
      const id = person();
      const before = await databaseNow(db());
      await protocol().record({ insuredId: id, action: 'document.opened', actor: { kind: 'representative', id: 'rep-1', name: 'Max Mustermann' }, document: { id: 'd1', title: 'Befund' }, device: { id: 'dev-1', name: 'Laptop' } });
      const after = await databaseNow(db());
      const { rows, total } = await protocol().list(id);
      assert.equal(total, 1);
      const { id: _id, data: _data, at, ...entry } = rows[0]!;
      assert.ok(before <= at && at <= after, 'when: the time it was written');
      assert.deepEqual(entry, {
        kind: 'access',
        action: 'document.opened',
        actor_kind: 'representative',
        actor_id: 'rep-1',
        actor_name: 'Max Mustermann',
        document_id: 'd1',
        document_title: 'Befund',
        device_id: 'dev-1',
        device_name: 'Laptop',
        result: 'success',
        on_behalf_of_name: null,
      });
    });

    test("an entry's time is the database's: an app server whose clock is off cannot write it out of order", async () => {
      const id = person();
      const clockBefore = t.clock.now();
      await protocol().record({ insuredId: id, action: 'login.success', actor: { kind: 'insured', id } });
      // this server's clock is a year behind, that of the next request's server a day ahead
      t.clock.set(new Date(Date.now() - 365 * DAY));
      await protocol().record({ insuredId: id, action: 'document.opened', actor: { kind: 'insured', id } });
      t.clock.set(new Date(Date.now() + DAY));
      await protocol().record({ insuredId: id, action: 'logout', actor: { kind: 'insured', id } });
      t.clock.set(clockBefore);
      const now = await databaseNow(db());
      const { rows } = await protocol().list(id);
      assert.deepEqual(rows.map((r) => r.action), ['logout', 'document.opened', 'login.success']);
      for (const row of rows) assert.ok(now.getTime() - row.at.getTime() < 60_000 && row.at <= now, `${row.action} at the database's time`);
    });

    test('the database refuses to change or delete an entry, and to empty the table', async () => {
      const id = person();
      await protocol().record({ insuredId: id, action: 'login.success', actor: { kind: 'insured', id } });
      for (const statement of [
        sql`update epa_protocol set result = 'failed' where insured_id = ${id}`,
        sql`delete from epa_protocol where insured_id = ${id}`,
        sql`truncate epa_protocol`,
      ]) {
        await assert.rejects(statement.execute(db()), /append-only/);
      }
      assert.equal((await protocol().list(id)).total, 1);
    });

    test('pages of 25, newest first, filtered by kind and period', async () => {
      const id = person();
      const start = new Date(Date.now() - DAY);
      for (let i = 0; i < 30; i++) await entryAt(db(), id, new Date(start.getTime() + i * 60_000), i % 3 === 0 ? 'login.success' : 'document.opened', `Dokument ${i}`);
      const first = await protocol().list(id);
      assert.deepEqual([first.total, first.pages, first.rows.length], [30, 2, 25]);
      assert.equal(first.rows[0]!.document_title, 'Dokument 29');
      const second = await protocol().list(id, { page: 2 });
      assert.deepEqual(second.rows.map((r) => r.document_title), ['Dokument 4', 'Dokument 3', 'Dokument 2', 'Dokument 1', 'Dokument 0']);
      assert.equal((await protocol().list(id, { kind: 'login' })).total, 10);
      assert.equal((await protocol().list(id, { kind: 'device' })).total, 0);
      const period = await protocol().list(id, { from: new Date(start.getTime() + 10 * 60_000), to: new Date(start.getTime() + 20 * 60_000) });
      assert.deepEqual([period.total, period.rows.at(-1)!.document_title], [10, 'Dokument 10']);
      assert.equal((await protocol().list(id, { page: 99 })).page, 2);
    });

    test('the export is a PDF of the filtered entries with the person named', async (c) => {
      const id = person();
      await protocol().record({ insuredId: id, action: 'device.registered', actor: { kind: 'insured', id }, device: { id: 'dev', name: 'Laptop Küche' } });
      await protocol().record({ insuredId: id, action: 'document.added', actor: { kind: 'staff', id: 's1', name: 'AOK Bayern' }, document: { id: 'd', title: 'Bescheid Hilfsmittel' } });
      const pdf = await protocol().exportPdf(id, { name: 'Erika Mustermann', kvnr: 'A123456780' });
      await loadA4Pdf(pdf, 1);
      pdfTextWith(c, pdf, ['Protokoll Ihrer elektronischen Patientenakte', 'Erika Mustermann', 'A123456780', 'Gerät freigeschaltet', 'Laptop Küche', 'Bescheid Hilfsmittel', 'AOK Bayern (Mitarbeiter/in)', 'Seite 1 von 1']);
      const onlyDevices = await protocol().exportPdf(id, { name: 'Erika Mustermann', kvnr: 'A123456780' }, { kind: 'device' });
      const text = pdfTextWith(c, onlyDevices, ['Laptop Küche']);
      if (text !== undefined) assert.ok(!text.includes('Bescheid Hilfsmittel'));
    });

    test('the retention deletes entries older than three years and keeps the rest', async () => {
      const id = person();
      const now = new Date();
      t.clock.set(now);
      await entryAt(db(), id, new Date(now.getTime() - 3 * 365 * DAY - 40 * DAY), 'login.success');
      await entryAt(db(), id, new Date(now.getTime() - 2 * 365 * DAY), 'logout');
      await t.system.jobs.housekeeping();
      assert.deepEqual((await protocol().list(id)).rows.map((r) => r.action), ['logout']);
      // a clock set far ahead deletes no more than the database allows, and does not fail
      t.clock.set(new Date(now.getTime() + 5 * 365 * DAY));
      assert.equal(await protocol().sweep(), 0);
      t.clock.set(now);
      assert.equal((await protocol().list(id)).total, 1);
    });
  });
}
