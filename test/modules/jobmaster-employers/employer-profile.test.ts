import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import { FormClient } from '../../support/browser-client.ts';
import { auditCounts } from '../../support/audit.ts';
import { sampleExe } from '../../support/samples.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { decryptFile } from '../../../src/core/files/encryption.ts';
import { JM_PASSWORD, jobmasterAccount } from '../jobmaster-login/accounts.ts';

/** A released employer with its main contact, signed in. */
async function employer(t: TestSystem) {
  const db = t.system.deps.db;
  const { id, email } = await jobmasterAccount(db, { role: 'employer' });
  const account = await db.selectFrom('accounts').select('company').where('id', '=', id).executeTakeFirstOrThrow();
  const employerId = account.company!;
  const mainId = newId();
  await db
    .insertInto('jobmaster_contacts')
    .values({ id: mainId, employer_id: employerId, salutation: 'Herr', title: null, first_name: 'Test', last_name: 'Ansprechpartner', phone: '0221 12345', email, is_main: true, created_at: new Date() })
    .execute();
  const c = new FormClient(t.baseUrl);
  await c.get('/jobmaster/login');
  await c.postForm({ email, password: JM_PASSWORD }, '/jobmaster/login');
  return { c, employerId, mainId, email, accountId: id };
}

async function addContact(c: FormClient, fields: Partial<Record<string, string>> = {}) {
  await c.get('/jobmaster/ansprechpartner/neu');
  await c.postForm({ salutation: 'Frau', title: 'Dr.', firstName: 'Petra', lastName: 'Personal', phone: '0221 555', email: 'petra@example.org', ...fields }, '/jobmaster/ansprechpartner/neu');
}

async function posting(t: TestSystem, employerId: string, contactId: string, status: 'active' | 'inactive' = 'active') {
  const id = newId();
  const now = t.clock.now();
  await t.system.deps.db
    .insertInto('job_postings')
    .values({ id, employer_id: employerId, title: 'Ausbildung Kauffrau', kind: 'ausbildung', postal_code: '50667', city: 'Köln', description: 'Beschreibung', status, contact_id: contactId, created_at: now, updated_at: now, published_at: now })
    .execute();
  return id;
}

function uploadLogo(c: FormClient, name: string, bytes: Uint8Array, type = 'image/png') {
  return c.postFiles('/jobmaster/unternehmen/logo', [{ name, bytes, type }]);
}

