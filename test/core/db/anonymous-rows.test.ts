import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { z } from 'zod';
import { defineFlow } from '../../../src/core/flows/engine.ts';
import { HOUR } from '../../../src/core/clock/clock.ts';

async function countFlows(t: TestSystem, kind?: string): Promise<number> {
  let q = t.system.deps.db.selectFrom('flows').select((eb) => eb.fn.countAll<string>().as('n'));
  if (kind) q = q.where('kind', '=', kind);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

const sweepFlow = defineFlow({ kind: 'sweep_demo', initial: 'open', transitions: { open: [] }, ttlMs: { open: 60_000 }, data: z.object({}) });

for (const kind of databaseKinds) {
  describe(`anonymous requests store bounded rows (${kind})`, () => {
    const t = testSystemFor(kind);

    test('anonymous rows › 2,000 challenge calls from one address › 60 stored, the rest 429 with the API error', async () => {
      const before = await countFlows(t, 'app_challenge');
      const statuses = new Map<number, number>();
      let refused: Record<string, unknown> | undefined;
      for (let i = 0; i < 2000; i++) {
        const r = await t.system.app.inject({ method: 'POST', url: '/api/authenticator/challenge', headers: { 'x-forwarded-for': '198.51.100.7', 'content-type': 'application/json' }, payload: '{}' });
        statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        if (r.statusCode === 429) refused ??= r.json();
      }
      assert.deepEqual(Object.fromEntries(statuses), { 200: 60, 429: 1940 });
      assert.equal(refused?.error, 'request.rate_limited');
      assert.match(String(refused?.message), /Anfragen|Versuche/);
      assert.equal((await countFlows(t, 'app_challenge')) - before, 60);
      // another address still gets its challenge
      const other = await t.system.app.inject({ method: 'POST', url: '/api/authenticator/challenge', headers: { 'x-forwarded-for': '198.51.100.8' } });
      assert.equal(other.statusCode, 200);
    });

    test('anonymous rows › a GET of every form page and of the back office writes no flow', async () => {
      const pages = [
        '/arbeitgeber/registrierung',
        '/partner/registrierung',
        '/arbeitgeber/login',
        '/partner/login',
        '/arbeitgeber/passwort-vergessen',
        '/partner/passwort-vergessen',
        '/partner/cookies',
        '/partner/barriere-melden',
        '/backoffice/login',
        '/backoffice/registrierungen',
      ];
      const before = await countFlows(t);
      for (const page of pages) {
        let url = page;
        // follow the redirect to the page with its flow, as a browser does
        for (let hop = 0; hop < 3; hop++) {
          const r = await t.system.app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': '198.51.100.20' } });
          assert.ok(r.statusCode < 400, `${url} → ${r.statusCode}`);
          if (r.statusCode !== 303 && r.statusCode !== 302) break;
          url = String(r.headers.location);
        }
        assert.equal(await countFlows(t), before, `${page} wrote a flow`);
      }
    });

    test('anonymous rows › a changed form id is answered with a fresh form, not an error', async () => {
      const first = await t.system.app.inject({ method: 'GET', url: '/arbeitgeber/registrierung' });
      const id = new URL(String(first.headers.location), 'http://x').searchParams.get('flow')!;
      const forged = (id[0] === 'A' ? 'B' : 'A') + id.slice(1);
      const r = await t.system.app.inject({ method: 'GET', url: `/arbeitgeber/registrierung?flow=${forged}` });
      assert.equal(r.statusCode, 303);
      assert.match(String(r.headers.location), /abgelaufen=1/);
      // a form opened three hours ago has expired the same way
      t.clock.advance(3 * HOUR);
      const late = await t.system.app.inject({ method: 'GET', url: `/arbeitgeber/registrierung?flow=${id}` });
      assert.equal(late.statusCode, 303);
      assert.match(String(late.headers.location), /abgelaufen=1/);
    });

    test('anonymous rows › the cookie notice accepted again and again from one address › 30 sessions stored, then 429', async () => {
      const sessionsNow = async () => Number((await t.system.deps.db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await sessionsNow();
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        // a fresh browser each time: no cookie, so each acceptance would store a session
        const c = new FormClient(t.baseUrl, '198.51.100.40');
        await c.get('/partner/cookies');
        const r = await c.postForm({}, '/partner/cookies');
        statuses.push(r.status);
      }
      assert.equal(statuses.filter((s) => s === 429).length, 2);
      assert.equal((await sessionsNow()) - before, 30);
    });

    test('housekeeping › 1,200 expired flows › one run deletes all of them', async () => {
      for (let i = 0; i < 1200; i++) await t.system.deps.flows.create(sweepFlow, {});
      assert.equal(await countFlows(t, 'sweep_demo'), 1200);
      t.clock.advance(2 * 60_000);
      await t.system.jobs.housekeeping();
      assert.equal(await countFlows(t, 'sweep_demo'), 0);
    });
  });
}
