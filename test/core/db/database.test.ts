import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { databaseKinds, createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { migrate } from '../../../src/core/db/database.ts';
import { ManualClock, HOUR } from '../../../src/core/clock/clock.ts';
import { z } from 'zod';
import { createFlowEngine, defineFlow } from '../../../src/core/flows/engine.ts';
import { createRateLimiter } from '../../../src/core/attempts/rate-limit.ts';
import { createAudit } from '../../../src/core/audit/audit.ts';
import { createMailer } from '../../../src/core/mail/outbox.ts';
import { startMailCatcher } from '../../../src/core/mail/catcher.ts';
import { startQueue } from '../../../src/core/jobs/queue.ts';
import { AppError } from '../../../src/core/errors/app-error.ts';
import { freePort } from '../../support/server-process.ts';

const demoFlow = defineFlow({
  kind: 'demo',
  initial: 'start',
  transitions: { start: ['middle'], middle: ['done'], done: [] },
  ttlMs: { start: HOUR, middle: 2 * HOUR, done: HOUR },
  data: z.object({ n: z.number().optional() }),
});

async function until<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const kind of databaseKinds) {
  describe(`platform on ${kind}`, () => {
    let database: TestDatabase;
    const clock = new ManualClock('2026-11-23T09:00:00Z');
    before(async () => {
      // bare, so that the migrations run here from the first: every other test starts from a migrated copy
      database = await createTestDatabase(kind, { empty: true });
      await migrate(database.handle.db);
    });
    after(async () => {
      await database?.drop();
    });

    test('migrations › running them again changes nothing', async () => {
      await migrate(database.handle.db);
      const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(database.handle.db);
      const names = tables.rows.map((r) => r.table_name);
      for (const t of ['accounts', 'registrations', 'flows', 'sessions', 'files', 'mail_outbox', 'audit_log', 'rate_limits']) assert.ok(names.includes(t), t);
    });

    test('flows › transitions follow the declared states and check the version', async () => {
      const db = database.handle.db;
      const flows = createFlowEngine(db, clock);
      const flow = await flows.create(demoFlow, { n: 1 });
      assert.equal(flow.state, 'start');
      assert.match(flow.id, /^[A-Za-z0-9_-]{43}$/);
      const loaded = await flows.load(demoFlow, flow.id);
      assert.deepEqual(loaded.data, { n: 1 });
      // a transition the kind does not declare is refused
      await assert.rejects(db.transaction().execute((trx) => flows.transition(trx, demoFlow, loaded, 'done')), (e: AppError) => e.code === 'flow.conflict');
      const moved = await db.transaction().execute((trx) => flows.transition(trx, demoFlow, loaded, 'middle', { data: { n: 2 } }));
      assert.equal(moved.version, 1);
      // a second tab holding the old version cannot advance the flow
      await assert.rejects(db.transaction().execute((trx) => flows.transition(trx, demoFlow, loaded, 'middle')), (e: AppError) => e.code === 'flow.conflict');
      const again = await flows.load(demoFlow, flow.id);
      assert.equal(again.state, 'middle');
      assert.deepEqual(again.data, { n: 2 });
      assert.equal(again.expiresAt.getTime(), clock.now().getTime() + 2 * HOUR);
    });

    test('flows › expired, unknown, malformed and foreign ids are flow.expired', async () => {
      const flows = createFlowEngine(database.handle.db, clock);
      const flow = await flows.create(demoFlow, {});
      const other = defineFlow({ kind: 'other', initial: 'start', transitions: { start: [] }, ttlMs: { start: HOUR }, data: z.object({}) });
      for (const id of ['nope', '', 42, null, 'x'.repeat(43)]) {
        await assert.rejects(flows.load(demoFlow, id), (e: AppError) => e.code === 'flow.expired' && e.status === 410);
      }
      await assert.rejects(flows.load(other, flow.id), (e: AppError) => e.code === 'flow.expired');
      const later = new ManualClock(new Date(clock.now().getTime() + HOUR + 1));
      await assert.rejects(createFlowEngine(database.handle.db, later).load(demoFlow, flow.id), (e: AppError) => e.code === 'flow.expired');
      assert.ok((await createFlowEngine(database.handle.db, later).sweepExpired()) >= 1);
    });

    test('rate limits › count per key in the database, reset after the window', async () => {
      const limiter = createRateLimiter(database.handle.db, clock);
      const rule = { points: 3, windowMs: 60_000 };
      const key = `test:${kind}:${Date.now()}`;
      for (let i = 0; i < 3; i++) assert.equal((await limiter.hit(key, rule)).allowed, true);
      const blocked = await limiter.hit(key, rule);
      assert.equal(blocked.allowed, false);
      assert.ok(blocked.retryAfterMs > 0 && blocked.retryAfterMs <= 60_000);
      // a second process (a second limiter on the same database) sees the same count
      assert.equal((await createRateLimiter(database.handle.db, clock).hit(key, rule)).allowed, false);
      clock.advance(60_001);
      assert.equal((await limiter.hit(key, rule)).allowed, true);
      assert.equal((await limiter.hit(`${key}:other`, rule)).allowed, true);
    });

    test('audit log › append-only, enforced by the database', async () => {
      const db = database.handle.db;
      const audit = createAudit(db, clock);
      await audit.record({ actor: 'test', action: 'mail.retried', subject: 's1', ip: '127.0.0.1', data: { a: 1 } });
      const row = await db.selectFrom('audit_log').selectAll().where('actor', '=', 'test').executeTakeFirstOrThrow();
      assert.equal(row.outcome, 'success');
      await assert.rejects(db.updateTable('audit_log').set({ actor: 'mallory' }).where('id', '=', row.id).execute(), /append-only/);
      await assert.rejects(db.deleteFrom('audit_log').where('id', '=', row.id).execute(), /append-only/);
      const still = await db.selectFrom('audit_log').select('actor').where('id', '=', row.id).executeTakeFirstOrThrow();
      assert.equal(still.actor, 'test');
    });

    test('mail outbox › SMTP down for a while › retried, delivered once, nothing lost', async () => {
      const db = database.handle.db;
      const port = await freePort();
      const mailer = createMailer(db, new ManualClock(), { url: `smtp://127.0.0.1:${port}`, from: 'noreply@pforte.example' });
      const queue = await startQueue(
        database.handle,
        { deliverMail: (id) => mailer.deliver(id), retention: async () => 0, housekeeping: async () => undefined },
        { mailRetryDelaySeconds: 1, pollingIntervalSeconds: 0.5, schedule: false },
      );
      // the job goes in with the mail, on the mail's transaction (PGlite has one connection)
      mailer.bindQueue((id, executor) => queue.enqueueMail(id, executor));
      try {
        const id = await mailer.send('empfaenger@example.de', { subject: 'Outbox-Test', text: 'Hallo', html: '<p>Hallo</p>' });
        // the relay is down: the attempt fails and is recorded, the mail stays in the outbox
        const failed = await until(
          () => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).where('attempts', '>=', 1).executeTakeFirst(),
          'a failed attempt',
        );
        assert.equal(failed.sent_at, null);
        assert.ok(failed.last_error);
        // the relay comes back on the same port: the retry delivers
        const catcher = await startMailCatcher(db, new ManualClock(), { host: '127.0.0.1', port });
        try {
          const sent = await until(
            () => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).where('sent_at', 'is not', null).executeTakeFirst(),
            'delivery after the relay came back',
          );
          assert.equal(sent.text, '', 'the body with its links is not kept after delivery');
          const caught = await db.selectFrom('mailbox_messages').selectAll().where('subject', '=', 'Outbox-Test').execute();
          assert.equal(caught.length, 1);
          assert.equal(caught[0]!.text.trim(), 'Hallo');
          // delivering the same id again sends nothing
          assert.equal(await mailer.deliver(id), 'already-sent');
        } finally {
          await catcher.close();
        }
      } finally {
        await queue.stop();
        mailer.close();
      }
    });
  });
}
