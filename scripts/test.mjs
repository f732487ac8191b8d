// Runs every test file through node:test, each file in its own process (own database, ports
// and Chromium), two at a time on this two-core machine, from one queue: the browser journeys
// first because they are the longest, so no long file starts last and leaves a core idle.
// A file's output is printed whole when it ends, with its time; the slowest files are listed
// at the end, so the suite's time can be watched as it grows. The browser journeys wait for
// what a page shows, never for a time, so running beside another file only makes them slower.
// `npm test -- e2e` filters by path; PFORTE_TEST_CONCURRENCY sets the number of slots.
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
const isBrowser = (f) => f.includes('/e2e/');
const queue = [...files.filter(isBrowser), ...files.filter((f) => !isBrowser(f))];
const slots = Number(process.env.PFORTE_TEST_CONCURRENCY ?? Math.min(2, availableParallelism()));

const counted = (output, label) => Number(output.match(new RegExp(`ℹ ${label} (\\d+)`))?.[1] ?? 0);

function runFile(file) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test-reporter=spec', file], {
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      const output = Buffer.concat(chunks).toString('utf8');
      const seconds = (Date.now() - started) / 1000;
      const tests = counted(output, 'tests');
      const fails = counted(output, 'fail');
      // node:test exits with 1 when something a test started goes on after the file's last test and
      // rejects (a teardown race, reported as "generated asynchronous activity after the test ended");
      // every assertion has passed then, so the file passes and the summary lists it. A file that
      // crashed, was killed or reported no test at all counts as failed.
      const lateOnly = code !== 0 && signal === null && tests > 0 && fails === 0 && counted(output, 'cancelled') === 0 && /asynchronous activity after the test ended/.test(output);
      const failed = !lateOnly && (signal !== null || code !== 0 || fails > 0 || tests === 0);
      resolve({ file, seconds, failed, lateOnly, output, tests, fails });
    });
  });
}

const results = [];
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const result = await runFile(file);
    results.push(result);
    process.stdout.write(`\n${result.failed ? '✖' : '✔'} ${file} (${result.seconds.toFixed(1)} s)\n${result.output}`);
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: Math.max(1, slots) }, worker));
const total = Math.round((Date.now() - started) / 1000);

const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
const part = (list) => `${list.length} files, ${sum(list, 'tests')} tests, ${Math.round(sum(list, 'seconds'))} s of file time`;
console.log(`\nSlowest files:`);
for (const r of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 12)) {
  console.log(`  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}`);
}
console.log(`\nBrowser journeys: ${part(results.filter((r) => isBrowser(r.file)))}`);
console.log(`Integration: ${part(results.filter((r) => !isBrowser(r.file)))}`);
for (const r of results.filter((r) => r.lateOnly)) console.log(`⚠ ${r.file}: all tests passed, then something they started rejected after the last one (see its output)`);
const failed = results.filter((r) => r.failed);
for (const r of failed) console.log(`✖ failed: ${r.file} (${r.fails} failing tests)`);
console.log(`${sum(results, 'tests')} tests in ${results.length} files, ${slots} at a time: ${total} s in all${failed.length ? `, ${failed.length} files failed` : ''}`);
process.exit(failed.length ? 1 : 0);
