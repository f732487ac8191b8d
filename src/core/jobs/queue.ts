import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import { DEFAULT_MAIL_ATTEMPTS, type SqlExecutor } from '../mail/outbox.ts';

export interface JobHandlers {
  deliverMail(mailId: string): Promise<unknown>;
  retention(): Promise<unknown>;
  housekeeping(): Promise<unknown>;
  /** queues unsent mails that have no job (after `pforte mail retry`, or rows older than their job) */
  mailSweep?(): Promise<unknown>;
}

export interface QueueOptions {
  /** seconds before the first retry of a failed mail; doubles each time */
  mailRetryDelaySeconds: number;
  /** attempts per mail, the first one included (the mailer marks the mail failed after the last) */
  mailAttempts?: number;
  pollingIntervalSeconds: number;
  schedule: boolean;
}

const QUEUES = { mail: 'mail-deliver', retention: 'retention-sweep', housekeeping: 'housekeeping', mailSweep: 'mail-sweep' } as const;

/** pg-boss on the same database (PGlite or server): mail delivery and the scheduled sweeps. */
export async function startQueue(handle: DatabaseHandle, handlers: JobHandlers, options: QueueOptions) {
  const boss = new PgBoss({
    db: { executeSql: handle.executeSql },
    schema: 'pgboss',
    // expired jobs (a killed process's) are failed and retried here: every minute instead of two
    maintenanceIntervalSeconds: 60,
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (error) => console.error('Job-Warteschlange:', error.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  const orphanedMailIds = handle.kind === 'pglite' ? await takeOverOrphanedMail(boss, handle) : [];

  const poll = { pollingIntervalSeconds: options.pollingIntervalSeconds };
  // a batch per fetch keeps a backlog moving; delivery is idempotent, so a batch that
  // fails as a whole is retried without sending the mails that already went out twice
  await boss.work<{ mailId: string }>(QUEUES.mail, { ...poll, batchSize: 20 }, async (jobs) => {
    const results = await Promise.allSettled(jobs.map((job) => handlers.deliverMail(job.data.mailId)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });
  // the scheduled sweeps run daily or hourly: a late start by seconds costs nothing, a tight
  // poll costs a query every interval (on PGlite, on the same connection as the requests)
  const slow = { pollingIntervalSeconds: Math.max(options.pollingIntervalSeconds, 30) };
  await boss.work(QUEUES.retention, slow, async () => handlers.retention());
  await boss.work(QUEUES.housekeeping, slow, async () => handlers.housekeeping());
  const mailSweep = handlers.mailSweep;
  if (mailSweep) await boss.work(QUEUES.mailSweep, slow, async () => mailSweep());
  if (options.schedule) {
    await boss.schedule(QUEUES.retention, '17 3 * * *', {}, { tz: 'Europe/Berlin' });
    await boss.schedule(QUEUES.housekeeping, '*/15 * * * *', {});
    if (mailSweep) await boss.schedule(QUEUES.mailSweep, '* * * * *', {});
  }

  return {
    /** mails whose job a killed process had taken: the caller queues them afresh */
    orphanedMailIds,
    /** With `executor` bound to a transaction, the job commits or rolls back with it. */
    async enqueueMail(mailId: string, executor?: SqlExecutor) {
      await boss.send(QUEUES.mail, { mailId }, {
        retryLimit: (options.mailAttempts ?? DEFAULT_MAIL_ATTEMPTS) - 1,
        retryDelay: options.mailRetryDelaySeconds,
        retryBackoff: true,
        // an attempt ends well before (SMTP timeouts in outbox.ts); a job a dead process held is retried after this
        expireInSeconds: 60,
        ...(executor ? { db: executor as { executeSql(text: string, values: any[]): Promise<{ rows: any[] }> } } : {}),
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * A mail job that a killed process had fetched stays 'active' until it expires, minutes later.
 * On the embedded database only one process runs (the data directory's lock), so before this one
 * fetches anything every active mail job is such an orphan: it is cancelled, and its mail is
 * queued afresh at once (delivery is idempotent by mail id).
 */
async function takeOverOrphanedMail(boss: PgBoss, handle: DatabaseHandle): Promise<string[]> {
  const { rows } = await handle.executeSql(`select id, data->>'mailId' as mail_id from pgboss.job where name = $1 and state = 'active'`, [QUEUES.mail]);
  if (rows.length === 0) return [];
  await boss.cancel(QUEUES.mail, rows.map((r: { id: string }) => r.id));
  return rows.map((r: { mail_id: string }) => r.mail_id).filter((id: unknown): id is string => typeof id === 'string');
}

export type Queue = Awaited<ReturnType<typeof startQueue>>;
