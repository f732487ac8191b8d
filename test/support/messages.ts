import assert from 'node:assert/strict';

/** Every code has a German and an English text, and neither table holds a text without a code. */
export function assertMessagesCover(codes: readonly string[], de: Partial<Record<string, string>>, en: Partial<Record<string, string>>): void {
  for (const code of codes) {
    assert.ok(de[code]?.trim(), `German text for ${code}`);
    assert.ok(en[code]?.trim(), `English text for ${code}`);
  }
  assert.deepEqual(Object.keys(de).sort(), [...codes].sort());
  assert.deepEqual(Object.keys(en).sort(), [...codes].sort());
}
