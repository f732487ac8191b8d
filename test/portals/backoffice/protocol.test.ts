import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, waitForMail } from '../../support/mailbox.ts';
import { samplePdf } from '../../support/samples.ts';
import { STAFF_PASSWORD, staffLogin } from '../../support/staff.ts';
import { PASSWORD, PIN, activatedEmployer, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { main as pforte } from '../../../src/cli.ts';
import { DAY } from '../../../src/core/clock/clock.ts';
import { runRetention } from '../../../src/modules/registration/retention.ts';

/** An administrator of the back office with a name, as `pforte staff add --name` makes one. */
async function namedAdmin(t: TestSystem, name: string) {
  const email = `pruefer.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@kasse.example`;
  const lines: string[] = [];
  const args = ['staff', 'add', '--email', email, '--password', STAFF_PASSWORD, '--role', 'admin', '--name', name];
  assert.equal(await pforte(args, { database: t.system.database, fileKey: t.system.deps.fileKey, out: (l) => lines.push(l) }), 0, lines.join('\n'));
  return { email, secret: lines.find((l) => l.includes('base32'))!.split(': ')[1]!.trim() };
}

/** Confirmed, certificate uploaded, device registered: ready for staff to activate. */
async function completeRegistration(t: TestSystem, fields: ReturnType<typeof person>) {
  const { client } = await registerAndConfirm(t, fields);
  await client.get('/arbeitgeber/registrierung/bescheinigung.pdf');
  await client.get('/arbeitgeber/registrierung/bescheinigung');
  await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
  const code = await readActivationCode(client);
  const state = mkdtempSync(join(tmpdir(), 'pforte-protocol-'));
  assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', PIN, '--state', state])).code, 0);
  return t.system.deps.db
    .selectFrom('registrations')
    .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
    .select(['registrations.id', 'registrations.account_id'])
    .where('accounts.email', '=', fields.email)
    .executeTakeFirstOrThrow();
}

/** The Protokoll's rows as a reader sees them, one text per entry (the filter's choice list left out). */
function entries(c: FormClient): string[] {
  const body = c.lastHtml.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<br\s*\/?>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim());
}

function total(c: FormClient): number {
  return Number(c.text().match(/(\d+) Einträge/)![1]);
}

async function protocol(c: FormClient, query: Record<string, string>) {
  await c.get(`/backoffice/protokoll?${new URLSearchParams(query)}`);
  assert.equal(c.lastStatus, 200);
  return entries(c);
}

