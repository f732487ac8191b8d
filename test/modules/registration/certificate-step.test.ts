import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { type TestSystem, testSystemFor } from '../../support/system.ts';
import type { FormClient } from '../../support/browser-client.ts';
import { sampleExe, samplePdf } from '../../support/samples.ts';
import { PIN, authenticator, person, readActivationCode, registerAndConfirm } from '../../support/journeys.ts';
import { signedInStaff } from '../../support/staff.ts';

const UPLOAD = '/arbeitgeber/registrierung/bescheinigung/upload';

async function filesOf(t: TestSystem, email: string) {
  return t.system.deps.db
    .selectFrom('files')
    .innerJoin('registrations', 'registrations.id', 'files.registration_id')
    .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
    .select('files.name')
    .where('accounts.email', '=', email)
    .execute();
}

async function registrationId(t: TestSystem, email: string) {
  const row = await t.system.deps.db.selectFrom('registrations').innerJoin('accounts', 'accounts.id', 'registrations.account_id').select('registrations.id').where('accounts.email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** The device registered with the terminal app, as in manual 000 steps 10–12. */
async function registerDevice(t: TestSystem, client: FormClient, email: string) {
  const code = await readActivationCode(client);
  const state = mkdtempSync(join(tmpdir(), 'pforte-cert-'));
  const result = await authenticator(['activate', '--server', t.baseUrl, '--email', email, '--activation-code', code, '--pin', PIN, '--state', state]);
  assert.equal(result.code, 0, result.err.join('\n'));
}

for (const kind of databaseKinds) {
  describe(`certificate step, Abschluss and the staff's view of missing steps (${kind})`, () => {
    const t = testSystemFor(kind);

    test('upload form › one form: file field, Anhänge and "Weiter" as its submit button, CSRF first', async () => {
      const { client } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      const form = client.lastHtml.match(/<form[^>]*action="\/arbeitgeber\/registrierung\/bescheinigung\/upload"[^>]*>([\s\S]*?)<\/form>/);
      assert.ok(form, 'the upload form');
      assert.match(form[0], /enctype="multipart\/form-data"/);
      assert.match(form[1]!, /^\s*<input type="hidden" name="_csrf"/, 'the token is the first part');
      assert.match(form[1]!, /<input type="file" id="f-files" name="files" multiple/);
      assert.match(form[1]!, /<h3>Anhänge<\/h3>/);
      assert.match(form[1]!, /<button type="submit" name="aktion" value="weiter"[^>]*>\s*Weiter\s*<\/button>/);
      assert.match(form[1]!, /<button type="submit" name="aktion" value="hochladen"[^>]*>\s*Hochladen\s*<\/button>/);
      assert.doesNotMatch(client.lastHtml, /<a [^>]*href="\/arbeitgeber\/registrierung\/geraet"/, '"Weiter" is no link past the form');
      assert.doesNotMatch(form[1]!, /<form/, 'no nested form');
      assert.match(client.text(), /Sobald der Upload abgeschlossen ist, wird die hochgeladene Datei als Anhang angezeigt\. Bitte warten Sie diese Meldung ab, bevor Sie auf „Weiter“ klicken\. Andernfalls wird der Upload unterbrochen\./);
    });

    test('"Weiter" with a chosen file › the file is stored, the device step follows', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [{ name: 'Bescheinigung unterschrieben.pdf', bytes: await samplePdf() }], { fields: { aktion: 'weiter' } });
      assert.equal(client.lastStatus, 200);
      assert.match(client.lastUrl, /\/arbeitgeber\/registrierung\/geraet$/);
      assert.match(client.text(), /Geräteregistrierung/);
      assert.deepEqual((await filesOf(t, fields.email)).map((f) => f.name), ['Bescheinigung unterschrieben.pdf']);
      await client.get('/arbeitgeber/registrierung/status');
      assert.match(client.text(), /Upload Arbeitgeberbescheinigung Erledigt\. Dokument \(erneut\) hochladen/);
    });

    test('"Weiter" with a bad file › 422, the message at the field, nothing stored, still the certificate page', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [{ name: 'rechnung.pdf', bytes: sampleExe() }], { fields: { aktion: 'weiter' } });
      assert.equal(client.lastStatus, 422);
      assert.match(client.fieldError('files') ?? '', /Dateiformat/);
      assert.match(client.lastHtml, /aria-describedby="[^"]*f-files-error/);
      assert.match(client.text(), /Upload Arbeitgeberbescheinigung/);
      assert.deepEqual(await filesOf(t, fields.email), []);
    });

    test('"Weiter" without a file › goes on (the certificate may follow later); "Hochladen" without one › the message', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [{ name: '', bytes: new Uint8Array(0) }], { fields: { aktion: 'weiter' } });
      assert.equal(client.lastStatus, 200);
      assert.match(client.lastUrl, /\/arbeitgeber\/registrierung\/geraet$/);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [], { fields: { aktion: 'hochladen' } });
      assert.equal(client.lastStatus, 422);
      assert.ok(client.fieldError('files'));
      assert.deepEqual(await filesOf(t, fields.email), []);
    });

    test('the page script\'s upload (JSON) › the new Anhänge list, or the message; the delete buttons post on their own', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      const token = client.csrf();
      const send = async (name: string, bytes: Uint8Array) => {
        const form = new FormData();
        form.set('_csrf', token);
        form.append('files', new Blob([new Uint8Array(bytes)]), name);
        form.append('aktion', 'hochladen');
        const r = await client.request('POST', UPLOAD, form, { accept: 'application/json' });
        return { status: r.status, body: (await r.json()) as { message?: string; list?: string; error?: string } };
      };
      const ok = await send('Bescheinigung.pdf', await samplePdf());
      assert.equal(ok.status, 200);
      assert.equal(ok.body.message, 'Die Datei wurde hochgeladen und als Anhang gespeichert.');
      assert.match(ok.body.list ?? '', /<ul class="attachments" id="attachments" aria-label="Hochgeladene Dateien">/);
      assert.match(ok.body.list ?? '', /Bescheinigung\.pdf/);
      assert.match(ok.body.list ?? '', /formaction="\/arbeitgeber\/registrierung\/bescheinigung\/dateien\/[0-9a-f-]{36}\/loeschen" formenctype="application\/x-www-form-urlencoded"/);
      assert.doesNotMatch(ok.body.list ?? '', /_csrf/);

      const bad = await send('rechnung.pdf', sampleExe());
      assert.equal(bad.status, 422);
      assert.match(bad.body.message ?? '', /Dateiformat/);
      assert.deepEqual((await filesOf(t, fields.email)).map((f) => f.name), ['Bescheinigung.pdf']);

      // "löschen" (manual 002 §2.2) inside the upload form posts a plain form to its own address
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postForm({}, '/loeschen');
      assert.match(client.text(), /Die Datei wurde gelöscht/);
      assert.deepEqual(await filesOf(t, fields.email), []);
    });

    test('Abschluss without a certificate › not complete: names what is missing, with its action', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await registerDevice(t, client, fields.email);
      await client.get('/arbeitgeber/registrierung/abschluss');
      assert.equal(client.lastStatus, 200);
      const text = client.text();
      assert.doesNotMatch(text, /Ihre Registrierung ist vollständig/);
      assert.match(text, /Ihre Registrierung ist noch nicht vollständig\./);
      assert.match(text, /Es fehlt noch: Upload Arbeitgeberbescheinigung ?: Dokument \(erneut\) hochladen/);
      // the download is only the way to the upload: not named on its own
      assert.doesNotMatch(client.lastHtml.match(/<ul class="missing-steps">[^]*?<\/ul>/)?.[0] ?? '', /Download/);
      assert.match(client.lastHtml, /class="missing-steps"[\s\S]*href="\/arbeitgeber\/registrierung\/bescheinigung#f-files"/);
      assert.doesNotMatch(text, /Authentifikations-Gerät hinzufügen/);
      // the status list as in manual 000 step 13
      assert.match(text, /Status Ihrer Registrierung/);
      assert.match(text, /Bestätigung Ihrer E-Mail-Adresse Erfolgreich abgeschlossen/);
      assert.match(text, /Geräteregistrierung Erfolgreich abgeschlossen/);
      assert.match(text, /Aktivierung durch AOK-Administrator Steht noch aus/);
      // the stepper does not pass the certificate step
      assert.match(client.lastHtml, /stepper__step--open[^]*Arbeitgeberbescheinigung/);
      assert.match(client.lastHtml, /stepper__step--current[^]*Abschluss/);
    });

    test('Abschluss with the certificate (uploaded, never downloaded here) › complete, with the manual\'s sentence', async () => {
      const { client, fields } = await registerAndConfirm(t);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
      await registerDevice(t, client, fields.email);
      await client.get('/arbeitgeber/registrierung/abschluss');
      assert.equal(client.lastStatus, 200);
      const text = client.text();
      assert.match(text, /Ihre Registrierung ist vollständig\./);
      assert.doesNotMatch(text, /Es fehlt noch/);
      assert.match(
        text,
        /Der Login ist erst nach Prüfung durch Ihre AOK möglich\. Sie erhalten eine E-Mail, sobald Ihr Zugang aktiviert wurde\. Bitte warten Sie diese E-Mail ab, bevor Sie sich das erste Mal einloggen\. Dies kann wenige Tage in Anspruch nehmen\./,
      );
      assert.equal([...client.lastHtml.matchAll(/status-list__item--done/g)].length, 4, 'e-mail, download (by the upload), upload, device');
      assert.doesNotMatch(client.lastHtml, /stepper__step--open/);
    });

    test('staff › the detail names the missing steps; an upload without a recorded download can be activated', async () => {
      const admin = await signedInStaff(t, 'admin');
      const fields = person({ insurerId: 'no' });
      const { client } = await registerAndConfirm(t, fields);
      await client.get('/arbeitgeber/registrierung/bescheinigung');
      await client.postFiles(UPLOAD, [{ name: 'Bescheinigung aus dem anderen Browser.pdf', bytes: await samplePdf() }]);
      const id = await registrationId(t, fields.email);
      const recorded = await t.system.deps.db.selectFrom('registration_steps').select('step').where('registration_id', '=', id).execute();
      assert.ok(!recorded.some((r) => r.step === 'certificate_downloaded'), 'no download recorded');

      await admin.get(`/backoffice/registrierungen/${id}`);
      assert.match(admin.text(), /Es fehlt noch: Geräteregistrierung\./);
      assert.match(admin.lastHtml, /<button type="submit" class="button" disabled aria-describedby="activation-missing">/);

      await registerDevice(t, client, fields.email);
      await admin.get(`/backoffice/registrierungen/${id}`);
      assert.doesNotMatch(admin.text(), /Es fehlt noch/);
      assert.match(admin.lastHtml, /<li class="status-list__item status-list__item--done">[^]*?Download Arbeitgeberbescheinigung/);
      await admin.postForm({}, '/aktivieren');
      assert.match(admin.text(), /Der Zugang wurde aktiviert/);
      const account = await t.system.deps.db.selectFrom('accounts').select('status').where('email', '=', fields.email).executeTakeFirstOrThrow();
      assert.equal(account.status, 'active');
    });

    test('staff › nothing but the confirmation › the missing upload and device named, activation refused', async () => {
      const admin = await signedInStaff(t, 'admin');
      const fields = person({ insurerId: 'no' });
      await registerAndConfirm(t, fields);
      const id = await registrationId(t, fields.email);
      await admin.get(`/backoffice/registrierungen/${id}`);
      assert.match(admin.text(), /Es fehlt noch: Upload Arbeitgeberbescheinigung, Geräteregistrierung\./);
      const r = await admin.request('POST', `/backoffice/registrierungen/${id}/aktivieren`, `_csrf=${admin.csrf()}`, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 409);
    });
  });
}
