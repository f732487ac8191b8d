import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { linkAfter, mailsTo, waitForMail } from '../../support/mailbox.ts';
import { sampleExe, sampleJpeg, samplePdf } from '../../support/samples.ts';
import { DAY, HOUR } from '../../../src/core/clock/clock.ts';
import { PASSWORD, person, registerAndConfirm } from '../../support/journeys.ts';
import { main as cli } from '../../../src/cli.ts';

async function count(t: TestSystem, table: 'accounts' | 'registrations' | 'files' | 'tokens' | 'consents') {
  const row = await t.system.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A fresh visitor who opened the registration form and sent it with these fields. */
async function submitted(t: TestSystem, fields: Parameters<FormClient['postForm']>[0]) {
  const c = new FormClient(t.baseUrl);
  await c.get('/arbeitgeber/registrierung');
  await c.postForm(fields, '/arbeitgeber/registrierung');
  return c;
}

for (const kind of databaseKinds) {
  describe(`Arbeitgeberservice registration (${kind})`, () => {
    const t = testSystemFor(kind);

    test('start page › offers Registrieren and Login and names the support', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/');
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastHtml, /href="\/arbeitgeber\/registrierung">Registrieren</);
      assert.match(c.lastHtml, />Login</);
      assert.match(c.text(), /0800 00 01 692/);
      assert.match(c.text(), /mein-aok-arbeitgeberservice@itscare\.de/);
    });

    test('registration › happy path › mail, confirmation, certificate, upload, status', async () => {
      const fields = person();
      const client = new FormClient(t.baseUrl);
      await client.get('/arbeitgeber/registrierung');
      assert.match(client.lastUrl, /\?flow=/);
      assert.match(client.text(), /Registrierung Firmenkunde \(Administrator\)/);
      for (const label of ['Ihre AOK', 'Ihre Betriebsnummer', 'Anrede', 'Akademischer Titel', 'Vorname', 'Nachname', 'E-Mail-Adresse', 'Passwort', 'Passwort wiederholen']) {
        assert.match(client.lastHtml, new RegExp(`<label for="f-[a-zA-Z]+">${label}</label>`), label);
      }
      await client.postForm(fields, '/arbeitgeber/registrierung');
      assert.equal(client.lastStatus, 200);
      assert.match(client.lastUrl, /email-bestaetigen/);
      assert.match(client.text(), /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
      assert.match(client.text(), /Bestätigungsmail nicht erhalten\?/);

      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
      assert.equal(
        mail.subject,
        'Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „Arbeitgeberservice“ als Firmenkunde (Administrator)',
      );
      assert.match(mail.text, /^Guten Tag,\n\nwir haben Ihre Daten erfolgreich erfasst\. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb der nächsten 720 Stunden über folgenden Link:/);
      assert.match(mail.text, /Wenn Sie Ihren aktuellen Registrierungsstatus einsehen wollen oder die Registrierung fortsetzen möchten, verwenden Sie diesen Link:/);
      assert.match(mail.text, /Bitte schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab, anderenfalls werden Ihre Registrierungsdaten aufgrund gesetzlicher Vorgaben gelöscht\. Sie können sich jedoch jederzeit erneut registrieren\./);
      assert.match(mail.text, /Mit freundlichen Grüßen\nIhre AOK Bayern - Die Gesundheitskasse/);
      assert.match(mail.html ?? '', />Bestätigung E-Mail-Adresse</);
      assert.match(mail.html ?? '', />Zum Registrierungsstatus →</);

      await client.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(client.lastStatus, 200);
      assert.match(client.text(), /E-Mail-Adresse bestätigt/);
      assert.match(client.text(), /Sie haben Ihre E-Mail-Adresse erfolgreich bestätigt\./);
      assert.match(client.lastHtml, />Registrierung fortsetzen</);

      await client.get('/arbeitgeber/registrierung/bescheinigung');
      assert.equal(client.lastStatus, 200);
      assert.match(client.text(), /Arbeitgeberbescheinigung Download/);
      assert.match(client.lastHtml, /aria-current="step"/);

      const pdf = await client.get('/arbeitgeber/registrierung/bescheinigung.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      assert.match(pdf.headers.get('content-disposition') ?? '', /filename="Arbeitgeberbescheinigung_09912342\.pdf"/);
      assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');

      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
        { name: 'Bescheinigung März.pdf', bytes: await samplePdf(), type: 'application/pdf' },
        { name: 'Vollmacht.jpg', bytes: sampleJpeg, type: 'image/jpeg' },
      ]);
      assert.equal(client.lastStatus, 200);
      assert.match(client.text(), /Die Dateien wurden hochgeladen/);
      assert.match(client.text(), /Bescheinigung März\.pdf/);
      assert.match(client.text(), /Vollmacht\.jpg/);

      await client.get('/arbeitgeber/registrierung/status');
      assert.equal(client.lastStatus, 200);
      const text = client.text();
      assert.match(text, /Status Ihrer Registrierung/);
      assert.match(text, /Bestätigung Ihrer E-Mail-Adresse ✔|✔ Bestätigung Ihrer E-Mail-Adresse/);
      assert.match(text, /Erfolgreich abgeschlossen/);
      assert.match(text, /Dokument \(erneut\) herunterladen/);
      assert.match(text, /Dokument \(erneut\) hochladen/);
      assert.match(text, /Authentifikations-Gerät hinzufügen/);
      assert.match(text, /Aktivierung durch AOK-Administrator Steht noch aus/);
      const done = [...client.lastHtml.matchAll(/status-list__item--done/g)].length;
      assert.equal(done, 3, 'e-mail, download and upload are checked');

      // the stored file is encrypted: its bytes are not the PDF's
      const stored = await t.system.deps.db.selectFrom('files').select(['content', 'name']).where('name', '=', 'Bescheinigung März.pdf').executeTakeFirstOrThrow();
      assert.notEqual(Buffer.from(stored.content).subarray(0, 5).toString(), '%PDF-');

      // consents are stored with their version and time
      const consents = await t.system.deps.db.selectFrom('consents').innerJoin('accounts', 'accounts.id', 'consents.account_id').select(['document', 'version', 'accepted_at']).where('accounts.email', '=', fields.email).execute();
      assert.deepEqual(consents.map((c) => c.document).sort(), ['datenschutzhinweise', 'nutzungsbedingungen']);
      assert.ok(consents.every((c) => c.version === '2026-01' && c.accepted_at));

      // the status link opens the status page in another browser, and leaves the address bar
      const other = new FormClient(t.baseUrl);
      await other.get(linkAfter(mail.text, 'Zum Registrierungsstatus →'));
      assert.equal(other.lastStatus, 200);
      assert.equal(new URL(other.lastUrl).search, '');
      assert.match(other.text(), /Status Ihrer Registrierung/);
    });

    test('registration › password is stored as argon2id hash only', async () => {
      const fields = person();
      await registerAndConfirm(t, fields);
      const row = await t.system.deps.db.selectFrom('accounts').select('password_hash').where('email', '=', fields.email).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.ok(!row.password_hash.includes(PASSWORD));
    });

    describe('registration › bad input', () => {
      const cases: [string, Record<string, string>, string, string][] = [
        ['AOK missing', { insurerId: '' }, 'insurerId', 'Bitte füllen Sie dieses Feld aus.'],
        ['AOK unknown', { insurerId: 'xx' }, 'insurerId', 'Bitte wählen Sie einen der angebotenen Werte.'],
        ['Betriebsnummer empty', { betriebsnummer: '' }, 'betriebsnummer', ''],
        ['Betriebsnummer wrong check digit', { betriebsnummer: '09912343' }, 'betriebsnummer', 'Prüfziffer'],
        ['Betriebsnummer starting 000', { betriebsnummer: '00012342' }, 'betriebsnummer', '000'],
        ['Betriebsnummer in 100–110', { betriebsnummer: '10512349' }, 'betriebsnummer', '100'],
        ['Betriebsnummer 7 digits', { betriebsnummer: '1234567' }, 'betriebsnummer', '8'],
        ['Betriebsnummer letters', { betriebsnummer: 'A9912342' }, 'betriebsnummer', 'Ziffern'],
        ['Anrede missing', { salutation: '' }, 'salutation', 'Bitte füllen Sie dieses Feld aus.'],
        ['Anrede forged', { salutation: 'Majestät' }, 'salutation', 'Bitte wählen Sie einen der angebotenen Werte.'],
        ['Titel forged', { title: 'Dr. h.c. mult.' }, 'title', 'Bitte wählen Sie einen der angebotenen Werte.'],
        ['Vorname empty', { firstName: '   ' }, 'firstName', 'Bitte füllen Sie dieses Feld aus.'],
        ['Vorname too long', { firstName: 'A'.repeat(101) }, 'firstName', 'Die Eingabe ist zu lang.'],
        ['Nachname with control characters', { lastName: 'Weiß\u0007' }, 'lastName', 'unzulässige Zeichen'],
        ['Nachname with bidi override', { lastName: 'Wei\u202Eß' }, 'lastName', 'unzulässige Zeichen'],
        ['E-Mail empty', { email: '' }, 'email', 'Bitte füllen Sie dieses Feld aus.'],
        ['E-Mail bad', { email: 'nicht-gültig@' }, 'email', 'gültige E-Mail-Adresse'],
        ['E-Mail too long', { email: `${'a'.repeat(60)}@${'b'.repeat(200)}.de` }, 'email', 'zu lang'],
        ['Passwords differ', { passwordRepeat: 'Korrekt-Pferd-Batterie-43' }, 'passwordRepeat', 'stimmen nicht überein'],
        ['Password too short', { password: 'kurz-1234A', passwordRepeat: 'kurz-1234A' }, 'password', 'mindestens 12 Zeichen'],
        ['Password blocklisted', { password: 'password1234', passwordRepeat: 'password1234' }, 'password', ''],
        ['Password 129 characters', { password: 'x'.repeat(64) + 'Y'.repeat(65), passwordRepeat: 'x'.repeat(64) + 'Y'.repeat(65) }, 'password', '128'],
        ['Nutzungsbedingungen not accepted', { termsAccepted: '' }, 'termsAccepted', 'Bitte bestätigen Sie'],
        ['Datenschutzhinweise not accepted', { privacyAccepted: '' }, 'privacyAccepted', 'Bitte bestätigen Sie'],
      ];
      for (const [name, overrides, field, message] of cases) {
        test(`${name} › 422, message at ${field}, input kept, nothing stored`, async () => {
          const before = await count(t, 'accounts');
          const fields = person(overrides);
          const c = await submitted(t, fields);
          assert.equal(c.lastStatus, 422);
          const shown = c.fieldError(field);
          assert.ok(shown, `a message at ${field}`);
          if (message) assert.ok(shown!.includes(message), `"${shown}" contains "${message}"`);
          assert.match(c.lastHtml, /class="error-summary"/);
          assert.match(c.lastHtml, new RegExp(`href="#f-${field}"`));
          assert.match(c.lastHtml, new RegExp(`id="f-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-${field}"`));
          // what was typed stays, the passwords do not
          if (field !== 'lastName') assert.match(c.lastHtml, /value="Weiß"/);
          if (field !== 'email') assert.ok(c.lastHtml.includes(`value="${fields.email}"`));
          assert.ok(!c.lastHtml.includes(PASSWORD));
          assert.equal(await count(t, 'accounts'), before);
        });
      }

      test('every field wrong at once › a message at each', async () => {
        const c = await submitted(t, {});
        assert.equal(c.lastStatus, 422);
        for (const f of ['insurerId', 'betriebsnummer', 'salutation', 'firstName', 'lastName', 'email', 'password', 'termsAccepted', 'privacyAccepted']) {
          assert.ok(c.fieldError(f), f);
        }
      });

      test('password that is the e-mail address › refused', async () => {
        const email = `langer.name.${Date.now()}@firma-beispiel.de`;
        const c = await submitted(t, person({ email, password: email, passwordRepeat: email }));
        assert.equal(c.lastStatus, 422);
        assert.ok(c.fieldError('password'));
      });

      test('very long and odd Unicode input › 422 or 400, never 500', async () => {
        const odd = ['\uD800', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'e\u0301'.repeat(60), '\uFEFF', '<script>alert(1)</script>', 'ß'.repeat(20000)];
        for (const value of odd) {
          const c = await submitted(t, person({ firstName: value, betriebsnummer: value }));
          assert.ok([400, 413, 422].includes(c.lastStatus), `status ${c.lastStatus} for ${JSON.stringify(value.slice(0, 10))}`);
          // inside a quoted attribute the text is inert; anywhere else it must be escaped
          assert.ok(!c.lastHtml.replace(/="[^"]*"/g, '=""').includes('<script>alert(1)</script>'), 'input is escaped');
        }
      });

      test('malformed body (repeated field) › 400', async () => {
        const c = new FormClient(t.baseUrl);
        await c.get('/arbeitgeber/registrierung');
        const action = c.lastUrl;
        const body = `_csrf=${c.csrf()}&email=a@b.de&email=c@d.de`;
        const r = await c.request('POST', action, body, { 'content-type': 'application/x-www-form-urlencoded' });
        assert.equal(r.status, 400);
        assert.ok(!c.lastHtml.includes('at '), 'no stack trace');
      });

      test('missing or forged CSRF token › 403, nothing stored', async () => {
        const before = await count(t, 'accounts');
        const c = new FormClient(t.baseUrl);
        await c.get('/arbeitgeber/registrierung');
        await c.postForm(person(), '/arbeitgeber/registrierung', { csrf: null });
        assert.equal(c.lastStatus, 403);
        await c.get('/arbeitgeber/registrierung');
        await c.postForm(person(), '/arbeitgeber/registrierung', { csrf: 'A'.repeat(43) });
        assert.equal(c.lastStatus, 403);
        // a token from another browser does not fit this browser's cookie
        const other = new FormClient(t.baseUrl);
        await other.get('/arbeitgeber/registrierung');
        await c.get('/arbeitgeber/registrierung');
        await c.postForm(person(), '/arbeitgeber/registrierung', { csrf: other.csrf() });
        assert.equal(c.lastStatus, 403);
        assert.match(c.text(), /Ihre Sitzung ist abgelaufen oder das Formular ist ungültig/);
        assert.equal(await count(t, 'accounts'), before);
      });

      test('unknown flow id › a fresh form, not an error', async () => {
        const c = new FormClient(t.baseUrl);
        await c.get('/arbeitgeber/registrierung?flow=unbekannt');
        assert.equal(c.lastStatus, 200);
        assert.match(c.lastUrl, /abgelaufen=1/);
        assert.match(c.text(), /Das Formular war abgelaufen/);
      });
    });

    test('double submit of the same form › one registration', async () => {
      const fields = person();
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/registrierung');
      const page = c.lastHtml;
      await c.postForm(fields, '/arbeitgeber/registrierung');
      c.lastHtml = page;
      await c.postForm(fields, '/arbeitgeber/registrierung');
      assert.equal(c.lastStatus, 200);
      const rows = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', fields.email).execute();
      assert.equal(rows.length, 1);
    });

    test('existing address › same page, a mail that an account exists, no second account', async () => {
      const fields = person();
      const first = await submitted(t, fields);
      const firstText = first.text();
      await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });

      const second = await submitted(t, { ...fields, email: fields.email.toUpperCase(), firstName: 'Mallory' });
      assert.equal(second.lastStatus, first.lastStatus);
      assert.equal(second.text().replace(fields.email.toUpperCase(), fields.email), firstText);
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'bereits ein Zugang' });
      assert.match(mail.text, /Für diese E-Mail-Adresse besteht bereits ein Zugang/);
      assert.match(mail.text, /\/arbeitgeber\/login/);
      assert.match(mail.text, /\/arbeitgeber\/passwort-vergessen/);
      const rows = await t.system.deps.db.selectFrom('accounts').select('id').where('email_normalized', '=', fields.email.toLowerCase()).execute();
      assert.equal(rows.length, 1);
    });

    test('resend › a new mail whose link works; the old link no longer does; rate limited', async () => {
      const fields = person();
      const c = await submitted(t, fields);
      const firstMail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });
      await c.postForm({ email: fields.email }, '/bestaetigungsmail');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /haben wir die Bestätigungsmail erneut gesendet/);
      const secondMail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung', after: firstMail.id });
      const other = new FormClient(t.baseUrl);
      await other.get(linkAfter(firstMail.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(other.lastStatus, 410);
      await other.get(linkAfter(secondMail.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(other.lastStatus, 200);
      assert.match(other.text(), /E-Mail-Adresse bestätigt/);
      // the old status link stays valid while the registration lives
      await other.get(linkAfter(firstMail.text, 'Zum Registrierungsstatus →'));
      assert.equal(other.lastStatus, 200);

      // an unknown address gets the same answer, and a mail that says there is nothing to confirm
      const stranger = `niemand.${Date.now()}@example.de`;
      await c.get('/arbeitgeber/registrierung/status');
      await c.postForm({ email: stranger }, '/bestaetigungsmail');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /haben wir die Bestätigungsmail erneut gesendet/);

      // per address at most three an hour
      for (let i = 0; i < 3; i++) await c.postForm({ email: fields.email }, '/bestaetigungsmail');
      assert.equal(c.lastStatus, 429);
      assert.match(c.text(), /Zu viele Versuche/);
      t.clock.advance(HOUR + 1000);
      await c.get('/arbeitgeber/registrierung/status');
      await c.postForm({ email: fields.email }, '/bestaetigungsmail');
      assert.equal(c.lastStatus, 200);
      const strangerMail = await waitForMail(t.baseUrl, stranger);
      assert.doesNotMatch(strangerMail.text, /Bestätigung E-Mail-Adresse:/);
      assert.equal((await mailsTo(t.baseUrl, stranger)).length, 1);
    });

    test('resend with a bad address › 422 with the message at the field', async () => {
      const c = new FormClient(t.baseUrl);
      await c.get('/arbeitgeber/registrierung/status');
      await c.postForm({ email: 'kaputt' }, '/bestaetigungsmail');
      assert.equal(c.lastStatus, 422);
      assert.match(c.fieldError('email') ?? '', /gültige E-Mail-Adresse/);
      assert.match(c.lastHtml, /value="kaputt"/);
    });

    test('links › replayed, expired, unknown, foreign › a clear page, no change', async () => {
      const { mail } = await registerAndConfirm(t);
      const c = new FormClient(t.baseUrl);
      await c.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(c.lastStatus, 410);
      assert.match(c.text(), /Dieser Link wurde bereits verwendet/);
      assert.match(c.text(), /Zum Registrierungsstatus/);

      await c.get('/arbeitgeber/registrierung/bestaetigung?token=' + 'x'.repeat(43));
      assert.equal(c.lastStatus, 404);
      assert.match(c.text(), /Dieser Link ist ungültig/);
      await c.get('/arbeitgeber/registrierung/bestaetigung?token=%00%ff');
      assert.equal(c.lastStatus, 404);
      await c.get('/arbeitgeber/registrierung/status?token=' + 'y'.repeat(43));
      assert.equal(c.lastStatus, 404);
      await c.get('/arbeitgeber/registrierung/status?token[a]=1');
      assert.ok([400, 401, 404].includes(c.lastStatus));

      // without a session the later steps explain how to get back
      const stranger = new FormClient(t.baseUrl);
      await stranger.get('/arbeitgeber/registrierung/bescheinigung');
      assert.equal(stranger.lastStatus, 401);
      assert.match(stranger.text(), /Zum Registrierungsstatus/);
      const pdf = await stranger.get('/arbeitgeber/registrierung/bescheinigung.pdf');
      assert.equal(pdf.status, 401);

      // expired: 720 hours later the link is refused
      const fields = person();
      const d = await submitted(t, fields);
      const late = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });
      t.clock.advance(720 * HOUR + 1000);
      await d.get(linkAfter(late.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(d.lastStatus, 410);
      assert.match(d.text(), /Dieser Link ist abgelaufen/);
      assert.match(d.lastHtml, /Bestätigungsmail nicht erhalten\?/);
      t.clock.advance(-(720 * HOUR + 1000));
    });

    test('links › the confirmation link opened in two tabs at once confirms once; the other tab reads "bereits verwendet"', async () => {
      const fields = person();
      await submitted(t, fields);
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });
      const link = linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:');
      const tabs = [new FormClient(t.baseUrl), new FormClient(t.baseUrl)];
      await Promise.all(tabs.map((tab) => tab.get(link)));
      assert.deepEqual(tabs.map((tab) => tab.lastStatus).sort(), [200, 410]);
      assert.match(tabs.find((tab) => tab.lastStatus === 410)!.text(), /Dieser Link wurde bereits verwendet/);
      const db = t.system.deps.db;
      const registration = await db.selectFrom('registrations').innerJoin('accounts', 'accounts.id', 'registrations.account_id').select('registrations.id').where('accounts.email', '=', fields.email).executeTakeFirstOrThrow();
      const confirmed = await db.selectFrom('audit_log').select('action').where('subject', '=', registration.id).where('action', '=', 'registration.email_confirmed').execute();
      assert.equal(confirmed.length, 1);
    });

    test('links › a token given twice in the query › the link page, never an error', async () => {
      const fields = person();
      await submitted(t, fields);
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung' });
      const token = new URL(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:')).searchParams.get('token')!;
      const c = new FormClient(t.baseUrl);
      await c.get(`/arbeitgeber/registrierung/bestaetigung?token=${token}&token=${token}`);
      assert.equal(c.lastStatus, 404);
      assert.match(c.text(), /Dieser Link ist ungültig/);
      // the link itself still works afterwards
      await c.get(`/arbeitgeber/registrierung/bestaetigung?token=${token}`);
      assert.equal(c.lastStatus, 200);
    });

    describe('upload › bad files', () => {
      test('exe named .pdf, empty file, names with paths or control characters › refused, earlier uploads kept', async () => {
        const { client } = await registerAndConfirm(t);
        await client.get('/arbeitgeber/registrierung/bescheinigung');
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'erste.pdf', bytes: await samplePdf() }]);
        assert.equal(client.lastStatus, 200);
        const bad: [string, Uint8Array, string][] = [
          ['rechnung.pdf', sampleExe(), 'Dateiformat'],
          ['leer.pdf', new Uint8Array(0), ''],
          ['../../etc/passwd.pdf', await samplePdf(), ''],
          ['C:\\Users\\x.pdf', await samplePdf(), ''],
          ['a\u0001b.pdf', await samplePdf(), ''],
          ['\u202Efdp.exe', await samplePdf(), ''],
        ];
        for (const [name, bytes, message] of bad) {
          await client.get('/arbeitgeber/registrierung/bescheinigung');
          await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name, bytes }]);
          assert.equal(client.lastStatus, 422, name);
          const shown = client.fieldError('files');
          assert.ok(shown, `message for ${JSON.stringify(name)}`);
          if (message) assert.ok(shown!.includes(message), shown!);
          assert.match(client.text(), /erste\.pdf/);
        }
        assert.equal((await t.system.deps.db.selectFrom('files').select('name').where('name', '=', 'erste.pdf').execute()).length >= 1, true);
      });

      test('a third file › refused; delete one, then the replacement is taken', async () => {
        const { client } = await registerAndConfirm(t);
        await client.get('/arbeitgeber/registrierung/bescheinigung');
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
          { name: 'a.pdf', bytes: await samplePdf('a') },
          { name: 'b.jpg', bytes: sampleJpeg },
        ]);
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'c.pdf', bytes: await samplePdf('c') }]);
        assert.equal(client.lastStatus, 422);
        assert.match(client.fieldError('files') ?? '', /höchstens zwei Dateien/);
        assert.doesNotMatch(client.text(), /c\.pdf \(/);
        // three at once are refused as a whole
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
          { name: 'x.pdf', bytes: await samplePdf('x') },
          { name: 'y.pdf', bytes: await samplePdf('y') },
          { name: 'z.pdf', bytes: await samplePdf('z') },
        ]);
        assert.equal(client.lastStatus, 422);
        // delete b.jpg through its button, upload the replacement
        await client.postForm({}, '/loeschen');
        assert.match(client.text(), /Die Datei wurde gelöscht/);
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'c.pdf', bytes: await samplePdf('c') }]);
        assert.equal(client.lastStatus, 200);
        assert.match(client.text(), /c\.pdf/);
        // deleting a file of another registration: not found, nothing deleted
        const other = await registerAndConfirm(t);
        await other.client.get('/arbeitgeber/registrierung/bescheinigung');
        const ids = [...client.lastHtml.matchAll(/dateien\/([0-9a-f-]{36})\/loeschen/g)].map((m) => m[1]);
        const r = await other.client.request('POST', `/arbeitgeber/registrierung/bescheinigung/dateien/${ids[0]}/loeschen`, `_csrf=${other.client.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
        assert.equal(r.status, 404);
        assert.equal((await t.system.deps.db.selectFrom('files').select('id').where('id', '=', ids[0]!).execute()).length, 1);
      });

      test('10 MB in total › taken; 10 MB + 1 byte › refused', async () => {
        const { client } = await registerAndConfirm(t);
        await client.get('/arbeitgeber/registrierung/bescheinigung');
        const half = 5 * 1024 * 1024;
        const text = (n: number) => Buffer.alloc(n, 'a');
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
          { name: 'a.txt', bytes: text(half) },
          { name: 'b.txt', bytes: text(half + 1) },
        ]);
        assert.equal(client.lastStatus, 413);
        assert.match(client.fieldError('files') ?? '', /10 MB/);
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'gross.txt', bytes: text(10 * 1024 * 1024 + 1) }]);
        assert.ok([413, 422].includes(client.lastStatus));
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [
          { name: 'a.txt', bytes: text(half) },
          { name: 'b.txt', bytes: text(half) },
        ]);
        assert.equal(client.lastStatus, 200);
      });

      test('upload without CSRF token › 403, nothing stored', async () => {
        const { client } = await registerAndConfirm(t);
        await client.get('/arbeitgeber/registrierung/bescheinigung');
        const before = await count(t, 'files');
        await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'a.pdf', bytes: await samplePdf() }], { csrf: null });
        assert.equal(client.lastStatus, 403);
        assert.equal(await count(t, 'files'), before);
      });
    });

    test('retention › after 30 days the registration and everything of it is gone; the address is free again', async () => {
      const { client, fields } = await registerAndConfirm(t, person());
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles('/arbeitgeber/registrierung/bescheinigung/upload', [{ name: 'a.pdf', bytes: await samplePdf() }]);
      const account = await t.system.deps.db.selectFrom('accounts').select('id').where('email', '=', fields.email).executeTakeFirstOrThrow();
      const registration = await t.system.deps.db.selectFrom('registrations').select('id').where('account_id', '=', account.id).executeTakeFirstOrThrow();

      const lines: string[] = [];
      const early = new Date(t.clock.now().getTime() + 29 * DAY).toISOString();
      assert.equal(await cli(['jobs', 'run', 'retention', '--now', early], { database: t.system.database, out: (l) => lines.push(l) }), 0);
      assert.ok(await t.system.deps.db.selectFrom('accounts').select('id').where('id', '=', account.id).executeTakeFirst());

      const late = new Date(t.clock.now().getTime() + 31 * DAY).toISOString();
      assert.equal(await cli(['jobs', 'run', 'retention', '--now', late], { database: t.system.database, out: (l) => lines.push(l) }), 0);
      assert.match(lines.at(-1)!, /Registrierung\(en\) gelöscht/);
      const db = t.system.deps.db;
      assert.equal(await db.selectFrom('accounts').select('id').where('id', '=', account.id).executeTakeFirst(), undefined);
      for (const table of ['registration_steps', 'tokens', 'files', 'sessions'] as const) {
        const left = await db.selectFrom(table).select('registration_id').where('registration_id', '=', registration.id).execute();
        assert.equal(left.length, 0, table);
      }
      assert.equal((await db.selectFrom('consents').select('id').where('account_id', '=', account.id).execute()).length, 0);
      const audit = await db.selectFrom('audit_log').select(['action', 'data']).where('subject', '=', registration.id).where('action', '=', 'registration.deleted').execute();
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(fields.email));

      // the browser that held the registration now gets the way back, not an error
      await client.get('/arbeitgeber/registrierung/status');
      assert.equal(client.lastStatus, 401);

      // the address can register again
      t.clock.set(late);
      const again = await submitted(t, { ...fields });
      const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung', after: (await mailsTo(t.baseUrl, fields.email))[0]!.id });
      assert.match(mail.subject, /Bestätigung Ihrer E-Mail-Adresse/);
    });

    test('cli › bad --now › exit 2 with a message', async () => {
      const lines: string[] = [];
      assert.equal(await cli(['jobs', 'run', 'retention', '--now', 'gestern'], { database: t.system.database, out: (l) => lines.push(l) }), 2);
      assert.match(lines[0]!, /Ungültiger Zeitpunkt/);
      assert.equal(await cli(['unsinn'], { out: (l) => lines.push(l) }), 2);
    });
  });
}
