import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { createPeople } from '../../../src/core/audit/people.ts';
import type { AuditAction } from '../../../src/core/audit/actions.ts';
import { jobmasterAccount } from '../../modules/jobmaster-login/accounts.ts';
import { freshKvnr } from '../../modules/insured/kvnr.ts';
import { createProtocol, parseProtocolFilter } from '../../../src/modules/audit-log/protocol.ts';

/** A Jobmaster employer with its account (the main contact) and one posting, written straight to the database. */
async function employerWithPosting(t: TestSystem, name: string, betriebsnummer: string) {
  const { db } = t.system.deps;
  const account = await jobmasterAccount(db, { role: 'employer', insurerId: 'by' });
  const { company } = await db.selectFrom('accounts').select('company').where('id', '=', account.id).executeTakeFirstOrThrow();
  const employerId = company!;
  await db.updateTable('accounts').set({ company_insurer_id: 'by' }).where('id', '=', account.id).execute();
  await db.updateTable('jobmaster_employers').set({ company_name: name, betriebsnummer }).where('id', '=', employerId).execute();
  const postingId = newId();
  await db
    .insertInto('job_postings')
    .values({
      id: postingId, employer_id: employerId, title: 'Ausbildung Bäcker/-in', kind: 'ausbildung', starts_on: null, postal_code: '20095', city: 'Hamburg',
      description: 'Wir bilden aus.', apply_until: null, contact_id: null, apply_url: null, apply_email: 'bewerbung@example.org', status: 'active',
      created_at: t.clock.now(), updated_at: t.clock.now(), published_at: t.clock.now(),
    })
    .execute();
  return { accountId: account.id, employerId, postingId };
}

/** The entries an employer's own work leaves: the company data changed, a posting created, and a posting id it was refused. */
function entriesOf(e: { accountId: string; employerId: string; postingId: string }) {
  const actor = `account:${e.accountId}`;
  return [
    { actor, action: 'jobmaster_employer.updated', subject: e.employerId, outcome: 'success' },
    { actor, action: 'postings.created', subject: e.postingId, outcome: 'success' },
    { actor, action: 'postings.denied', subject: newId(), outcome: 'denied' },
  ];
}

for (const kind of databaseKinds) {
  describe(`Protokoll names Jobmaster employers and postings (${kind})`, () => {
    const t = testSystemFor(kind);

    test('an employer by its company name and Betriebsnummer, a posting by its title, the account by its company', async () => {
      const people = createPeople(t.system.deps);
      const e = await employerWithPosting(t, 'Bäckerei Krume & Sohn', '77231045');
      const [updated, created, denied] = await people.resolve(entriesOf(e));

      assert.equal(updated!.subject!.name, 'Bäckerei Krume & Sohn');
      assert.equal(updated!.subject!.detail, 'Betriebsnummer 77231045 · AOK Bayern');
      assert.equal(updated!.subject!.ref, e.employerId, 'the filter still finds the entry by its id');
      assert.equal(created!.subject!.name, 'Stellenangebot „Ausbildung Bäcker/-in“');
      assert.equal(created!.subject!.detail, 'Bäckerei Krume & Sohn · Betriebsnummer 77231045');
      // the account stores its employer's id as its company: that id means nothing to staff
      assert.equal(updated!.actor.name, 'Erika Mustermann');
      assert.equal(updated!.actor.detail, 'Bäckerei Krume & Sohn · Betriebsnummer 77231045 · AOK Bayern');
      assert.equal(denied!.subject!.detail, 'unbekannt');
    });

    test('a search by Betriebsnummer or company name finds the employer, its account and its postings', async () => {
      const people = createPeople(t.system.deps);
      const e = await employerWithPosting(t, 'Rheinblick Software AG', '21456982');
      for (const term of ['21456982', 'rheinblick']) {
        const found = await people.search(term);
        assert.ok(found.subjects.includes(e.employerId), term);
        assert.ok(found.subjects.includes(e.postingId), term);
        assert.ok(found.actors.includes(`account:${e.accountId}`), term);
      }
      const other = await people.search('Bergmann Elektrotechnik');
      assert.ok(!other.subjects.includes(e.employerId));
    });

    test('after "Profil löschen" the employer and its postings are named by their kind, as deleted, without failing', async () => {
      const { db } = t.system.deps;
      const people = createPeople(t.system.deps);
      const e = await employerWithPosting(t, 'Stadtwerke Lindenau GmbH', '33567128');
      // as the deletion does it: nothing of the account or its employer is left to read
      await db.deleteFrom('accounts').where('id', '=', e.accountId).execute();
      await db.deleteFrom('job_postings').where('employer_id', '=', e.employerId).execute();
      await db.deleteFrom('jobmaster_employers').where('id', '=', e.employerId).execute();

      const [updated, created, denied] = await people.resolve(entriesOf(e));
      assert.deepEqual(updated!.subject, { ref: e.employerId, name: 'Unternehmen', gone: true });
      assert.deepEqual(created!.subject, { ref: e.postingId, name: 'Stellenangebot', gone: true });
      assert.deepEqual(updated!.actor, { ref: `account:${e.accountId}`, name: `account:${e.accountId}`, gone: true });
      assert.equal(denied!.subject!.detail, 'unbekannt', 'a refused id is unknown, not deleted');
      assert.ok(!JSON.stringify([updated, created]).includes('Lindenau'));
    });
  });
}

