// Runs every test file in one node:test run (Node 20's --test takes no globs).
// Unit and integration tests first, the browser tests last; `npm test -- e2e` filters by path.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => Number(a.includes('/e2e/')) - Number(b.includes('/e2e/')) || a.localeCompare(b));

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', `--test-reporter=${process.env.CI ? 'spec' : 'spec'}`, ...files],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
);
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
