import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { Lease, PGliteDialect } from './pglite-driver.ts';
import { lockDataDir, type DataDirLock } from '../control/data-dir-lock.ts';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_devices.ts';
import * as m0003 from './migrations/0003_device_resets.ts';
import * as m0004 from './migrations/0004_staff.ts';
import * as m0005 from './migrations/0005_review.ts';
import * as m0006 from './migrations/0006_postbox.ts';
import * as m0007 from './migrations/0007_company_users.ts';
import * as m0008 from './migrations/0008_partner.ts';
import * as m0009 from './migrations/0009_device_reset_cancel.ts';
import * as m0010 from './migrations/0010_attempts.ts';
import * as m0011 from './migrations/0011_mail_failed.ts';
import * as m0012 from './migrations/0012_competing_ik_requests.ts';
import * as m0013 from './migrations/0013_account_locale.ts';
import * as m0014 from './migrations/0014_audit_actor.ts';
import * as m0015 from './migrations/0015_jobmaster.ts';
import * as m0021 from './migrations/0021_jobmaster_account.ts';
import * as m0023 from './migrations/0023_job_alerts.ts';
import * as m0024 from './migrations/0024_job_postings_place.ts';
import * as m0025 from './migrations/0025_insured.ts';
import * as m0026 from './migrations/0026_ident_oidc.ts';
import * as m0027 from './migrations/0027_ident_devices.ts';
import * as m0028 from './migrations/0028_ident_login_requests.ts';
import * as m0029 from './migrations/0029_insured_address.ts';
import * as m0030 from './migrations/0030_epa_records.ts';
import * as m0031 from './migrations/0031_epa_devices.ts';
import * as m0032 from './migrations/0032_epa_representation.ts';
import * as m0033 from './migrations/0033_epa_protocol_on_behalf.ts';
import * as m0034 from './migrations/0034_epa_protocol_database_time.ts';
import * as m0035 from './migrations/0035_epa_wrong_codes.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** For pg-boss: runs one SQL text (possibly several statements) on the same database. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the pool's connections as pg counts them, for the metrics (PGlite has one connection) */
  poolUse?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
  /** PGlite only: the whole data directory as one tarball, the form `loadDataDir` reads back. */
  dumpDataDir?(): Promise<Blob>;
}

// int8 (bigserial ids, counts) as string, never as a lossy number
pg.types.setTypeParser(20, (v) => v);

export async function openDatabase(options: { url?: string; dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // an idle connection that the server ends (restart, failover) must not end the process;
    // the pool replaces it on the next query
    pool.on('error', (error) => console.error('Datenbankverbindung getrennt:', error.message));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      executeSql: async (text, values) => pool.query(text, values as any[]),
      poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: () => db.destroy(),
    };
  }
  let dataPath: string | undefined;
  // one process per data directory (see data-dir-lock.ts); throws DataDirLockedError while another holds it
  let lock: DataDirLock | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = lockDataDir(options.dataDir);
    dataPath = join(options.dataDir, 'pglite');
  }
  // On Node, PGlite's files are the directory's own files (NODEFS, written through, fsync and
  // synchronous_commit on; no relaxedDurability, which only defers browser storage syncs): a commit
  // has reached the WAL before its query returns, so a killed process leaves what it committed and
  // the next open replays the WAL (test/core/control/control.test.ts kills the server during writes).
  // loadDataDir starts from a dumped directory instead of running initdb (a second or more per
  // database; the tests start hundreds of systems from one migrated dump)
  const lite = new PGlite(dataPath, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  try {
    await lite.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const lease = new Lease();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(lite, lease) });
  return {
    db,
    kind: 'pglite',
    executeSql: async (text, values) => db.executeQuery(CompiledQuery.raw(text, values ?? [])),
    dumpDataDir: () => lease.run(() => lite.dumpDataDir('none')),
    close: async () => {
      try {
        await db.destroy();
        await lease.run(() => lite.close());
      } finally {
        lock?.release();
      }
    },
  };
}

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_devices': m0002,
  '0003_device_resets': m0003,
  '0004_staff': m0004,
  '0005_review': m0005,
  '0006_postbox': m0006,
  '0007_company_users': m0007,
  '0008_partner': m0008,
  '0009_device_reset_cancel': m0009,
  '0010_attempts': m0010,
  '0011_mail_failed': m0011,
  '0012_competing_ik_requests': m0012,
  '0013_account_locale': m0013,
  '0014_audit_actor': m0014,
  '0015_jobmaster': m0015,
  '0021_jobmaster_account': m0021,
  '0023_job_alerts': m0023,
  '0024_job_postings_place': m0024,
  '0025_insured': m0025,
  '0026_ident_oidc': m0026,
  '0027_ident_devices': m0027,
  '0028_ident_login_requests': m0028,
  '0029_insured_address': m0029,
  '0030_epa_records': m0030,
  '0031_epa_devices': m0031,
  '0032_epa_representation': m0032,
  '0033_epa_protocol_on_behalf': m0033,
  '0034_epa_protocol_database_time': m0034,
  '0035_epa_wrong_codes': m0035,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} fehlgeschlagen: ${String((error as Error)?.message ?? error)}`);
  }
}
