import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { approve, discover, exchange, loopbackForSuite, registeredPerson, startLogin } from './support.ts';

for (const kind of databaseKinds) {
  describe(`AOK Ident logs a replayed code that lost the race (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    let insuredId: string;
    before(async () => {
      insuredId = await registeredPerson(t, 'K220645122');
    });

    test('two exchanges of one code at once: the login ends, and its end is in the log once', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const back = await approve(t, login, insuredId);
      const results = await Promise.allSettled([exchange(config, login, back), exchange(config, login, back)]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const { db } = t.system.deps;
      const approved = await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.login_approved').orderBy('id', 'desc').executeTakeFirstOrThrow();
      // the log is written after the answer; give it a moment
      let revoked: { actor: string; subject: string | null; data: Record<string, unknown> }[] = [];
      for (let i = 0; i < 50 && revoked.length === 0; i++) {
        revoked = (await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.grant_revoked').execute()).filter((r) => r.data.grant === approved.data.grant);
        if (revoked.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      revoked = (await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.grant_revoked').execute()).filter((r) => r.data.grant === approved.data.grant);
      assert.equal(revoked.length, 1);
      assert.equal(revoked[0]!.actor, 'client:pforte-epa');
      assert.equal(revoked[0]!.data.route, 'token');
    });

    test('the use that finds the code taken by the other (the adapter ends the grant) writes the entry itself', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const back = await approve(t, login, insuredId);
      const code = back.searchParams.get('code')!;
      const adapter = (await t.system.deps.ident.provider()).AuthorizationCode.adapter;
      // both found it unused; the first marks it, the second finds nothing left to mark
      await adapter.consume(code);
      await assert.rejects(adapter.consume(code), { message: 'invalid_grant' });
      const { db } = t.system.deps;
      const approved = await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.login_approved').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const revoked = (await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.grant_revoked').execute()).filter((r) => r.data.grant === approved.data.grant);
      assert.equal(revoked.length, 1);
      assert.equal(revoked[0]!.actor, 'client:pforte-epa');
      assert.equal(revoked[0]!.subject, insuredId);
      // a third use finds the grant gone: nothing more to log
      await assert.rejects(adapter.consume(code), { message: 'invalid_grant' });
      assert.equal((await db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.grant_revoked').execute()).filter((r) => r.data.grant === approved.data.grant).length, 1);
    });
  });
}
