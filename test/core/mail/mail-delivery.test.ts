import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { signedInStaff } from '../../support/staff.ts';
import { createMailer } from '../../../src/core/mail/outbox.ts';
import { startMailCatcher } from '../../../src/core/mail/catcher.ts';
import { main as pforte } from '../../../src/cli.ts';
import { freePort } from '../../support/server-process.ts';

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited in vain for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const secretLink = 'https://pforte.example/arbeitgeber/registrierung/bestaetigung?token=geheim-123';
const message = { subject: 'Bestätigung Ihrer E-Mail-Adresse', text: `Bitte bestätigen: ${secretLink}`, html: `<a href="${secretLink}">Bestätigen</a>` };

for (const kind of databaseKinds) {
  describe(`mail delivery with the relay down (${kind})`, () => {
    let t: TestSystem;
    let smtpPort: number;
    before(async () => {
      smtpPort = await freePort();
      // nothing listens on the relay's port until a test starts a catcher there
      t = await startTestSystem(kind, { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` }, { mailAttempts: 3 });
    });
    after(async () => {
      await t?.close();
    });

    const outbox = (id: string) => t.system.deps.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const jobsFor = async (id: string) =>
      Number((await t.system.database.executeSql(`select count(*)::int as n from pgboss.job where name = 'mail-deliver' and data->>'mailId' = $1`, [id])).rows[0].n);

    test('mail outbox › a scheduled sweep that runs before the start binds the queue › does nothing and fails no job', async () => {
      const mailer = createMailer(t.system.deps.db, t.clock, { url: `smtp://127.0.0.1:${smtpPort}`, from: 'noreply@pforte.example' });
      try {
        assert.equal(await mailer.sweepUnqueued(), 0);
      } finally {
        mailer.close();
      }
    });

    test('mail outbox › a failed attempt › logged with the mail id and the error, never the recipient, subject or links', async () => {
      const warnings: { data: Record<string, unknown>; message: string }[] = [];
      const mailer = createMailer(t.system.deps.db, t.clock, { url: `smtp://127.0.0.1:${smtpPort}`, from: 'noreply@pforte.example' }, { maxAttempts: 2, warn: (data, m) => warnings.push({ data, message: m }) });
      mailer.bindQueue(async () => {});
      try {
        const id = await mailer.store('empfaenger.log@example.de', message);
        await assert.rejects(mailer.deliver(id));
        assert.equal(await mailer.deliver(id), 'failed');
        assert.equal(warnings.length, 2);
        assert.deepEqual(warnings.map((w) => [w.data.mailId, w.data.attempt, w.data.final]), [[id, 1, false], [id, 2, true]]);
        assert.match(String(warnings[0]!.data.error), /ECONNREFUSED|ESOCKET|ECONNECTION/);
        const logged = JSON.stringify(warnings);
        for (const secret of ['empfaenger.log', 'geheim-123', 'Bestätigung', 'Bitte bestätigen']) assert.ok(!logged.includes(secret), `${secret} in the log`);
        const row = await outbox(id);
        assert.ok(row.failed_at, 'marked failed after the last attempt');
        assert.equal(row.attempts, 2);
        assert.ok(!String(row.last_error).includes('empfaenger.log'));
      } finally {
        mailer.close();
      }
    });

    test('mail outbox › a transaction that rolls back › leaves neither the mail nor its job', async () => {
      const { db, mailer } = t.system.deps;
      let id = '';
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          // (no query outside the transaction here: PGlite has one connection)
          id = await mailer.store('zurueckgerollt@example.de', message, trx);
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await db.selectFrom('mail_outbox').select('id').where('id', '=', id).executeTakeFirst(), undefined);
      assert.equal(await jobsFor(id), 0);
      const committed = await db.transaction().execute((trx) => mailer.store('festgeschrieben@example.de', message, trx));
      assert.equal(await jobsFor(committed), 1, 'a committed mail has its job');
    });

    test('back office › Mailversand fehlgeschlagen › lists the mail after its last attempt and "Erneut senden" delivers it once the relay is back', async () => {
      const { db, mailer } = t.system.deps;
      const id = await mailer.send('empfaenger.bo@example.de', { ...message, subject: 'Rücksetzung Ihres Geräts' });
      const failed = await until(async () => ((await outbox(id)).failed_at ? await outbox(id) : undefined), 'the mail marked failed');
      assert.equal(failed.attempts, 3);
      assert.equal(failed.sent_at, null);

      const admin = await signedInStaff(t, 'admin');
      await admin.get('/backoffice/mailversand');
      assert.equal(admin.lastStatus, 200);
      const page = admin.text();
      assert.match(page, /Mailversand fehlgeschlagen/);
      assert.match(page, /empfaenger\.bo@example\.de/);
      assert.match(page, /Rücksetzung Ihres Geräts/);
      assert.ok(!admin.lastHtml.includes('geheim-123'), 'the content with its links is not shown');
      // a clerk does not see the page
      const clerk = await signedInStaff(t, 'clerk', 'by');
      await clerk.get('/backoffice/mailversand');
      assert.equal(clerk.lastStatus, 404);

      const catcher = await startMailCatcher(db, t.clock, { host: '127.0.0.1', port: smtpPort });
      try {
        await admin.postForm({}, `/backoffice/mailversand/${id}/erneut-senden`);
        assert.equal(admin.lastStatus, 200);
        assert.match(admin.text(), /wird erneut gesendet/);
        await until(async () => ((await outbox(id)).sent_at ? true : undefined), 'delivery after "Erneut senden"');
        const caught = await db.selectFrom('mailbox_messages').selectAll().where('recipients', 'like', '%empfaenger.bo@example.de%').execute();
        assert.equal(caught.length, 1);
        assert.match(caught[0]!.text, /geheim-123/);
        await admin.get('/backoffice/mailversand');
        assert.ok(!admin.text().includes('empfaenger.bo@example.de'), 'no longer listed');
      } finally {
        await catcher.close();
      }
    });

    test('pforte mail retry › puts every failed mail back, prints how many, and the mail sweep delivers them once the relay is back', async () => {
      const { db, mailer } = t.system.deps;
      const ids = [await mailer.send('eins.cli@example.de', message), await mailer.send('zwei.cli@example.de', message)];
      for (const id of ids) await until(async () => ((await outbox(id)).failed_at ? true : undefined), 'the mail marked failed');
      const failed = (await db.selectFrom('mail_outbox').select('id').where('failed_at', 'is not', null).where('sent_at', 'is', null).execute()).length;
      const catcher = await startMailCatcher(db, t.clock, { host: '127.0.0.1', port: smtpPort });
      try {
        const lines: string[] = [];
        assert.equal(await pforte(['mail', 'retry'], { database: t.system.database, out: (l) => lines.push(l) }), 0, lines.join('\n'));
        assert.match(lines.join('\n'), new RegExp(`mail retry: ${failed} fehlgeschlagene E-Mail\\(s\\) werden erneut gesendet`));
        // the server's sweep (every minute) queues them; here it runs at once
        await t.system.jobs.mailSweep();
        for (const id of ids) await until(async () => ((await outbox(id)).sent_at ? true : undefined), 'delivery after mail retry');
        assert.equal((await db.selectFrom('mailbox_messages').select('id').where('recipients', 'like', '%.cli@example.de%').execute()).length, 2);
        assert.equal((await db.selectFrom('mail_outbox').select('id').where('failed_at', 'is not', null).execute()).length, 0, 'nothing failed is left');
      } finally {
        await catcher.close();
      }
    });

    test('back office › "Erneut senden" with an id that is no failed mail › answered calmly, nothing queued', async () => {
      const admin = await signedInStaff(t, 'admin');
      await admin.get('/backoffice/mailversand');
      for (const bad of ['00000000-0000-4000-8000-000000000000', 'kein-id', '%27%3B--']) {
        await admin.get('/backoffice/mailversand');
        const r = await admin.request('POST', `/backoffice/mailversand/${bad}/erneut-senden`, new URLSearchParams({ _csrf: admin.csrf() }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
        assert.ok(r.status < 500, `${bad} → ${r.status}`);
      }
    });
  });
}
