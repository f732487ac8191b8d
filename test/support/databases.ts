import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type DatabaseHandle } from '../../src/core/db/database.ts';
import { startQueue } from '../../src/core/jobs/queue.ts';

export type DatabaseKind = 'pglite' | 'postgres';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  if (process.env.PFORTE_TEST_POSTGRES === 'off') return false;
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    // CI that must test on PostgreSQL says so; a silent fallback to PGlite alone would hide that
    if (process.env.PFORTE_TEST_POSTGRES === 'required') throw new Error(`PostgreSQL antwortet nicht: ${(error as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PGlite always; the PostgreSQL server too when it answers. */
export const databaseKinds: DatabaseKind[] = (await postgresAnswers()) ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A browser journey runs on one database: the integration tests already cover every route on both,
 * and a journey is what a person does, not what the database does. The journeys are spread over the
 * two, so that PostgreSQL sees browsers too; without a server they all run on PGlite.
 */
export function journeyDatabase(preferred: DatabaseKind): DatabaseKind[] {
  return [databaseKinds.includes(preferred) ? preferred : 'pglite'];
}

export interface TestDatabase {
  handle: DatabaseHandle;
  url?: string;
  drop(): Promise<void>;
}

/**
 * What a migrated database holds depends on these files alone: their hash names the template, so a
 * changed migration or a new pg-boss builds a new one and no test ever starts from a stale schema.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  const files = [
    'src/core/db/database.ts',
    'src/core/jobs/queue.ts',
    'package-lock.json',
    ...readdirSync('src/core/db/migrations').sort().map((f) => join('src/core/db/migrations', f)),
  ];
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** Migrations and pg-boss's schema: what every system start would otherwise build again. */
async function prepare(handle: DatabaseHandle): Promise<void> {
  await migrate(handle.db);
  const idle = async () => {};
  const queue = await startQueue(handle, { deliverMail: idle, retention: idle, housekeeping: idle }, { mailRetryDelaySeconds: 1, pollingIntervalSeconds: 60, schedule: false });
  await queue.stop();
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A migrated PGlite, dumped once into a file that every test process on this machine loads instead
 * of running initdb, the migrations and pg-boss's setup again (seconds per start on two cores).
 * Written under a temporary name and renamed, so a parallel process never reads half a file.
 */
function pgliteTemplateDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const dir = join(tmpdir(), 'pforte-test-templates');
    const file = join(dir, `pglite-${templateKey()}.tar`);
    if (existsSync(file)) return new Blob([readFileSync(file)]);
    const handle = await openDatabase({});
    try {
      await prepare(handle);
      const dump = await handle.dumpDataDir!();
      mkdirSync(dir, { recursive: true });
      const partial = `${file}.${process.pid}`;
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      // older templates are from other migrations: keep the folder from growing run after run
      for (const old of readdirSync(dir)) {
        const path = join(dir, old);
        if (path !== file && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
      }
      return dump;
    } finally {
      await handle.close();
    }
  })();
  return pgliteTemplate;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

let postgresTemplate: Promise<string> | undefined;

/**
 * The same on the server: one migrated database per template key that `create database … template`
 * copies. Built under an advisory lock, so parallel test processes build it once; a template left
 * half-built by a killed process lacks its comment (which copies do not inherit) and is built again.
 */
function postgresTemplateName(): Promise<string> {
  postgresTemplate ??= (async () => {
    const name = `pforte_template_${templateKey()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(4242017)');
      const complete = await admin.query(`select 1 from pg_database where datname = $1 and shobj_description(oid, 'pg_database') = 'complete'`, [name]);
      if (complete.rowCount) return name;
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      const handle = await openDatabase({ url: databaseUrl(name) });
      try {
        await prepare(handle);
      } finally {
        await handle.close();
      }
      await admin.query(`comment on database ${name} is 'complete'`);
      const stale = await admin.query(`select datname from pg_database where datname like 'pforte_template_%' and datname <> $1`, [name]);
      for (const row of stale.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(4242017)').catch(() => {});
      await admin.end();
    }
  })();
  return postgresTemplate;
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A throw-away database: in-memory PGlite, or a fresh database on the server that is dropped
 * afterwards. It starts migrated, with pg-boss's schema (from the template); `empty` starts it
 * bare, for the tests of the migrations themselves.
 */
export async function createTestDatabase(kind: DatabaseKind, options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase(options.empty ? {} : { loadDataDir: await pgliteTemplateDump() });
    return { handle, drop: () => handle.close() };
  }
  const name = `pforte_test_${randomBytes(6).toString('hex')}`;
  if (options.empty) await adminQuery(`create database ${name}`);
  else await createFromTemplate(name, await postgresTemplateName());
  const url = databaseUrl(name);
  const handle = await openDatabase({ url });
  return {
    handle,
    url,
    async drop() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Copying needs the template alone: a copy that meets another copy's start is tried again. */
async function createFromTemplate(name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`create database ${name} template ${template}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
