import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { openDatabase } from '../../../src/core/db/database.ts';
import { freePort, startServerProcess, stopServerProcess } from '../../support/server-process.ts';

async function register(base: string, email: string): Promise<void> {
  const c = new FormClient(base);
  await c.get('/arbeitgeber/registrierung');
  await c.postForm(
    { insurerId: 'plus', betriebsnummer: '98094032', salutation: 'keine Angabe', title: '', firstName: 'Kim', lastName: 'Lindner', email, password: 'Ein-ganz-langes-Passwort-9', passwordRepeat: 'Ein-ganz-langes-Passwort-9', termsAccepted: 'ja', privacyAccepted: 'ja' },
    '/arbeitgeber/registrierung',
  );
  if (!c.lastUrl.includes('/registrierung/email-bestaetigen')) throw new Error(`registration of ${email} ended at ${c.lastUrl} (${c.lastStatus})`);
}

for (const kind of databaseKinds) {
  test(`mail after a crash › the server is killed during registrations › after the restart every committed registration gets its mail (${kind})`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pforte-crash-'));
    let database: TestDatabase | undefined;
    let child: ChildProcess | undefined;
    try {
      const env: Record<string, string> = { PFORTE_DATA_DIR: dataDir, PORT: String(await freePort()), MAILBOX_SMTP_PORT: String(await freePort()) };
      if (kind === 'postgres') {
        database = await createTestDatabase('postgres');
        Object.assign(env, { DATABASE_URL: database.url!, FILE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), SESSION_SECRET: randomBytes(32).toString('base64url') });
      }
      const base = `http://127.0.0.1:${env.PORT}`;
      const stamp = Date.now();
      const emails = Array.from({ length: 12 }, (_, i) => `absturz${i}.${stamp}@example.de`);
      const answered: string[] = [];

      child = (await startServerProcess({ TRUST_PROXY: 'true', ...env })).child;
      const running = child;
      // three browsers register one after another; the server is killed after the fourth answer,
      // while the others are in the middle of their request
      let next = 0;
      let killed = false;
      const worker = async () => {
        while (!killed && next < emails.length) {
          const email = emails[next++]!;
          try {
            await register(base, email);
            answered.push(email);
            if (answered.length === 4 && !killed) {
              killed = true;
              running.kill('SIGKILL');
            }
          } catch {
            // cut off by the kill: committed or not, the database says
          }
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      await stopServerProcess(running, 'SIGKILL');
      assert.ok(answered.length >= 4);

      child = (await startServerProcess({ TRUST_PROXY: 'true', ...env })).child;
      // PGlite: one process per data directory, so the restart takes over a killed process's jobs at once;
      // PostgreSQL: other processes may live, so such a job waits for its expiry (60 s) and the next maintenance
      const patience = kind === 'pglite' ? 60_000 : 240_000;
      for (const email of answered) await waitForMail(base, email, { subject: 'Bestätigung', timeoutMs: patience });
      // a request cut off by the kill may have committed: its mail comes like the others
      await Promise.all(emails.filter((e) => !answered.includes(e)).map((e) => waitForMail(base, e, { subject: 'Bestätigung', timeoutMs: 15_000 }).catch(() => null)));
      await stopServerProcess(child, 'SIGTERM');
      child = undefined;

      const handle = kind === 'postgres' ? await openDatabase({ url: database!.url }) : await openDatabase({ dataDir });
      try {
        const committed = (await handle.db.selectFrom('accounts').select('email_normalized').where('email_normalized', 'like', `absturz%.${stamp}@example.de`).execute()).map((r) => r.email_normalized);
        const caught = (await handle.db.selectFrom('mailbox_messages').select('recipients').where('recipients', 'like', `%.${stamp}@example.de%`).execute()).map((r) => r.recipients);
        for (const email of answered) assert.ok(committed.includes(email), `${email} was answered but not stored`);
        for (const email of committed) assert.ok(caught.some((r) => r.includes(email)), `${email} registered, but no mail arrived`);
        const unsent = await handle.db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute();
        assert.equal(unsent.length, 0, 'no mail is left in the outbox');
      } finally {
        await handle.close();
      }
    } finally {
      if (child) await stopServerProcess(child, 'SIGKILL');
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
