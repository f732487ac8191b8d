import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { seedEpaRecordsDemo } from '../../../src/modules/epa-records/demo.ts';
import { registeredPerson, self } from './fixtures.ts';

for (const kind of databaseKinds) {
  describe(`ePA records › demo documents (${kind})`, () => {
    const t = testSystemFor(kind);

    test('demo records get documents of different Typ and Autor that open, and a restart adds none', async () => {
      const p = await registeredPerson(t);
      const deps = t.system.deps;
      const first = await seedEpaRecordsDemo(deps, [{ kvnr: p.kvnr }, { kvnr: 'X000000000' }], 'AOK Baden-Württemberg');
      assert.ok(first >= 5);
      const docs = await deps.epaRecords.list(self(p.id), p.id);
      assert.equal(docs.length, first);
      assert.deepEqual(docs.slice(0, 3).map((d) => [d.title, d.author]), [['image001', 'von mir'], ['röntgenaufnahme', 'von mir'], ['Demo PDF', 'von mir']]);
      assert.ok(new Set(docs.map((d) => d.class_code)).size >= 4);
      assert.ok(new Set(docs.map((d) => d.author)).size >= 3);
      assert.deepEqual(new Set(docs.map((d) => d.content_type)), new Set(['image/png', 'image/jpeg', 'application/pdf']));
      for (const d of docs) assert.ok((await deps.epaRecords.open(self(p.id), p.id, d.id)).bytes.length > 100);
      assert.equal(await seedEpaRecordsDemo(deps, [{ kvnr: p.kvnr }], 'AOK Baden-Württemberg'), 0);
      assert.equal((await deps.epaRecords.list(self(p.id), p.id)).length, first);
    });
  });
}
