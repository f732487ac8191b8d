import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import type { AuditEntry } from '../audit/audit.ts';
import { loginOutcome } from './login-outcomes.ts';

/** The database pool as pg reports it (PGlite has one connection and no pool). */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

export interface MetricsSources {
  db: Db;
  /** present on PostgreSQL only */
  pool?: () => PoolUse;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The process's metrics in its own registry: tests start several systems in one process, and
 * prom-client's global registry would refuse the second system's metrics of the same name.
 * Labels hold only values from our code (route patterns, portal keys, job names), never a URL,
 * an id or a token, so the series stay few and the scrape reveals nothing of anyone.
 */
export function createMetrics(sources: MetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'pforte_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const logins = new Counter({
    name: 'pforte_logins_total',
    help: 'Login steps by portal and outcome, as the audit log records them',
    labelNames: ['portal', 'outcome'] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'pforte_job_failures_total',
    help: 'Failed runs of background jobs (the queue retries them)',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  const { db } = sources;
  new Gauge({
    name: 'pforte_mail_outbox_mails',
    help: 'Unsent mails in the outbox: pending awaits delivery, failed gave up after its last attempt',
    labelNames: ['state'] as const,
    registers: [registry],
    // read at scrape time (the partial index mail_outbox_unsent keeps it cheap); a database that does
    // not answer leaves the series out rather than failing the whole scrape
    async collect() {
      try {
        const row = await db
          .selectFrom('mail_outbox')
          .select((eb) => [
            eb.fn.countAll<string>().filterWhere('failed_at', 'is', null).as('pending'),
            eb.fn.countAll<string>().filterWhere('failed_at', 'is not', null).as('failed'),
          ])
          .where('sent_at', 'is', null)
          .executeTakeFirstOrThrow();
        this.set({ state: 'pending' }, Number(row.pending));
        this.set({ state: 'failed' }, Number(row.failed));
      } catch {
        this.reset();
      }
    },
  });
  const pool = sources.pool;
  new Gauge({
    name: 'pforte_db_pool_connections',
    help: 'Database connections of this process (PGlite: always one)',
    registers: [registry],
    collect() {
      this.set(pool ? pool().total : 1);
    },
  });
  if (pool) {
    new Gauge({
      name: 'pforte_db_pool_idle_connections',
      help: 'Idle connections in the PostgreSQL pool',
      registers: [registry],
      collect() {
        this.set(pool().idle);
      },
    });
    new Gauge({
      name: 'pforte_db_pool_waiting_clients',
      help: 'Queries waiting for a connection from the PostgreSQL pool',
      registers: [registry],
      collect() {
        this.set(pool().waiting);
      },
    });
  }

  return {
    registry,

    /** One answered request; `route` is the route's pattern, or null when no route matched. */
    observeRequest(method: string, route: string | null, status: number, seconds: number) {
      requests.observe({ method: METHODS.has(method) ? method : 'other', route: route ?? 'unmatched', status_class: `${Math.floor(status / 100)}xx` }, seconds);
    },

    /** The audit log's listener: counts the entries that end a login step. */
    audited(entry: AuditEntry) {
      const login = loginOutcome(entry);
      if (login) logins.inc(login);
    },

    /** The job handlers, each counting its failures (the error still goes to the queue, which retries). */
    countingFailures<H extends Record<string, ((...args: never[]) => Promise<unknown>) | undefined>>(handlers: H): H {
      const counted: Record<string, unknown> = {};
      for (const [job, handler] of Object.entries(handlers)) {
        counted[job] = handler && (async (...args: never[]) => {
          try {
            return await handler(...args);
          } catch (error) {
            jobFailures.inc({ job });
            throw error;
          }
        });
      }
      return counted as H;
    },

    /** The text a Prometheus server scrapes, and its content type. */
    async scrape(): Promise<{ text: string; contentType: string }> {
      return { text: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