for (const kind of databaseKinds) {
  describe(`Jobmaster Unternehmensdaten (${kind})`, () => {
    const t = testSystemFor(kind);

    test('Persönliche Daten › Unternehmensdaten with the manual texts and links, Ihre Ansprechpartner with the main contact', async () => {
      const { c, email } = await employer(t);
      await c.get('/jobmaster/konto/daten');
      assert.equal(c.lastStatus, 200);
      const text = c.text();
      for (const words of [
        'Unternehmensdaten',
        '09912342',
        'Erlaubte Dateiformate sind JPEG, PNG und GIF. Die Datei darf maximal 1 MB groß sein.',
        'Upload Firmenlogo',
        'Unternehmensdaten ändern →',
        'Passwort ändern →',
        'E-Mail Adresse ändern →',
        'Einwilligungen ändern →',
        'Hauptansprechpartner wechseln →',
        'Profil löschen →',
        'Ebenfalls können Sie in Ihrem Profil weitere Ansprechpartner hinterlegen',
        'Ihre Ansprechpartner',
        'Hinzufügen',
        'Hauptansprechpartner:In',
        email,
      ]) {
        assert.ok(text.includes(words), words);
      }
      assert.match(c.lastHtml, /<h2 id="company-title">Test-Arbeitgeber &lt;b>GmbH&lt;\/b>|Test-Arbeitgeber &lt;b&gt;GmbH&lt;\/b&gt;/);
      assert.match(c.lastHtml, /<strong>Herr Test Ansprechpartner<\/strong>/);
      for (const href of ['/jobmaster/konto/passwort', '/jobmaster/konto/email', '/jobmaster/konto/einwilligungen', '/jobmaster/konto/hauptansprechpartner', '/jobmaster/konto/loeschen', '/jobmaster/unternehmen/bearbeiten', '/jobmaster/unternehmen/logo', '/jobmaster/ansprechpartner/neu']) {
        assert.ok(c.lastHtml.includes(`href="${href}"`), href);
      }
      // the main contact has neither Bearbeiten nor Entfernen
      assert.doesNotMatch(c.lastHtml, /Bearbeiten|Entfernen/);
    });

    test('Unternehmensdaten ändern › messages at the fields, HTML kept as text, the Betriebsnummer stays, the postings find the new name', async () => {
      const { c, employerId, mainId } = await employer(t);
      const postingId = await posting(t, employerId, mainId);
      const count = await auditCounts(t);
      await c.get('/jobmaster/unternehmen/bearbeiten');
      await c.postForm({ companyName: '', street: 'Ring', houseNumber: '2', postalCode: '1234', city: 'Bonn', betriebsnummer: '11111111' }, '/jobmaster/unternehmen/bearbeiten');
      assert.equal(c.lastStatus, 422);
      assert.equal(c.fieldError('companyName'), 'Bitte füllen Sie dieses Feld aus.');
      assert.equal(c.fieldError('postalCode'), 'Bitte geben Sie die Postleitzahl mit genau fünf Ziffern ein.');
      await c.postForm({ companyName: 'Zimmerei <script>x</script> Holz', street: 'Ring', houseNumber: '2', postalCode: '53111', city: 'Bonn', betriebsnummer: '11111111' }, '/jobmaster/unternehmen/bearbeiten');
      assert.equal(c.lastStatus, 200);
      assert.match(c.lastUrl, /\/jobmaster\/unternehmen\?hinweis=daten$/);
      assert.match(c.text(), /Ihre Unternehmensdaten wurden gespeichert\./);
      assert.ok(c.lastHtml.includes('Zimmerei &lt;script'));
      assert.ok(!c.lastHtml.includes('<script>x</script>'));
      const row = await t.system.deps.db.selectFrom('jobmaster_employers').selectAll().where('id', '=', employerId).executeTakeFirstOrThrow();
      assert.equal(row.betriebsnummer, '09912342');
      assert.equal(row.postal_code, '53111');
      const search = await t.system.deps.db.selectFrom('job_postings').select('search').where('id', '=', postingId).executeTakeFirstOrThrow();
      assert.match(String(search.search), /zimmerei/);
      assert.equal(count('jobmaster_employer.updated') + 1, (await auditCounts(t))('jobmaster_employer.updated'));
    });

    test('Upload Firmenlogo › a JPEG with EXIF is stored without it, shrunk, served; replacing deletes the old file; Logo entfernen', async () => {
      const { c, employerId, mainId } = await employer(t);
      const postingId = await posting(t, employerId, mainId);
      const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 30, b: 30 } } })
        .jpeg()
        .withExif({ IFD0: { Copyright: 'Geheimer-EXIF-Vermerk', Artist: 'Max Geheim' } })
        .toBuffer();
      assert.ok(photo.includes('Geheimer-EXIF-Vermerk'));
      await c.get('/jobmaster/unternehmen/logo');
      assert.match(c.text(), /Erlaubte Dateiformate sind JPEG, PNG und GIF\./);
      await uploadLogo(c, 'logo.jpg', photo, 'image/jpeg');
      assert.equal(c.lastStatus, 200);
      assert.match(c.text(), /Ihr Firmenlogo wurde gespeichert\./);
      const first = await t.system.deps.db.selectFrom('jobmaster_employers').select('logo_file_id').where('id', '=', employerId).executeTakeFirstOrThrow();
      assert.ok(first.logo_file_id);
      const file = await t.system.deps.db.selectFrom('files').selectAll().where('id', '=', first.logo_file_id!).executeTakeFirstOrThrow();
      assert.equal(file.owner_kind, 'jobmaster_logo');
      const stored = decryptFile(t.system.deps.fileKey, { iv: file.iv, tag: file.tag, ciphertext: file.content });
      assert.ok(!stored.includes('Geheimer-EXIF-Vermerk') && !stored.includes('Exif'));
      const meta = await sharp(stored).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, 800);
      assert.equal(meta.height, 450);
      assert.equal(meta.exif, undefined);
      // the public address of a released employer, as the posting page links it
      await c.get(`/jobmaster/stellen/${postingId}`);
      const src = `/jobmaster/logos/${employerId}?v=${first.logo_file_id}`;
      assert.ok(c.lastHtml.includes(src), 'posting page shows the logo');
      const served = await fetch(new URL(src, t.baseUrl));
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), 'image/jpeg');
      assert.match(served.headers.get('cache-control') ?? '', /immutable/);
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(Buffer.from(await served.arrayBuffer()).equals(stored));
      // replacing: a GIF becomes a PNG, the first file is gone
      const gif = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 0, g: 0, b: 255 } } }).gif().toBuffer();
      await c.get('/jobmaster/unternehmen/logo');
      await uploadLogo(c, 'logo.gif', gif, 'image/gif');
      assert.equal(c.lastStatus, 200);
      const second = await t.system.deps.db.selectFrom('jobmaster_employers').select('logo_file_id').where('id', '=', employerId).executeTakeFirstOrThrow();
      assert.notEqual(second.logo_file_id, first.logo_file_id);
      assert.equal(await t.system.deps.db.selectFrom('files').select('id').where('id', '=', first.logo_file_id!).executeTakeFirst(), undefined);
      const own = await c.request('GET', `/jobmaster/unternehmen/logo/bild?v=${second.logo_file_id}`);
      assert.equal(own.headers.get('content-type'), 'image/png');
      // Logo entfernen
      await c.get('/jobmaster/unternehmen');
      await c.postForm({}, '/jobmaster/unternehmen/logo/entfernen');
      assert.match(c.text(), /Ihr Firmenlogo wurde entfernt\./);
      assert.equal(await t.system.deps.db.selectFrom('files').select('id').where('id', '=', second.logo_file_id!).executeTakeFirst(), undefined);
      assert.equal((await fetch(new URL(`/jobmaster/logos/${employerId}`, t.baseUrl))).status, 404);
      // an employer deleted with its row leaves its logo's file to the housekeeping
      await c.get('/jobmaster/unternehmen/logo');
      await uploadLogo(c, 'logo.gif', gif, 'image/gif');
      const third = await t.system.deps.db.selectFrom('jobmaster_employers').select('logo_file_id').where('id', '=', employerId).executeTakeFirstOrThrow();
      await t.system.deps.db.deleteFrom('jobmaster_employers').where('id', '=', employerId).execute();
      await t.system.jobs.housekeeping();
      assert.equal(await t.system.deps.db.selectFrom('files').select('id').where('id', '=', third.logo_file_id!).executeTakeFirst(), undefined);
    });

    test('Upload Firmenlogo › SVG, a renamed program, a "GIF" that is a PNG and 1 MB + 1 byte are refused at the field', async () => {
      const { c, employerId } = await employer(t);
      const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 0, g: 255, b: 0 } } }).png().toBuffer();
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
      const cases: [string, Uint8Array, string, number, string][] = [
        ['logo.svg', svg, 'image/svg+xml', 422, 'Dieses Dateiformat ist nicht erlaubt. Erlaubte Dateiformate sind JPEG, PNG und GIF.'],
        ['logo.jpg', sampleExe(), 'image/jpeg', 422, 'Dieses Dateiformat ist nicht erlaubt. Erlaubte Dateiformate sind JPEG, PNG und GIF.'],
        ['logo.gif', png, 'image/gif', 422, 'Der Dateiname passt nicht zum Inhalt der Datei (zum Beispiel ein PNG-Bild mit der Endung .gif). Bitte wählen Sie die richtige Datei aus.'],
        ['gross.png', Buffer.concat([png, Buffer.alloc(1024 * 1024 + 1 - png.length)]), 'image/png', 413, 'Die Datei ist zu groß. Die Datei darf maximal 1 MB groß sein.'],
      ];
      for (const [name, bytes, type, status, message] of cases) {
        await c.get('/jobmaster/unternehmen/logo');
        await uploadLogo(c, name, bytes, type);
        assert.equal(c.lastStatus, status, name);
        assert.equal(c.fieldError('logo'), message, name);
      }
      const stored = await t.system.deps.db.selectFrom('jobmaster_employers').select('logo_file_id').where('id', '=', employerId).executeTakeFirstOrThrow();
      assert.equal(stored.logo_file_id, null, 'nothing stored');
    });

    test('Ihre Ansprechpartner › Hinzufügen with messages at the fields, Bearbeiten, Entfernen; the main contact stays', async () => {
      const { c, mainId, employerId } = await employer(t);
      await addContact(c, { salutation: 'Graf', email: 'keine-adresse', phone: 'abc', firstName: '' });
      assert.equal(c.lastStatus, 422);
      assert.equal(c.fieldError('salutation'), 'Bitte wählen Sie einen der angebotenen Werte.');
      assert.equal(c.fieldError('email'), 'Bitte geben Sie eine gültige E-Mail-Adresse ein (z. B. name@firma.de).');
      assert.ok(c.fieldError('phone')?.startsWith('Bitte geben Sie eine Telefonnummer'));
      assert.equal(c.fieldError('firstName'), 'Bitte füllen Sie dieses Feld aus.');
      await addContact(c, { lastName: 'Personal <i>HR</i>' });
      assert.match(c.text(), /Der Ansprechpartner wurde hinzugefügt\./);
      assert.ok(c.lastHtml.includes('<strong>Frau Dr. Petra Personal &lt;i'));
      const added = await t.system.deps.db.selectFrom('jobmaster_contacts').selectAll().where('employer_id', '=', employerId).where('is_main', '=', false).executeTakeFirstOrThrow();
      await c.get(`/jobmaster/ansprechpartner/${added.id}`);
      assert.equal(c.lastStatus, 200);
      await c.postForm({ salutation: 'Frau', title: '', firstName: 'Petra', lastName: 'Neu', phone: '+49 221 777', email: 'petra.neu@example.org' }, `/jobmaster/ansprechpartner/${added.id}`);
      assert.match(c.text(), /Der Ansprechpartner wurde geändert\./);
      assert.match(c.lastHtml, /<strong>Frau Petra Neu<\/strong>/);
      // the main contact: no edit page, and "Entfernen" explains why not
      await c.get(`/jobmaster/ansprechpartner/${mainId}`);
      assert.equal(c.lastStatus, 404);
      await c.get(`/jobmaster/ansprechpartner/${mainId}/entfernen`);
      assert.equal(c.lastStatus, 409);
      assert.match(c.text(), /Der Hauptansprechpartner kann nicht entfernt werden\./);
      await c.get(`/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.match(c.text(), /Möchten Sie Frau Petra Neu wirklich entfernen\?/);
      await c.postForm({}, `/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.match(c.text(), /Der Ansprechpartner wurde entfernt\./);
      assert.equal(await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('id', '=', added.id).executeTakeFirst(), undefined);
      assert.ok(await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('id', '=', mainId).executeTakeFirst());
    });

    test('Ansprechpartner entfernen › an active posting needs another contact, and moves to it in the same step', async () => {
      const { c, mainId, employerId } = await employer(t);
      await addContact(c);
      const added = await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('employer_id', '=', employerId).where('is_main', '=', false).executeTakeFirstOrThrow();
      const postingId = await posting(t, employerId, added.id);
      await c.get(`/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.match(c.text(), /Ausbildung Kauffrau/);
      assert.match(c.lastHtml, new RegExp(`<option value="${mainId}"`));
      await c.postForm({}, `/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.equal(c.lastStatus, 422);
      assert.equal(c.fieldError('replacement'), 'Bitte wählen Sie aus, wer die Stellenanzeigen dieses Ansprechpartners übernimmt.');
      assert.ok(await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('id', '=', added.id).executeTakeFirst());
      await c.postForm({ replacement: added.id }, `/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.equal(c.lastStatus, 422);
      await c.postForm({ replacement: mainId }, `/jobmaster/ansprechpartner/${added.id}/entfernen`);
      assert.match(c.text(), /Der Ansprechpartner wurde entfernt\./);
      const moved = await t.system.deps.db.selectFrom('job_postings').select('contact_id').where('id', '=', postingId).executeTakeFirstOrThrow();
      assert.equal(moved.contact_id, mainId);
    });

    test("another employer's contact is not found and recorded; an applicant finds no employer page", async () => {
      const a = await employer(t);
      const b = await employer(t);
      await addContact(b.c);
      const theirs = await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('employer_id', '=', b.employerId).where('is_main', '=', false).executeTakeFirstOrThrow();
      const count = await auditCounts(t);
      await a.c.get(`/jobmaster/ansprechpartner/${theirs.id}`);
      assert.equal(a.c.lastStatus, 404);
      await a.c.get('/jobmaster/ansprechpartner/neu');
      const token = a.c.csrf();
      const response = await a.c.request('POST', `/jobmaster/ansprechpartner/${theirs.id}/entfernen`, new URLSearchParams({ _csrf: token }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(response.status, 404);
      assert.ok(await t.system.deps.db.selectFrom('jobmaster_contacts').select('id').where('id', '=', theirs.id).executeTakeFirst());
      const after = await auditCounts(t);
      assert.equal(after('jobmaster_employer.denied') - count('jobmaster_employer.denied'), 2);
      // a job starter
      const applicant = await jobmasterAccount(t.system.deps.db);
      const s = new FormClient(t.baseUrl);
      await s.get('/jobmaster/login');
      await s.postForm({ email: applicant.email, password: JM_PASSWORD }, '/jobmaster/login');
      for (const path of ['/jobmaster/unternehmen', '/jobmaster/unternehmen/bearbeiten', '/jobmaster/unternehmen/logo', '/jobmaster/ansprechpartner/neu']) {
        await s.get(path);
        assert.equal(s.lastStatus, 404, path);
      }
      await s.get('/jobmaster/konto/daten');
      assert.equal(s.lastStatus, 200);
      assert.match(s.text(), /Persönliche Daten/);
    });
  });
}
