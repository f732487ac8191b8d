import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { main as pforte } from '../../../src/cli.ts';
import { approve, discover, exchange, loopbackForSuite, registeredPerson, startLogin, verifiedJwt } from './support.ts';

for (const kind of databaseKinds) {
  describe(`pforte ident-keys rotate (${kind})`, () => {
    const t = testSystemFor(kind);
    const callback = loopbackForSuite();
    let insuredId: string;
    before(async () => {
      insuredId = await registeredPerson(t, 'K220645122');
    });

    const lines: string[] = [];
    const run = (args: string[]) => pforte(['ident-keys', 'rotate', ...args], { database: t.database.handle, fileKey: t.system.deps.fileKey, clock: t.clock, out: (l) => lines.push(l) });
    const published = async () => ((await (await fetch(`${t.baseUrl}/ident/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const idToken = async () => {
      const config = await discover(t);
      const login = await startLogin(t, config, `${callback().base}/callback`);
      return (await exchange(config, login, await approve(t, login, insuredId))).id_token!;
    };
    const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;
    const rotations = () => t.system.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'ident.keys_rotated').where('actor', '=', 'operator:cli').execute();

    test('plain: a successor is published, the key before goes on signing (the normal overlap)', async () => {
      const before = kidOf(await idToken());
      assert.equal(await run([]), 0, lines.join('\n'));
      assert.equal((await published()).length, 2);
      assert.equal(kidOf(await idToken()), before);
      assert.equal((await rotations()).at(-1)!.data.mode, 'overlap');
    });

    test('--immediately: a new key signs at once, the one before stays published', async () => {
      const before = kidOf(await idToken());
      assert.equal(await run(['--immediately']), 0, lines.join('\n'));
      const now = await idToken();
      assert.notEqual(kidOf(now), before);
      assert.ok((await published()).includes(before));
      await verifiedJwt(t, now);
    });

    test('--retire KID: the suspect key leaves the JWKS at once and what it signed no longer verifies', async () => {
      const suspect = await idToken();
      const kid = kidOf(suspect);
      await verifiedJwt(t, suspect);
      assert.equal(await run(['--retire', kid]), 0, lines.join('\n'));
      assert.ok(!(await published()).includes(kid));
      await assert.rejects(verifiedJwt(t, suspect));
      const fresh = await idToken();
      assert.notEqual(kidOf(fresh), kid);
      await verifiedJwt(t, fresh);
      const entry = (await rotations()).at(-1)!;
      assert.equal(entry.data.mode, 'retire');
      assert.deepEqual(entry.data.removed, [kid]);
      assert.equal(await run(['--retire', 'unbekannt']), 1);
      assert.equal(await run(['--retire', kid, '--immediately']), 2);
    });
  });
}
