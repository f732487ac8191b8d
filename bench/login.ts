// Full logins per second (password + security code read by a simulated app, over HTTP,
// concurrent clients) next to the raw argon2id verify rate with the same parameters,
// both measured in this run on this machine.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { hashPassword, verifyPassword } from '../src/core/passwords/passwords.ts';
import type { TestSystem } from '../test/support/system.ts';
import { FormClient } from '../test/support/browser-client.ts';
import { PASSWORD, person, readActivationCode, registerAndConfirm } from '../test/support/journeys.ts';
import { main as pforte } from '../src/cli.ts';

const PIN = '470815';

interface BenchAccount {
  email: string;
  token: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function api(baseUrl: string, path: string, body?: unknown, token?: string, method = 'POST') {
  const r = await fetch(`${baseUrl}/api/authenticator${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return (await r.json()) as Record<string, any>;
}

/** An activated employer whose simulated app is logged in and can read codes. */
async function prepare(t: TestSystem): Promise<BenchAccount> {
  const fields = person();
  const { client } = await registerAndConfirm(t, fields);
  const code = await readActivationCode(client);
  const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { deviceId } = await api(t.baseUrl, '/activate', { email: fields.email, activationCode: code, pin: PIN, publicKey: keys.publicKey.export({ format: 'jwk' }) });
  await pforte(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: () => {} });
  const token = await appLogin(t.baseUrl, deviceId, keys.privateKey);
  return { email: fields.email, token };
}

async function appLogin(baseUrl: string, deviceId: string, key: KeyObject): Promise<string> {
  const { nonce } = await api(baseUrl, '/challenge');
  const signature = sign('sha256', Buffer.from(`pforte-authenticator:login:${nonce}:${deviceId}`), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return (await api(baseUrl, '/login', { deviceId, nonce, signature, pin: PIN })).token;
}

async function fullLogin(t: TestSystem, account: BenchAccount): Promise<void> {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/login');
  await c.postForm({ email: account.email, password: PASSWORD }, '/arbeitgeber/login');
  if (!c.lastUrl.includes('/sicherheitscode')) throw new Error(`password step failed: ${c.lastStatus}`);
  const { code } = await api(t.baseUrl, '/code', undefined, account.token, 'GET');
  await c.postForm({ code }, '/sicherheitscode');
  if (!c.lastUrl.endsWith('/startseite')) throw new Error(`code step failed: ${c.lastStatus}`);
}

async function run(concurrency: number, durationMs: number, task: (worker: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await task(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, n: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchLogin(t: TestSystem, durationMs: number) {
  const concurrency = Number(process.env.BENCH_CLIENTS ?? 8);
  const accounts: BenchAccount[] = [];
  for (let i = 0; i < concurrency; i++) accounts.push(await prepare(t));
  for (const a of accounts) await fullLogin(t, a); // warm-up

  const hash = await hashPassword(PASSWORD);
  const raw = await run(concurrency, durationMs, async () => {
    if (!(await verifyPassword(hash, PASSWORD))) throw new Error('verify failed');
  });
  const logins = await run(concurrency, durationMs, (worker) => fullLogin(t, accounts[worker]!));

  console.log(`\nLogin: ${concurrency} concurrent clients, ${durationMs} ms each, argon2id m=19456 t=2 p=1`);
  console.log(`  raw argon2id verify (baseline)   ${raw.rate.toFixed(1).padStart(7)} /s   p50 ${raw.p50.toFixed(1)} ms   p99 ${raw.p99.toFixed(1)} ms   (n=${raw.n})`);
  console.log(`  full login over HTTP             ${logins.rate.toFixed(1).padStart(7)} /s   p50 ${logins.p50.toFixed(1)} ms   p99 ${logins.p99.toFixed(1)} ms   (n=${logins.n})`);
  console.log(`  ratio full login / raw verify    ${((logins.rate / raw.rate) * 100).toFixed(0)} %`);
  return { raw, logins };
}
