import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { testSystemFor } from '../../support/system.ts';
import { databaseKinds } from '../../support/databases.ts';
import { FormClient } from '../../support/browser-client.ts';
import { loadPlzCentroids, parseCentroids, PLZ_FILE } from '../../../src/modules/job-search/plz.ts';

for (const kind of databaseKinds) {
  describe(`Jobmaster › PLZ-Daten (${kind})`, () => {
    const t = testSystemFor(kind);
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from plz_centroids`.execute(t.system.deps.db)).rows[0]!.n);

    test('a fresh database has no centroids until a search needs them; the search by PLZ and by place then works', async () => {
      assert.equal(await count(), 0, 'the start loads nothing');
      const c = new FormClient(t.baseUrl);
      const byPlz = await c.get('/jobmaster/suche?wo=20095&umkreis=25');
      assert.equal(byPlz.status, 200);
      const byPlace = await c.get('/jobmaster/suche?wo=hamburg');
      assert.equal(byPlace.status, 200);
      assert.equal(await count(), parseCentroids(await readFile(PLZ_FILE, 'utf8')).length);
    });

    test('two processes filling an empty table at once, and a later start, leave each PLZ once', async () => {
      const { db } = t.system.deps;
      const all = parseCentroids(await readFile(PLZ_FILE, 'utf8')).length;
      await db.deleteFrom('plz_centroids').execute();
      await Promise.all([loadPlzCentroids(db), loadPlzCentroids(db)]);
      assert.equal(await count(), all);
      assert.equal(await loadPlzCentroids(db), 0, 'a later start only looks');
      assert.equal(await count(), all);
    });
  });
}
