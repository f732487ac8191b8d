import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { loopbackForSuite } from '../ident-provider/support.ts';
import { clockAtRealTime, loggedInPerson, unlock } from './support.ts';

for (const kind of databaseKinds) {
  describe(`ePA record service: a read of the record stays a read (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    clockAtRealTime(t);

    // the measuring tape: every row written to the device list or the logins seen, by whom
    before(async () => {
      await sql`
        create table test_epa_writes (tbl text not null, insured_id text not null);
        create function test_epa_write() returns trigger language plpgsql as $$
        begin
          insert into test_epa_writes values (tg_table_name, new.insured_id);
          return null;
        end $$;
        create trigger test_epa_devices_written after insert or update on epa_devices for each row execute function test_epa_write();
        create trigger test_epa_logins_written after insert or update on epa_logins_seen for each row execute function test_epa_write();
      `.execute(t.system.deps.db);
    });

    const writes = async (insuredId: string) => (await sql<{ tbl: string }>`select tbl from test_epa_writes where insured_id = ${insuredId}`.execute(t.system.deps.db)).rows.map((r) => r.tbl);

    test('ten requests in a row write the last use once, and the login seen not again', async () => {
      const p = await person();
      const id = await unlock(t, p);
      // a while later (the token still valid), the person reads their devices ten times
      t.clock.advance(2 * 60_000);
      const lastUse = t.clock.now();
      const before = (await writes(p.insuredId)).length;
      for (let i = 0; i < 10; i++) {
        const answer = await p.session.call('GET', '/devices');
        assert.equal(answer.status, 200);
      }
      assert.deepEqual((await writes(p.insuredId)).slice(before), ['epa_devices']);
      // "Registrierte Geräte" shows that use
      const list = await p.session.call('GET', '/devices');
      const device = list.body.devices.find((d: { id: string }) => d.id === id);
      assert.equal(device.lastUsedAt, lastUse.toISOString());
    });

    test('a minute later the next request writes the last use again', async () => {
      const p = await person();
      const id = await unlock(t, p);
      t.clock.advance(60_000);
      await p.session.call('GET', '/devices');
      const first = t.clock.now();
      t.clock.advance(59_000);
      const list = await p.session.call('GET', '/devices');
      assert.equal(list.body.devices.find((d: { id: string }) => d.id === id).lastUsedAt, first.toISOString(), 'not within the minute');
      t.clock.advance(1000);
      const later = t.clock.now();
      await p.session.call('GET', '/session');
      const again = await p.session.call('GET', '/devices');
      assert.equal(again.body.devices.find((d: { id: string }) => d.id === id).lastUsedAt, later.toISOString());
    });

    function person() {
      return loggedInPerson(t, `${callback().base}/callback`);
    }
  });
}
