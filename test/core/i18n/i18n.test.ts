import { test } from 'node:test';
import assert from 'node:assert/strict';
import { de } from '../../../src/core/i18n/de.ts';
import { en } from '../../../src/core/i18n/en.ts';
import { errorCodes } from '../../../src/core/errors/app-error.ts';
import { pageAreasEn, pagesEn } from '../../../src/core/i18n/pages.en.ts';
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
  for (const code of errorCodes) assert.ok(de[code] && en[code], code);
});

test('i18n › every code thrown or returned in the sources has a German and an English text', () => {
  // derived, not hand-counted: every dotted code a source file throws, returns, sets on a field,
  // hands to zod as an issue or looks up; the types check the same, this also sees casts and strings
  const uses = [
    /new AppError\('([a-z_]+\.[a-z_.]+)'/g,
    /assertThat\([^;]*?, '([a-z_]+\.[a-z_.]+)'/g,
    /errors\.[a-zA-Z]+ = '([a-z_]+\.[a-z_.]+)'/g,
    /\bcode: '([a-z_]+\.[a-z_.]+)'/g,
    /\b(?:error|message): '([a-z_]+\.[a-z_.]+)'/g,
    /\btI?n?\('([a-z_]+\.[a-z_.]+)'/g,
    /new AppError\([^;]*?\? '([a-z_]+\.[a-z_.]+)' : '([a-z_]+\.[a-z_.]+)'/g,
  ];
  const found = new Map<string, string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const re of uses) for (const m of text.matchAll(re)) for (const code of m.slice(1)) if (code) found.set(code, file);
  }
  assert.ok(found.size > 100, `found ${found.size} codes`);
  const german: Record<string, string> = de;
  const english: Record<string, string> = en;
  for (const [code, file] of found) {
    assert.ok(german[code], `German text for ${code} (${file})`);
    assert.ok(english[code], `English text for ${code} (${file})`);
  }
});

test('i18n › a page text stands in one area of the English catalogue only', () => {
  const seen = new Map<string, number>();
  pageAreasEn.forEach((area, i) => {
    for (const german of Object.keys(area)) {
      assert.equal(seen.get(german), undefined, `"${german}" in areas ${seen.get(german)} and ${i}`);
      seen.set(german, i);
    }
  });
  assert.equal(seen.size, Object.keys(pagesEn).length);
});
