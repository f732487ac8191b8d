import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { createPeople } from '../../../src/core/audit/people.ts';

for (const kind of databaseKinds) {
  describe(`Protokoll names an AOK Ident client by its name (${kind})`, () => {
    const t = testSystemFor(kind);

    test('client:<id> is "Anwendung: <name>", never a raw id marked deleted', async () => {
      const people = createPeople(t.system.deps);
      const entry = { actor: 'client:pforte-epa', action: 'ident.grant_revoked', subject: null, outcome: 'success' };
      const [named, unknown] = await people.resolve([entry, { ...entry, actor: 'client:nie-konfiguriert' }]);
      assert.deepEqual(named!.actor, { ref: 'client:pforte-epa', name: 'Anwendung: AOK Mein Leben', nobody: true });
      assert.equal(unknown!.actor.name, 'client:nie-konfiguriert');
    });
  });
}
