import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormClient } from '../support/browser-client.ts';
import { linkAfter, waitForMail } from '../support/mailbox.ts';
import { freePort, startServerProcess, stopServerProcess } from '../support/server-process.ts';

test('npm start › prints the URLs, keeps data across a restart, stops gracefully on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pforte-start-'));
  try {
    const env = { PFORTE_DATA_DIR: dataDir, PORT: String(await freePort()), MAILBOX_SMTP_PORT: String(await freePort()) };
    const base = `http://127.0.0.1:${env.PORT}`;
    let run = await startServerProcess(env, { ready: 'TOTP (otpauth)', timeoutMs: 60_000 });
    assert.match(run.output(), new RegExp(`Arbeitgeberservice:\\s+${base}/arbeitgeber/`));
    assert.match(run.output(), new RegExp(`Postfach \\(Mailbox\\):\\s+${base}/mailbox`));
    assert.match(run.output(), new RegExp(`Gesundheitspartner:\\s+${base}/partner/`));
    const identApp = run.output().match(/AOK Ident-App:\s+(\S+)/)?.[1];
    assert.equal(identApp, `${base}/ident/app/`);
    assert.equal((await fetch(identApp)).status, 200, 'the printed app address answers');
    const discovery = run.output().match(/AOK Ident \(OpenID\):\s+(\S+)/)?.[1];
    assert.equal(((await (await fetch(discovery!)).json()) as { issuer: string }).issuer, `${base}/ident`);
    const lookup = await fetch(`${base}/partner/ik-register/260326822`);
    assert.equal(lookup.status, 200, 'a fresh start ships the demo IK register');
    const admin = run.output().match(/Demo-Administrator:\s+(\S+) \/ (\S+)\n\s+TOTP \(base32\):\s+([A-Z2-7]+)/);
    assert.ok(admin, 'the demo administrator is printed with password and TOTP secret');
    assert.equal(admin[1], 'admin@pforte.example');

    const email = `neustart.${Date.now()}@example.de`;
    const c = new FormClient(base);
    await c.get('/arbeitgeber/registrierung');
    await c.postForm(
      { insurerId: 'plus', betriebsnummer: '98094032', salutation: 'keine Angabe', title: '', firstName: 'Kim', lastName: 'Lindner', email, password: 'Ein-ganz-langes-Passwort-9', passwordRepeat: 'Ein-ganz-langes-Passwort-9', termsAccepted: 'ja', privacyAccepted: 'ja' },
      '/arbeitgeber/registrierung',
    );
    const mail = await waitForMail(base, email, { subject: 'Bestätigung' });
    assert.equal(await stopServerProcess(run.child), 0);
    assert.match(run.output(), /SIGTERM empfangen/);

    run = await startServerProcess(env, { ready: 'TOTP (otpauth)', timeoutMs: 60_000 });
    assert.ok(run.output().includes(`TOTP (base32):     ${admin[3]}`), 'the same administrator after a restart');
    try {
      const again = await waitForMail(base, email, { subject: 'Bestätigung' });
      assert.equal(again.id, mail.id, 'the mailbox survived the restart');
      const other = new FormClient(base);
      await other.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
      assert.equal(other.lastStatus, 200, 'the registration survived the restart');
      await other.get('/arbeitgeber/registrierung/bescheinigung.pdf');
      assert.equal(other.lastStatus, 200, 'the file key survived the restart');
    } finally {
      assert.equal(await stopServerProcess(run.child), 0);
    }

    // the operator command runs on the stopped embedded database
    const cli = spawnSync(process.execPath, ['bin/pforte.js', 'jobs', 'run', 'retention', '--now', '2099-01-01T00:00:00Z'], {
      env: { ...process.env, PFORTE_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /retention: 1 Registrierung\(en\) gelöscht/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('npm start › runs the compiled server from dist/: pages, style sheets, the shipped files, SIGTERM', async () => {
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(build.status, 0, build.stdout + build.stderr);
  const dataDir = mkdtempSync(join(tmpdir(), 'pforte-dist-'));
  try {
    const env = { PFORTE_DATA_DIR: dataDir, PORT: String(await freePort()), MAILBOX_SMTP_PORT: String(await freePort()) };
    const base = `http://127.0.0.1:${env.PORT}`;
    const run = await startServerProcess(env, { args: ['--enable-source-maps', 'dist/main.js'], ready: 'TOTP (otpauth)', timeoutMs: 60_000 });
    try {
      const home = await fetch(`${base}/`, { redirect: 'manual' });
      assert.equal(home.status, 303);
      assert.equal((await fetch(new URL(home.headers.get('location')!, base))).status, 200, 'the first portal answers');
      const css = await fetch(`${base}/assets/pforte.css`);
      assert.equal(css.status, 200, 'public/ is found from dist/');
      assert.match(css.headers.get('content-type') ?? '', /text\/css/);
      const lookup = await fetch(`${base}/partner/ik-register/260326822`);
      assert.equal(lookup.status, 200, 'the demo IK register was read from assets/demo');
      // the demo persons' activation letters are drawn at start with the fonts from assets/fonts
      const letter = run.output().match(/\n\s+(\S+\.pdf)\n/)?.[1];
      assert.ok(letter, run.output());
      assert.equal(readFileSync(letter).subarray(0, 5).toString(), '%PDF-');
    } finally {
      assert.equal(await stopServerProcess(run.child), 0);
    }
    assert.match(run.output(), /SIGTERM empfangen/);
    // the bundle hoists the packages' imports above our modules: the provider's notice must still be held back
    assert.doesNotMatch(run.output(), /Unsupported runtime/);
    assert.doesNotMatch(run.output(), /mail queue not bound/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
