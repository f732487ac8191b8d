import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { activatedProvider, completedProviderRegistration, provider, SECOND_IK } from '../../support/partner-journeys.ts';
import { mailsTo, waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { signedInStaff } from '../../support/staff.ts';
import type { FormClient } from '../../support/browser-client.ts';

const DAY = 24 * 3_600_000;

/** "IK-Nummer hinzufügen" in IK-Verwaltung; returns the request's id from the address it leads to. */
async function requestIk(c: FormClient, ik: string): Promise<string> {
  await c.get('/partner/ik-verwaltung');
  await c.postForm({ ik }, '/partner/ik-verwaltung');
  assert.match(c.lastUrl, /\/partner\/ik-verwaltung\/[\w-]+\?hinweis=hinzugefuegt/, c.text().slice(0, 300));
  return c.lastUrl.match(/ik-verwaltung\/([\w-]+)\?/)![1]!;
}

async function uploadCertificate(c: FormClient, id: string) {
  await c.postFiles(`/partner/ik-verwaltung/${id}/upload`, [{ name: 'Bescheinigung.pdf', bytes: await samplePdf('IK') }]);
  assert.match(c.lastUrl, /hinweis=hochgeladen/);
}

for (const kind of databaseKinds) {
  describe(`IK requests without squatting (${kind})`, () => {
    let t: TestSystem;
    let owner: Awaited<ReturnType<typeof activatedProvider>>;
    let squatter: Awaited<ReturnType<typeof activatedProvider>>;
    before(async () => {
      t = await startTestSystem(kind);
      owner = await activatedProvider(t, provider({ ik: '510145219' }));
      squatter = await activatedProvider(t, provider({ ik: '300145377' }));
    });
    after(() => t.close());

    const statusOf = async (id: string) => (await t.system.deps.db.selectFrom('provider_iks').select('status').where('id', '=', id).executeTakeFirst())?.status;

    it('a provider requesting an IK another provider manages gets the answer of a free IK; the IK stays with its owner', async () => {
      const id = await requestIk(squatter.client, '510145219');
      assert.doesNotMatch(squatter.client.text(), /anderen|bereits verwaltet|vergeben/);
      await requestIk(squatter.client, '450146027');
      const held = await t.system.deps.db.selectFrom('provider_iks').select(['company', 'status']).where('ik', '=', '510145219').where('status', '=', 'active').execute();
      assert.deepEqual(held, [{ company: '510145219', status: 'active' }]);
      // staff see the request next to the provider that manages the IK and cannot activate it
      await uploadCertificate(squatter.client, id);
      const staff = await signedInStaff(t, 'admin');
      await staff.get(`/backoffice/ik-nummern/${id}`);
      assert.match(staff.text(), /Konkurrierende Anträge für diese IK-Nummer/);
      assert.match(staff.text(), /verwaltet von Leistungserbringer 510145219/);
      await staff.postForm({}, `/backoffice/ik-nummern/${id}/freischalten`);
      assert.equal(staff.lastStatus, 409);
      assert.match(staff.text(), /bereits von einem anderen Leistungserbringer verwaltet/);
      assert.equal(await statusOf(id), 'requested');
    });

    it('competing requests: staff see them all, the first activated wins, the other is refused with a mail that names no one', async () => {
      const mine = await requestIk(owner.client, SECOND_IK);
      const theirs = await requestIk(squatter.client, SECOND_IK);
      await uploadCertificate(owner.client, mine);
      await uploadCertificate(squatter.client, theirs);
      const hb = (await t.system.deps.ikRegister.lookup(SECOND_IK))!.insurerId!;
      const staff = await signedInStaff(t, 'clerk', hb);
      await staff.get('/backoffice/ik-nummern');
      assert.equal((staff.text().match(/Konkurrierende Anträge für diese IK-Nummer/g) ?? []).length, 2, 'both requests marked');
      await staff.get(`/backoffice/ik-nummern/${mine}`);
      assert.match(staff.text(), /beantragt von Leistungserbringer 300145377/);
      await staff.postForm({}, `/backoffice/ik-nummern/${mine}/freischalten`);
      assert.match(staff.lastUrl, /hinweis=freigeschaltet/);
      assert.equal(await statusOf(mine), 'active');
      assert.equal(await statusOf(theirs), 'rejected');
      const refusal = await waitForMail(t.baseUrl, squatter.fields.email, { subject: `IK-Nummer ${SECOND_IK} nicht freigeschaltet` });
      assert.match(refusal.text, /einem anderen Antrag zugeordnet/);
      assert.doesNotMatch(refusal.text, /510145219|Keller|le-admin/i);
      // the refused request offers no activation, and a forged one changes nothing
      await staff.get(`/backoffice/ik-nummern/${theirs}`);
      assert.doesNotMatch(staff.text(), /Freischalten/);
      const forged = await staff.request('POST', `/backoffice/ik-nummern/${theirs}/freischalten`, new URLSearchParams({ _csrf: staff.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(forged.status, 409);
      assert.equal(await statusOf(theirs), 'rejected');
    });

    it("the real owner's registration is not blocked by a request: on activation the IK is theirs and the request is refused", async () => {
      const squat = await requestIk(squatter.client, '520233250');
      const before = (await mailsTo(t.baseUrl, squatter.fields.email)).length;
      const reg = await completedProviderRegistration(t, provider({ ik: '520233250' }));
      const insurerId = (await t.system.deps.ikRegister.lookup('520233250'))!.insurerId!;
      const staff = await signedInStaff(t, 'clerk', insurerId);
      await staff.get(`/backoffice/registrierungen/${reg.registrationId}`);
      await staff.postForm({}, `/backoffice/registrierungen/${reg.registrationId}/aktivieren`);
      assert.match(staff.lastUrl, /aktiviert=1/);
      const held = await t.system.deps.db.selectFrom('provider_iks').select('company').where('ik', '=', '520233250').where('status', '=', 'active').execute();
      assert.deepEqual(held, [{ company: '520233250' }]);
      assert.equal(await statusOf(squat), 'rejected');
      await waitForMail(t.baseUrl, squatter.fields.email, { subject: 'IK-Nummer 520233250 nicht freigeschaltet' });
      assert.equal((await mailsTo(t.baseUrl, squatter.fields.email)).length, before + 1);
    });

    it('a request without a certificate expires after 30 days in the housekeeping sweep; the provider may request again', async () => {
      const id = await requestIk(squatter.client, '460146880');
      const kept = await requestIk(squatter.client, '330233103');
      await uploadCertificate(squatter.client, kept);
      t.clock.advance(29 * DAY);
      await t.system.jobs.housekeeping();
      assert.equal(await statusOf(id), 'requested', 'still there on day 29');
      t.clock.advance(1 * DAY + 1000);
      await t.system.jobs.housekeeping();
      assert.equal(await statusOf(id), undefined, 'gone after 30 days without a certificate');
      assert.equal(await statusOf(kept), 'requested', 'a request with its certificate waits for staff');
      const audit = await t.system.deps.db.selectFrom('audit_log').select('action').where('subject', '=', '460146880').where('action', '=', 'provider_ik.request_expired').execute();
      assert.equal(audit.length, 1);
      // the owner of the IK can request it now (the sessions of this test have long ended: through the service)
      await t.system.deps.providerIks.request({ accountId: owner.accountId, company: '510145219' }, '460146880', null);
    });
  });
}
