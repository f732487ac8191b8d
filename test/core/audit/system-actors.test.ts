import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { createPeople } from '../../../src/core/audit/people.ts';
import { ensureDemoAdmin } from '../../../src/portals/backoffice/staff/demo-admin.ts';

for (const kind of databaseKinds) {
  describe(`Protokoll names the platform's own actors (${kind})`, () => {
    const t = testSystemFor(kind);

    test('the demo administrator was created by "System (automatisch)", the word plain "system" gets, not by a deleted someone', async () => {
      const { db, staff } = t.system.deps;
      const dir = mkdtempSync(join(tmpdir(), 'pforte-demo-admin-'));
      try {
        assert.ok(await ensureDemoAdmin(staff, dir), 'a fresh system gets its demo administrator');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const entry = await db.selectFrom('audit_log').select(['actor', 'action', 'subject', 'outcome']).where('action', '=', 'staff.created').executeTakeFirstOrThrow();
      assert.equal(entry.actor, 'system:demo');
      const people = createPeople(t.system.deps);
      const [demo, plain] = await people.resolve([entry, { ...entry, actor: 'system' }]);
      assert.deepEqual(demo!.actor, { ref: 'system:demo', name: 'System (automatisch)', detail: 'system:demo', nobody: true });
      assert.equal(demo!.actor.name, plain!.actor.name);
      assert.equal(demo!.subject!.name, 'Demo-Administration', 'the administrator it made is named as before');
    });
  });
}
