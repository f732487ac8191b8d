import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { auditCounts } from '../../support/audit.ts';
import { demoDomain, seedJobmasterDemo } from '../../../src/modules/job-search/demo.ts';

test('demo mail domains › umlauts and ß are written out, other signs become one hyphen', () => {
  assert.equal(demoDomain('Südhang Pflegedienste gGmbH'), 'suedhang-pflegedienste-ggmbh');
  assert.equal(demoDomain('Bäckerei Krume & Sohn'), 'baeckerei-krume-sohn');
  assert.equal(demoDomain('Öl- und Straßenbau AG'), 'oel-und-strassenbau-ag');
  assert.equal(demoDomain('Hansen & Petersen Logistik GmbH'), 'hansen-petersen-logistik-gmbh');
  // cut to 30 letters, never ending on a hyphen
  assert.equal(demoDomain('Große Überseehandelsgesellschaft Nord mbH'), 'grosse-ueberseehandelsgesellsc');
  assert.equal(demoDomain('Ab Cd Ef Gh Ij Kl Mn Op Qr St Uv'), 'ab-cd-ef-gh-ij-kl-mn-op-qr-st');
});

for (const kind of databaseKinds) {
  describe(`Jobmaster demo seed (${kind})`, () => {
    const t = testSystemFor(kind);

    test('a second start seeds nothing again: the employers, postings and logos are written once', async () => {
      const { deps } = t.system;
      const seed = () => seedJobmasterDemo({ ...deps, insurerId: deps.config.insurers[0]!.id });
      assert.equal(await seed(), 240);
      const logos = () => deps.db.selectFrom('jobmaster_employers').select(['id', 'logo_file_id', 'version']).orderBy('id').execute();
      const first = await logos();
      assert.equal(first.length, 6);
      assert.ok(first.every((e) => e.logo_file_id), 'every demo employer has its logo');

      assert.equal(await seed(), 0);
      assert.deepEqual(await logos(), first, 'the logos are untouched');
      const count = await auditCounts(t);
      assert.equal(count('jobmaster_employer.logo_uploaded'), 6);
      const actors = await deps.db.selectFrom('audit_log').select('actor').distinct().where('action', '=', 'jobmaster_employer.logo_uploaded').execute();
      assert.deepEqual(actors, [{ actor: 'system' }], 'recorded as the platform’s own action, not as an account');
      const postings = await deps.db.selectFrom('job_postings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(postings.n), 240);
      const contacts = await deps.db.selectFrom('jobmaster_contacts').select('email').orderBy('email').execute();
      assert.ok(contacts.some((c) => c.email === 'aylin.demir@suedhang-pflegedienste-ggmbh.example'));
      assert.ok(contacts.every((c) => /^[a-z]+\.[a-z]+@[a-z]+(-[a-z]+)*\.example$/.test(c.email)), 'letters and single hyphens only');

      // a start after one that stopped before all logos were written: only the missing one is made
      await deps.db.updateTable('jobmaster_employers').set({ logo_file_id: null }).where('id', '=', first[0]!.id).execute();
      assert.equal(await seed(), 0);
      const again = await logos();
      assert.ok(again[0]!.logo_file_id);
      assert.deepEqual(again.slice(1), first.slice(1));
      assert.equal((await auditCounts(t))('jobmaster_employer.logo_uploaded'), 7);
    });
  });
}
