import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem, testSystemFor } from '../../support/system.ts';
import { isLoopbackHost } from '../../../src/core/mail/mailbox-key.ts';
import { freePort } from '../../support/server-process.ts';

const mail = { subject: 'Passwort zurücksetzen', text: 'Link: https://pforte.example/arbeitgeber/passwort-zuruecksetzen?token=geheim-456', html: '<p>Link</p>' };

async function caught(t: TestSystem, subject: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const row = await t.system.deps.db.selectFrom('mailbox_messages').select('id').where('subject', '=', subject).executeTakeFirst();
    if (row) return String(row.id);
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('the mail was not caught');
}

test('mailbox key › loopback addresses need none, every other address does', () => {
  for (const host of ['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'pforte.example', '128.0.0.1', '::2']) assert.equal(isLoopbackHost(host), false, host);
});

for (const kind of databaseKinds) {
  describe(`embedded mailbox on a server reachable from the network (${kind})`, () => {
    let t: TestSystem;
    let key: string;
    let mailId: string;
    before(async () => {
      t = await startTestSystem(kind, { HOST: '0.0.0.0' });
      key = t.system.mailboxKey!;
      await t.system.deps.mailer.send('opfer@example.de', mail);
      mailId = await caught(t, mail.subject);
    });
    after(async () => {
      await t?.close();
    });

    test('mailbox › without the key › every mailbox address answers 404 and shows no mail', async () => {
      assert.match(key, /^[A-Za-z0-9_-]{32}$/, 'a random key was made');
      for (const path of ['/mailbox', `/mailbox/${mailId}`, `/mailbox/${mailId}/html`, '/mailbox/api/messages', `/mailbox/api/messages/${mailId}`, '/mailbox?key=falsch', `/mailbox/api/messages?key=${key}x`]) {
        const r = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual' });
        assert.equal(r.status, 404, path);
        const body = await r.text();
        assert.ok(!body.includes('geheim-456') && !body.includes('opfer@example.de') && !body.includes('Posteingang'), `${path} shows mailbox content`);
      }
      // a forged cookie does not help either
      const forged = await fetch(`${t.baseUrl}/mailbox`, { headers: { cookie: `pforte_mailbox=${key}` } });
      assert.equal(forged.status, 404);
    });

    test('mailbox › the key once in the address › a cookie for /mailbox keeps it and the key leaves the address', async () => {
      const first = await fetch(`${t.baseUrl}/mailbox?key=${key}`, { redirect: 'manual' });
      assert.equal(first.status, 303);
      assert.equal(first.headers.get('location'), '/mailbox');
      const setCookie = first.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /pforte_mailbox=/);
      assert.match(setCookie, /Path=\/mailbox/);
      assert.match(setCookie, /HttpOnly/);
      assert.ok(!setCookie.includes(key), 'the cookie holds a proof, not the key');
      const cookie = setCookie.split(';')[0]!;
      const inbox = await fetch(`${t.baseUrl}/mailbox`, { headers: { cookie } });
      assert.equal(inbox.status, 200);
      const html = await inbox.text();
      assert.match(html, /Testpostfach/);
      assert.match(html, /Test-Mailservers \(SMTP-Catcher\)/);
      assert.match(html, /Passwort zurücksetzen/);
      const detail = await fetch(`${t.baseUrl}/mailbox/${mailId}`, { headers: { cookie } });
      assert.equal(detail.status, 200);
      const detailHtml = await detail.text();
      assert.match(detailHtml, /Testpostfach/);
      assert.match(detailHtml, /geheim-456/);
    });

    test('mailbox › the JSON API › takes the key on each call', async () => {
      const list = await fetch(`${t.baseUrl}/mailbox/api/messages?key=${key}`);
      assert.equal(list.status, 200);
      const messages = (await list.json()) as { id: string; subject: string }[];
      assert.ok(messages.some((m) => m.id === mailId));
      const one = await fetch(`${t.baseUrl}/mailbox/api/messages/${mailId}?key=${key}`);
      assert.equal(one.status, 200);
    });
  });

  describe(`embedded mailbox on loopback (${kind})`, () => {
    const t = testSystemFor(kind);

    test('mailbox › on 127.0.0.1 › open without a key, and still says it is a test mailbox', async () => {
      assert.equal(t.system.mailboxKey, null);
      const r = await fetch(`${t.baseUrl}/mailbox`);
      assert.equal(r.status, 200);
      assert.match(await r.text(), /Testpostfach/);
      assert.equal((await fetch(`${t.baseUrl}/mailbox/api/messages`)).status, 200);
    });
  });
}

describe('npm start with HOST=0.0.0.0', () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pforte-mailbox-'));
  });
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('npm start › prints the mailbox address with its key, which opens the mailbox; without it 404', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, HOST: '0.0.0.0', PORT: String(port), MAILBOX_SMTP_PORT: String(await freePort()), PFORTE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 90_000);
        const check = () => {
          const m = out.match(/Postfach \(Mailbox\):\s+(\S+)/);
          if (m && out.includes('Backoffice:')) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout!.on('data', check);
        child.on('exit', () => reject(new Error(`exited: ${out}`)));
      });
      const url = new URL(line);
      const printedKey = url.searchParams.get('key');
      assert.ok(printedKey && printedKey.length >= 16, `no key in ${line}`);
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/mailbox`)).status, 404);
      const opened = await fetch(`${base}/mailbox?key=${printedKey}`, { redirect: 'manual' });
      assert.equal(opened.status, 303);
      const inbox = await fetch(`${base}/mailbox`, { headers: { cookie: (opened.headers.get('set-cookie') ?? '').split(';')[0]! } });
      assert.equal(inbox.status, 200);
      assert.match(await inbox.text(), /Testpostfach/);
    } finally {
      await new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  });
});
