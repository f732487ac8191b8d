import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';

/**
 * Behind one load balancer (TRUST_PROXY=true) the client's address is the entry the balancer
 * appended to X-Forwarded-For, the last one. What the client wrote in front of it is not believed:
 * otherwise every request could name a new address and the per-address limits, the audit log and
 * the code mails would say what the client wants.
 */
for (const kind of databaseKinds) {
  describe(`X-Forwarded-For behind one proxy (${kind})`, () => {
    const t = testSystemFor(kind);

    const challenge = (forwardedFor: string) =>
      t.system.app.inject({ method: 'POST', url: '/api/authenticator/challenge', headers: { 'x-forwarded-for': forwardedFor, 'content-type': 'application/json' }, payload: '{}' });

    test('a new address written in front of the balancer\'s each time still counts against the client\'s own: the 61st challenge is refused', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await challenge(`198.51.100.${i}, 203.0.113.5`)).statusCode);
      assert.deepEqual(statuses.slice(0, 60), Array(60).fill(200));
      assert.equal(statuses[60], 429);
    });

    test('the address the balancer appended is the one counted: another client behind it is not refused', async () => {
      assert.equal((await challenge('203.0.113.5, 203.0.113.6')).statusCode, 200);
    });
  });
}