/** An insured person as staff or the import leave them, written straight to the database. */
async function insuredPerson(t: TestSystem, first: string, last: string): Promise<{ id: string; kvnr: string }> {
  const { db } = t.system.deps;
  const id = newId();
  const kvnr = freshKvnr('P');
  await db
    .insertInto('insured_persons')
    .values({ id, kvnr, first_name: first, last_name: last, birth_date: '1975-04-12', email: `${kvnr.toLowerCase()}@example.org`, insurer_id: 'by', status: 'active', created_at: t.clock.now(), updated_at: t.clock.now() })
    .execute();
  return { id, kvnr };
}

/** Staff looking at the person, the person signing in with the Ident app and through it at a client. */
function insuredEntries(id: string): { actor: string; action: AuditAction; subject: string; outcome: string }[] {
  return [
    { actor: `staff:${newId()}`, action: 'insured.viewed', subject: id, outcome: 'success' },
    { actor: `insured:${id}`, action: 'insured.app_login', subject: id, outcome: 'success' },
    { actor: `insured:${id}`, action: 'ident.login_approved', subject: id, outcome: 'success' },
  ];
}

for (const kind of databaseKinds) {
  describe(`Protokoll names insured persons (${kind})`, () => {
    const t = testSystemFor(kind);

    test('an insured person, as subject and as the Ident app actor, by name and KVNR', async () => {
      const people = createPeople(t.system.deps);
      const p = await insuredPerson(t, 'Jana', 'Vogelsang');
      const [viewed, login, approved] = await people.resolve(insuredEntries(p.id));

      const named = { name: `Jana Vogelsang (${p.kvnr})`, email: `${p.kvnr.toLowerCase()}@example.org`, detail: 'Versicherte Person · AOK Bayern' };
      assert.deepEqual(viewed!.subject, { ref: p.id, ...named });
      assert.deepEqual(login!.actor, { ref: `insured:${p.id}`, ...named }, 'the filter still finds the entry by the actor it holds');
      assert.deepEqual(approved!.subject, { ref: p.id, ...named });
    });

    test('a search by KVNR or name finds the entries the person acted in and those about them', async () => {
      const people = createPeople(t.system.deps);
      const p = await insuredPerson(t, 'Konstantin', 'Brettschneider');
      const other = await insuredPerson(t, 'Maren', 'Ohlsen');
      for (const term of [p.kvnr, p.kvnr.toLowerCase(), 'brettschneider', 'Konstantin Brett', `insured:${p.id}`]) {
        const found = await people.search(term);
        assert.ok(found.actors.includes(`insured:${p.id}`), term);
        assert.ok(found.subjects.includes(p.id), term);
        assert.ok(!found.subjects.includes(other.id), term);
      }

      const { audit } = t.system.deps;
      for (const e of [...insuredEntries(p.id), ...insuredEntries(other.id)]) await audit.record({ actor: e.actor, action: e.action, subject: e.subject });
      const page = await createProtocol(t.system.deps).page(parseProtocolFilter({ person: p.kvnr }).filter);
      assert.equal(page.total, 3);
      assert.ok(page.rows.every((r) => r.subject === p.id && r.whom!.name === `Konstantin Brettschneider (${p.kvnr})`));
    });

    test('a person no longer stored reads as a deleted Versicherte Person, without failing', async () => {
      const { db } = t.system.deps;
      const people = createPeople(t.system.deps);
      const p = await insuredPerson(t, 'Till', 'Wendehals');
      await db.deleteFrom('insured_persons').where('id', '=', p.id).execute();

      const gone = { name: 'Versicherte Person', gone: true };
      const [viewed, login, approved] = await people.resolve(insuredEntries(p.id));
      assert.deepEqual(viewed!.subject, { ref: p.id, ...gone });
      assert.deepEqual(login!.actor, { ref: `insured:${p.id}`, ...gone });
      assert.deepEqual(approved!.subject, { ref: p.id, ...gone });
      const [refused] = await people.resolve([{ actor: `staff:${newId()}`, action: 'insured.denied', subject: p.id, outcome: 'denied' }]);
      assert.equal(refused!.subject!.detail, 'unbekannt', 'a refused id is unknown, not deleted');
    });
  });
}
