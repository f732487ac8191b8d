import { test } from 'node:test';
import assert from 'node:assert/strict';
import { de } from '../../../src/core/i18n/de.ts';
import { en } from '../../../src/core/i18n/en.ts';
import { errorCodes } from '../../../src/core/errors/app-error.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

test('i18n › German and English know the same codes', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(de).sort());
  for (const [k, v] of Object.entries(de)) assert.ok(v.trim(), `German text for ${k}`);
  for (const [k, v] of Object.entries(en)) assert.ok(v.trim(), `English text for ${k}`);
});

test('i18n › every registered error code has a text', () => {
  for (const code of errorCodes) assert.ok(de[code], code);
});

test('i18n › every code thrown or returned in the sources has a text', () => {
  // derived, not hand-counted: AppError('x.y' …) and code: 'x.y' / errors.f = 'x.y' in src/
  const found = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new AppError\('([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/errors\.[a-zA-Z]+ = '([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/code: '([a-z_]+\.[a-z_.]+)'/g)) found.add(m[1]!);
  }
  assert.ok(found.size > 15, `found ${found.size} codes`);
  for (const code of found) assert.ok(de[code], `German text for ${code}`);
});
