import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../../src/composition.ts';
import { noticeRegistry } from '../../../src/core/http/notices.ts';
import { english } from '../../../src/core/i18n/catalogue.ts';

/** Portal notices the English pages still show in German (kept as they are; add their English to the catalogue). */
const KNOWN_GERMAN = new Set(['provider-iks eavis-beendet']);

// the composition imports every module, and with it every page's notices
test('every notice a portal page can show has its English text in the catalogue; the back office is German only', () => {
  assert.ok(noticeRegistry.size >= 10, `found ${noticeRegistry.size} pages with notices`);
  const missing: string[] = [];
  for (const [page, notices] of noticeRegistry) {
    if (notices.germanOnly) continue;
    for (const code of notices.codes) {
      if (KNOWN_GERMAN.has(`${page} ${code}`)) continue;
      const text = notices.text(code, notices.sample);
      if (english(text) === undefined) missing.push(`${page} ${code}: ${text}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('a page names each code once, and its codes fit in an address as they are', () => {
  for (const [page, notices] of noticeRegistry) {
    assert.equal(new Set(notices.codes).size, notices.codes.length, page);
    for (const code of notices.codes) assert.match(code, /^[a-z0-9._-]+$/, `${page} ${code}`);
  }
});
