import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dirname, '../../../src');
const ENGINE = 'core/flows/';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A Kysely call on the table, or SQL that reads or writes it (creating it in a migration is neither). */
const TOUCHES_FLOWS = [/(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"`]flows['"`]/, /\b(from|into|update|join)\s+flows\b/i];

test('flows › only the engine reads and writes the flows table, so every change is version-checked and every load is parsed', () => {
  const offenders = sources(SRC)
    .map((path) => relative(SRC, path).replaceAll('\\', '/'))
    .filter((path) => !path.startsWith(ENGINE))
    .filter((path) => {
      const text = readFileSync(join(SRC, path), 'utf8');
      return TOUCHES_FLOWS.some((pattern) => pattern.test(text));
    });
  assert.deepEqual(offenders, []);
});

test('flows › the check sees a Kysely call and SQL', () => {
  assert.ok(TOUCHES_FLOWS.some((p) => p.test(`db.updateTable('flows').set({})`)));
  assert.ok(TOUCHES_FLOWS.some((p) => p.test('delete from flows where id = $1')));
  assert.ok(!TOUCHES_FLOWS.some((p) => p.test('create table flows (id text)')));
});
