// Runs every test file through node:test (Node 20's --test takes no globs), in two rounds:
// the unit and integration tests, then the browser journeys, each round two files at a time
// (each file has its own database, ports and Chromium, and this machine has two cores).
// The browser journeys wait for what a page shows, never for a time, so two of them side by
// side only take longer, they do not fail; PFORTE_TEST_BROWSER_CONCURRENCY=1 runs them alone.
// `npm test -- e2e` filters by path.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

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
  .sort((a, b) => a.localeCompare(b));
const browser = files.filter((f) => f.includes('/e2e/'));
const integration = files.filter((f) => !f.includes('/e2e/'));
const concurrency = Number(process.env.PFORTE_TEST_CONCURRENCY ?? Math.min(2, availableParallelism()));
const browserConcurrency = Number(process.env.PFORTE_TEST_BROWSER_CONCURRENCY ?? Math.min(2, availableParallelism()));

function run(round, parallel) {
  if (round.length === 0) return Promise.resolve(0);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', `--test-concurrency=${parallel}`, '--test-reporter=spec', ...round],
      { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
    );
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

const seconds = (since) => Math.round((Date.now() - since) / 1000);
const started = Date.now();
const first = await run(integration, concurrency);
const middle = Date.now();
const second = await run(browser, browserConcurrency);
console.log(`\n${integration.length} integration files in ${Math.round((middle - started) / 1000)} s, ${browser.length} browser files in ${seconds(middle)} s, ${seconds(started)} s in all`);
process.exit(first || second);
