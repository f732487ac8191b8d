import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { createSigningKeys } from '../../../src/modules/ident-provider/signing-keys.ts';
import { createIdentProvider } from '../../../src/modules/ident-provider/provider.ts';
import { ACR_HIGH } from '../../../src/modules/ident-provider/provider-config.ts';
import { approve, discover, exchange, loopbackForSuite, registeredPerson, startLogin, verifiedJwt } from './support.ts';

async function publishedKids(baseUrl: string): Promise<string[]> {
  const { keys } = (await (await fetch(`${baseUrl}/ident/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
  assert.ok(keys.every((k) => k.d === undefined), 'no private part is published');
  return keys.map((k) => k.kid).sort();
}

for (const kind of databaseKinds) {
  describe(`AOK Ident: signing keys and storage (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    let insuredId: string;
    before(async () => {
      insuredId = await registeredPerson(t, 'G789012344');
    });

    async function idTokenKid(): Promise<string> {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      const tokens = await exchange(config, login, await approve(t, login, insuredId));
      return String((await verifiedJwt(t, tokens.id_token!)).header.kid);
    }

    test('the first key is made on first use; its private half is stored encrypted, never published', async () => {
      const [first] = await publishedKids(t.baseUrl);
      const row = await t.system.deps.db.selectFrom('ident_signing_keys').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.kid, first);
      assert.equal(row.alg, 'ES256');
      const provider = await t.system.deps.ident.keys.load({ kids: [row.kid], signing: row.kid });
      const d = provider[0]!.jwk.d!;
      assert.ok(d.length > 20);
      assert.equal(Buffer.from(row.private_key).includes(Buffer.from(d)), false, 'the private key is not in the row in clear');
      const wrongKey = createSigningKeys({ db: t.system.deps.db, clock: t.clock, fileKey: randomBytes(32) });
      await assert.rejects(wrongKey.load({ kids: [row.kid], signing: row.kid }), /authenticated/);
    });

    test('on a clock that moves between two readings (the system clock), the first key and a rotation are made', async () => {
      let ms = t.clock.now().getTime();
      const moving = { now: () => new Date((ms += 7)) };
      const { db, fileKey } = t.system.deps;
      const kept = await db.selectFrom('ident_signing_keys').selectAll().execute();
      await db.deleteFrom('ident_signing_keys').execute();
      const keys = createSigningKeys({ db, clock: moving, fileKey });
      assert.equal((await keys.state()).kids.length, 1);
      assert.ok((await keys.rotate({ force: true })).added);
      await db.deleteFrom('ident_signing_keys').execute();
      await db.insertInto('ident_signing_keys').values(kept.map((k) => ({ ...k, public_jwk: JSON.stringify(k.public_jwk) }))).execute();
    });

    test('rotation: the new key is published a day before it signs, the old one stays a day after', async () => {
      const [old] = await publishedKids(t.baseUrl);
      assert.deepEqual(await t.system.deps.ident.keys.rotate(), { added: null, removed: [] }, 'not yet due');
      t.clock.advance(90 * DAY);
      await t.system.jobs.housekeeping();
      const kids = await publishedKids(t.baseUrl);
      assert.equal(kids.length, 2);
      const fresh = kids.find((k) => k !== old)!;
      assert.equal(await idTokenKid(), old, 'published, not yet signing');
      t.clock.advance(DAY);
      assert.equal(await idTokenKid(), fresh);
      assert.deepEqual(await publishedKids(t.baseUrl), kids, 'the old key still verifies');
      await t.system.jobs.housekeeping();
      assert.equal((await publishedKids(t.baseUrl)).length, 2);
      t.clock.advance(DAY);
      await t.system.jobs.housekeeping();
      assert.deepEqual(await publishedKids(t.baseUrl), [fresh]);
    });

    test('a second process on the same database: same keys, and a login started here is approved there', async () => {
      const { db, audit, config } = t.system.deps;
      const second = createIdentProvider({ db, clock: t.clock, audit, config, fileKey: t.system.deps.fileKey, secret: t.system.deps.hmacKey });
      const state = await second.keys.state();
      assert.deepEqual(state.kids, await publishedKids(t.baseUrl));
      const client = await discover(t);
      const login = await startLogin(t, client, `${callback().base}/callback`);
      await second.completeLogin(login.uid, insuredId, { acr: ACR_HIGH, amr: ['mfa'] });
      await login.browser.get(`/ident/interaction/${login.uid}`);
      const link = /<a class="button" href="([^"]+)"/.exec(login.browser.lastHtml)![1]!;
      await login.browser.get(link.replace(/&amp;/g, '&'));
      const tokens = await exchange(client, login, new URL(login.browser.lastUrl));
      assert.equal(tokens.claims()?.kvnr, 'G789012344');
    });

    test('housekeeping deletes what expired and keeps what lives', async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      await exchange(config, login, await approve(t, login, insuredId));
      const count = async () => Number((await t.system.deps.db.selectFrom('ident_oidc_entries').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      assert.ok(before > 0);
      await t.system.jobs.housekeeping();
      assert.ok((await count()) > 0, 'the login lives on');
      t.clock.advance(121 * 60_000);
      await t.system.jobs.housekeeping();
      assert.equal(await count(), 0);
    });
  });
}