for (const kind of databaseKinds) {
  describe(`Protokoll by name (${kind})`, () => {
    const t = testSystemFor(kind);

    test('staff activate a registration and lock the access: who did what to whom, by name; filter by e-mail and name; CSV with ids and names', async () => {
      const staff = await namedAdmin(t, 'Petra Prüfer');
      const fields = person({ title: '', firstName: 'Hannelore', lastName: 'Kästner', betriebsnummer: '09912342', insurerId: 'by' });
      const reg = await completeRegistration(t, fields);
      const c = await staffLogin(t, staff);
      await c.get(`/backoffice/registrierungen/${reg.id}`);
      await c.postForm({}, '/aktivieren');
      await c.get(`/backoffice/zugaenge/${reg.account_id}`);
      await c.postForm({}, '/sperren');
      assert.match(c.text(), /Der Zugang ist gesperrt/);
      // the access's page leads an administrator to its entries
      await c.get(c.lastHtml.match(/href="(\/backoffice\/protokoll\?person=[^"]+)">Alle Einträge zu diesem Zugang/)![1]!);
      assert.ok(entries(c).some((e) => e.includes('Zugang gesperrt')));

      const activated = await protocol(c, { art: 'registration.activated' });
      assert.equal(activated.length, 1);
      assert.match(activated[0]!, /Petra Prüfer/, 'who: the staff member by name');
      assert.ok(activated[0]!.includes(staff.email));
      assert.match(activated[0]!, /Registrierung aktiviert/, 'what: in German words');
      assert.match(activated[0]!, /Hannelore Kästner/, 'whom: the holder by name');
      assert.ok(activated[0]!.includes(fields.email), 'and e-mail');
      assert.match(activated[0]!, /Betriebsnummer 09912342 · AOK Bayern/);
      assert.match(activated[0]!, /erfolgreich/);
      assert.doesNotMatch(activated[0]!, /registration\.activated|staff:/, 'no codes or ids in the words');
      assert.ok(c.lastHtml.includes(`href="/backoffice/protokoll?person=staff%3A`), 'a name leads to that person’s entries');

      // by e-mail (any case): everything that concerned the holder, nothing else
      const byEmail = await protocol(c, { person: fields.email.toUpperCase() });
      for (const words of ['Registrierung begonnen', 'E-Mail-Adresse bestätigt', 'Authentifikations-Gerät registriert', 'Registrierung aktiviert', 'Zugang gesperrt']) {
        assert.ok(byEmail.some((e) => e.includes(words)), words);
      }
      for (const e of byEmail) assert.ok(e.includes(fields.email), `about the holder: ${e}`);
      assert.ok(!byEmail.some((e) => e.includes('Anmeldung im Backoffice')), 'the staff member’s own sign-in is not about the holder');
      const locked = byEmail.find((e) => e.includes('Zugang gesperrt'))!;
      assert.match(locked, /Petra Prüfer.*Zugang gesperrt.*Hannelore Kästner/);

      // by part of a name, and by the staff member's name: what she did
      assert.ok((await protocol(c, { person: 'kästner' })).some((e) => e.includes('Zugang gesperrt')));
      const byStaff = await protocol(c, { person: 'Prüfer' });
      assert.ok(byStaff.some((e) => e.includes('Anmeldung im Backoffice')));
      assert.ok(byStaff.some((e) => e.includes('Registrierung aktiviert')));
      // by id, combined with the other filters
      assert.equal((await protocol(c, { person: reg.account_id, art: 'account.' })).length, 1);

      // the user's wildcards are taken literally; nothing a search types reaches the SQL
      for (const term of ['%', '_', '\\', "' or 1=1 --", '%@%', '\ud800']) {
        assert.deepEqual(await protocol(c, { person: term }), [], term);
        assert.equal(total(c), 0);
      }

      const csv = await c.get(`/backoffice/protokoll.csv?${new URLSearchParams({ person: fields.email })}`);
      assert.equal(csv.status, 200);
      const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
      const line = rows.find((r) => r.aktion === 'registration.activated')!;
      assert.match(line.akteur!, /^staff:[0-9a-f-]{36}$/, 'the ids stay');
      assert.equal(line.betroffen, reg.id);
      assert.equal(line.akteur_name, 'Petra Prüfer');
      assert.equal(line.akteur_email, staff.email);
      assert.equal(line.aktion_text, 'Registrierung aktiviert');
      assert.equal(line.betroffen_name, 'Hannelore Kästner');
      assert.equal(line.betroffen_email, fields.email);
      assert.match(line.betroffen_angaben!, /Betriebsnummer 09912342/);
      assert.ok(rows.every((r) => r.betroffen_email === fields.email || r.akteur_email === fields.email));
    });

    test('a filter field with a control character is refused at the field: 400, the other values kept, nothing searched', async () => {
      const c = await staffLogin(t, await namedAdmin(t, 'Nora Nullzeichen'));
      await c.get(`/backoffice/protokoll?${new URLSearchParams({ person: 'a\u0000b', akteur: 'staff:', von: '2026-11-01' })}`);
      assert.equal(c.lastStatus, 400);
      assert.match(c.lastHtml, /<title>Fehler: Protokoll/);
      assert.match(c.text(), /Die Eingabe enthält unzulässige Zeichen/);
      assert.match(c.lastHtml, /id="f-person"[^>]*aria-invalid="true"/);
      assert.match(c.lastHtml, /name="akteur"[^>]*value="staff:"/);
      assert.match(c.lastHtml, /name="von"[^>]*value="2026-11-01"/);
      assert.equal(entries(c).length, 0);
      assert.equal((await c.get('/backoffice/protokoll.csv?person=%00&akteur=%00')).status, 400);
    });

    test('a period is whole days in Berlin in summer too: an entry at 00:30 on 15 July belongs to that day', async () => {
      const subject = randomUUID();
      // 22:30 UTC is 00:30 the next day in Berlin's summer time
      t.clock.set('2026-07-14T22:30:00Z');
      await t.system.deps.audit.record({ actor: 'system:retention', action: 'registration.deleted', subject, ip: null });
      t.clock.set('2026-11-23T09:00:00Z');
      const c = await staffLogin(t, await namedAdmin(t, 'Sommer Zeit'));
      assert.equal((await protocol(c, { person: subject, von: '2026-07-15', bis: '2026-07-15' })).length, 1);
      assert.equal((await protocol(c, { person: subject, von: '2026-07-14', bis: '2026-07-14' })).length, 0);
    });

    test('the CSV neutralises cells a spreadsheet would run: a name that starts with = is exported with a quote', async () => {
      const staff = await namedAdmin(t, '=HYPERLINK("http://example.invalid")');
      const c = await staffLogin(t, staff);
      const csv = await c.get(`/backoffice/protokoll.csv?${new URLSearchParams({ person: staff.email, art: 'staff.login' })}`);
      const rows = parse((await csv.text()).replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<string, string>[];
      assert.ok(rows.length >= 1);
      for (const r of rows) assert.equal(r.akteur_name, `'=HYPERLINK("http://example.invalid")`);
      // on the page it is text
      await protocol(c, { person: staff.email });
      assert.ok(c.lastHtml.includes('=HYPERLINK(&quot;http://example.invalid&quot;)') || c.lastHtml.includes('=HYPERLINK(&#34;http://example.invalid&#34;)'));
    });

    test('a removed user and a deleted registration keep their names; an entry without snapshot shows the id as deleted', async () => {
      const a = await activatedEmployer(t, person({ betriebsnummer: '66667777', insurerId: 'ni', firstName: 'Anna', lastName: 'Admin' }));
      const admin = new FormClient(t.baseUrl);
      await admin.get('/arbeitgeber/login');
      await admin.postForm({ email: a.fields.email, password: PASSWORD }, '/arbeitgeber/login');
      await admin.postForm({ code: (await authenticator(['code', '--server', t.baseUrl, '--email', a.fields.email, '--pin', PIN, '--state', a.state])).out[0]! }, '/sicherheitscode');
      await admin.get('/arbeitgeber/nutzer');
      const userEmail = `greta.${Date.now()}@firma-beispiel.de`;
      await admin.postForm({ email: userEmail }, '/arbeitgeber/nutzer');
      const link = linkAfter((await waitForMail(t.baseUrl, userEmail, { subject: 'Einladung' })).text, 'Einladung annehmen:');
      const user = new FormClient(t.baseUrl);
      await user.get(link);
      await user.postForm({ salutation: 'Frau', title: '', firstName: 'Greta', lastName: 'Gegangen', password: 'Kollegin-Passwort-2026', passwordRepeat: 'Kollegin-Passwort-2026' }, '/arbeitgeber/einladung');
      assert.equal(user.lastStatus, 200);
      await admin.get('/arbeitgeber/nutzer');
      await admin.postForm({}, '/entfernen');
      assert.match(admin.text(), /Der Nutzer wurde entfernt/);
      // an invitation nobody accepts is deleted after 7 days
      const unanswered = `niemand.${Date.now()}@firma-beispiel.de`;
      await admin.postForm({ email: unanswered }, '/arbeitgeber/nutzer');
      assert.match(admin.text(), /Die Einladung wurde per E-Mail versendet/);

      // a registration left unfinished is deleted after 30 days
      const late = person({ firstName: 'Rolf', lastName: 'Verfallen', title: '' });
      await registerAndConfirm(t, late);
      t.clock.advance(31 * DAY);
      assert.ok((await runRetention(t.system.deps)) >= 1);
      assert.ok((await t.system.deps.companyUsers.sweepExpired()) >= 1);

      // an entry written before snapshots were kept, about an account that is gone
      const gone = randomUUID();
      await t.system.deps.audit.record({ actor: `account:${gone}`, action: 'login.success', subject: gone, ip: '192.0.2.9' });

      const c = await staffLogin(t, await namedAdmin(t, 'Paul Prüfer'));
      const removed = await protocol(c, { person: userEmail });
      for (const words of ['Nutzer eingeladen', 'Einladung angenommen', 'Nutzer entfernt']) {
        const entry = removed.find((e) => e.includes(words));
        assert.ok(entry, words);
        assert.match(entry!, /Greta Gegangen \(gelöscht\)/, `${words}: the name the log kept`);
      }
      assert.match(removed.find((e) => e.includes('Nutzer entfernt'))!, /Anna Admin.*Nutzer entfernt.*Greta Gegangen \(gelöscht\).*Betriebsnummer 66667777 · AOK Niedersachsen/);
      assert.deepEqual(await protocol(c, { person: 'gegangen' }), removed, 'the kept name is found too');

      // a registration deleted because it was not finished in 30 days leaves no name or address in the log:
      // the law that has it deleted would be defeated by a copy there
      assert.deepEqual(await protocol(c, { person: late.email }), []);
      const swept = await protocol(c, { art: 'registration.deleted' });
      assert.ok(swept.some((e) => /Unvollständige Registrierung gelöscht.*\(gelöscht\)/.test(e)));
      assert.ok(swept.every((e) => !e.includes('Verfallen') && !e.includes(late.email)));

      const expired = await protocol(c, { person: unanswered });
      assert.ok(expired.some((e) => e.includes('Nutzer eingeladen') && e.includes(`${unanswered} (gelöscht)`)), 'the invitation names whom it invited');
      assert.ok(expired.some((e) => /System \(automatisch\).*Einladung abgelaufen, Zugang gelöscht/.test(e) && e.includes(`${unanswered} (gelöscht)`)));

      const old = await protocol(c, { person: gone });
      assert.equal(old.length, 1);
      assert.ok(old[0]!.includes(`${gone} (gelöscht)`));
    });
  });
}
