import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { jobmasterAccount } from '../jobmaster-login/accounts.ts';

for (const kind of databaseKinds) {
  describe(`Backoffice › Zugänge › Jobmaster employers (${kind})`, () => {
    const t = testSystemFor(kind);

    test('an employer account is found by its Betriebsnummer and shows it, in its insurer’s scope only', async () => {
      const { db } = t.system.deps;
      const account = await jobmasterAccount(db, { role: 'employer', insurerId: 'by' });
      // as the registration stores it: the employer's id is the account's company, the insurer is on the account too
      const { company } = await db.selectFrom('accounts').select('company').where('id', '=', account.id).executeTakeFirstOrThrow();
      await db.updateTable('accounts').set({ company_insurer_id: 'by' }).where('id', '=', account.id).execute();
      await db.updateTable('jobmaster_employers').set({ betriebsnummer: '55512340' }).where('id', '=', company!).execute();

      const admin = await signedInStaff(t, 'admin');
      for (const term of ['55512340', '5551234']) {
        await admin.get(`/backoffice/zugaenge?q=${term}`);
        assert.equal(admin.lastStatus, 200);
        assert.ok(admin.text().includes(account.email), `found by ${term}`);
        assert.ok(admin.text().includes('55512340'), 'the row shows the Betriebsnummer');
        assert.ok(!admin.lastHtml.includes(company!), 'not the employer’s id');
      }
      await admin.get(`/backoffice/zugaenge/${account.id}`);
      assert.match(admin.text(), /Betriebsnummer\s*55512340/);

      const clerk = await signedInStaff(t, 'clerk', 'by');
      await clerk.get('/backoffice/zugaenge?q=55512340');
      assert.ok(clerk.text().includes(account.email));
      const other = await signedInStaff(t, 'clerk', 'he');
      await other.get('/backoffice/zugaenge?q=55512340');
      assert.ok(!other.text().includes(account.email), 'another insurer’s clerk does not find it');
      assert.match(other.text(), /Keine Zugänge gefunden/);
    });
  });
}
