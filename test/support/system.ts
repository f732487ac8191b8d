import { after, before } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { startSystem, type System, type SystemOptions } from '../../src/composition.ts';
import { ManualClock } from '../../src/core/clock/clock.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSystem {
  system: System;
  clock: ManualClock;
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The whole system as `npm start` wires it, on a throw-away database, with a clock
 * the test moves, the embedded SMTP catcher on a free port and HTTP on a free port.
 */
export async function startTestSystem(kind: DatabaseKind, env: Record<string, string> = {}, options: Omit<SystemOptions, 'clock' | 'database'> = {}): Promise<TestSystem> {
  const database = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'pforte-test-'));
  const clock = new ManualClock('2026-11-23T09:00:00Z');
  const port = 0;
  const config = loadConfig({
    PFORTE_DATA_DIR: dataDir,
    MAILBOX_SMTP_PORT: '0',
    LOG_LEVEL: 'silent',
    PORT: String(port),
    // each test client poses as its own user through X-Forwarded-For, so per-IP limits apply per client
    TRUST_PROXY: 'true',
    ...env,
  });
  const system = await startSystem(config, { clock, database: database.handle, mailPollSeconds: 0.5, mailRetryDelaySeconds: 1, ...options });
  const address = await system.app.listen({ host: '127.0.0.1', port: 0 });
  // links in mails must point at the port we really listen on
  (config as { publicUrl: string }).publicUrl = address;
  return {
    system,
    clock,
    baseUrl: address,
    database,
    async close() {
      await system.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A TestSystem that stands for the one `current()` returns once it is started (in a `before` hook). */
export function liveSystem(current: () => TestSystem | undefined): TestSystem {
  const live = (): TestSystem => {
    const t = current();
    if (!t) throw new Error('the test system starts in before(): use it inside a test or hook');
    return t;
  };
  return {
    get system() {
      return live().system;
    },
    get clock() {
      return live().clock;
    },
    get baseUrl() {
      return live().baseUrl;
    },
    get database() {
      return live().database;
    },
    close: () => live().close(),
  };
}

/**
 * The system for the tests of one describe block: started before them (with `env` and `options`
 * as startTestSystem takes them, then `ready`, e.g. seeding the IK register), closed after them.
 */
export function testSystemFor(
  kind: DatabaseKind,
  setup: { env?: Record<string, string>; options?: Omit<SystemOptions, 'clock' | 'database'>; ready?: (t: TestSystem) => Promise<unknown> } = {},
): TestSystem {
  let started: TestSystem | undefined;
  before(async () => {
    started = await startTestSystem(kind, setup.env, setup.options);
    await setup.ready?.(started);
  });
  after(async () => {
    await started?.close();
  });
  return liveSystem(() => started);
}
