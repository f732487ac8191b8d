import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTIONS, auditActionLabel, auditAreas, isAuditAction } from '../../../src/core/audit/actions.ts';
import { de } from '../../../src/core/i18n/de.ts';
import { en } from '../../../src/core/i18n/en.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

// The compiler already refuses an action without words (audit.record takes an AuditAction);
// this runs where only the tests run, derived from the sources, not a hand-kept list.
test('audit actions › every action recorded in the sources has German and English words', () => {
  const found = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('.record(') && !text.includes('denied(')) continue;
    // action: 'a.b', action: x ? 'a.b' : 'c.d'
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) for (const l of m[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.add(l[1]!);
    // eavis' denied(actor, 'eavis.denied', …)
    for (const m of text.matchAll(/\bdenied\([^,()]+,\s*'([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
  }
  assert.ok(found.size > 60, `found ${found.size} actions`);
  const missing = [...found].filter((a) => !isAuditAction(a));
  assert.deepEqual(missing, [], 'actions without words in src/platform/audit/actions.ts');
});

test('audit actions › the words are in the i18n tables, distinct, and every area has a name', () => {
  for (const action of AUDIT_ACTIONS) {
    assert.equal(de[`audit.${action}`], auditActionLabel(action));
    assert.equal(en[`audit.${action}`], auditActionLabel(action, 'en'));
    assert.notEqual(auditActionLabel(action), action);
  }
  const labels = AUDIT_ACTIONS.map((a) => auditActionLabel(a));
  assert.equal(new Set(labels).size, labels.length, 'no two actions read the same');
  assert.equal(auditActionLabel('registration.activated'), 'Registrierung aktiviert');
  assert.equal(auditActionLabel('account.locked'), 'Zugang gesperrt');
  assert.equal(auditActionLabel('something.old'), 'something.old', 'an unknown code shows itself');
  const areas = auditAreas();
  assert.equal(areas.flatMap((a) => a.actions).length, AUDIT_ACTIONS.length);
  assert.equal(new Set(areas.map((a) => a.label)).size, areas.length, 'no two areas read the same');
});
