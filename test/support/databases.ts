import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/database.ts';

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

/** A throw-away database: in-memory PGlite, or a fresh database on the server that is dropped afterwards. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({});
    return { handle, drop: () => handle.close() };
  }
  const name = `pforte_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
