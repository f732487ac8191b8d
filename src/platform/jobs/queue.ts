import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';

export interface JobHandlers {
  deliverMail(mailId: string): Promise<unknown>;
  retention(): Promise<unknown>;
  housekeeping(): Promise<unknown>;
}

export interface QueueOptions {
  /** seconds before the first retry of a failed mail; doubles each time */
  mailRetryDelaySeconds: number;
  pollingIntervalSeconds: number;
  schedule: boolean;
}

const QUEUES = { mail: 'mail-deliver', retention: 'retention-sweep', housekeeping: 'housekeeping' } as const;

/** pg-boss on the same database (PGlite or server): mail delivery and the scheduled sweeps. */
export async function startQueue(handle: DatabaseHandle, handlers: JobHandlers, options: QueueOptions) {
  const boss = new PgBoss({
    db: { executeSql: handle.executeSql },
    schema: 'pgboss',
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (error) => console.error('Job-Warteschlange:', error.message));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);

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
  if (options.schedule) {
    await boss.schedule(QUEUES.retention, '17 3 * * *', {}, { tz: 'Europe/Berlin' });
    await boss.schedule(QUEUES.housekeeping, '*/15 * * * *', {});
  }

  return {
    async enqueueMail(mailId: string) {
      await boss.send(QUEUES.mail, { mailId }, {
        retryLimit: 15,
        retryDelay: options.mailRetryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: 120,
      });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

export type Queue = Awaited<ReturnType<typeof startQueue>>;
