import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from '../../../src/config.ts';

test('config › embedded defaults', () => {
  const c = loadConfig({});
  assert.equal(c.HOST, '127.0.0.1');
  assert.equal(c.PORT, 3000);
  assert.equal(c.PFORTE_DATA_DIR, './data');
  assert.equal(c.MAILBOX_SMTP_PORT, 2525);
  assert.equal(c.embeddedDatabase, true);
  assert.equal(c.embeddedMailbox, true);
  assert.equal(c.insurers.length, 11);
  assert.equal(c.SUPPORT_PHONE, '0800 00 01 692');
  assert.equal(c.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(c.trustProxy, 0);
});

test('config › TRUST_PROXY › true is one proxy, a number counts the proxies, anything else is refused', () => {
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, 0);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /^Error: Ungültige Konfiguration: TRUST_PROXY="yes"/);
});

test('config › DATABASE_URL and SMTP_URL switch off the embedded parts', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://u@db/x', SMTP_URL: 'smtp://relay:25' });
  assert.equal(c.embeddedDatabase, false);
  assert.equal(c.embeddedMailbox, false);
});

for (const [name, value] of [
  ['PORT', 'achtzig'],
  ['PORT', '70000'],
  ['DATABASE_URL', 'mysql://x'],
  ['SMTP_URL', 'not a url'],
  ['MAIL_FROM', 'kein-at'],
  ['FILE_ENCRYPTION_KEY', 'abc'],
  ['LOG_LEVEL', 'laut'],
] as const) {
  test(`config › ${name}=${value} › refused with a line naming the variable`, () => {
    assert.throws(() => loadConfig({ [name]: value }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, new RegExp(`^Ungültige Konfiguration: ${name}=`));
      assert.ok(!error.message.includes('\n'));
      return true;
    });
  });
}

for (const [name, value] of [
  ['SESSION_SECRET', 'kurz-aber-geheim'],
  ['METRICS_TOKEN', 'geheim mit leerzeichen und lang genug fuer die regel'],
  ['FILE_ENCRYPTION_KEY', 'geheimgeheim'],
] as const) {
  test(`config › a wrong ${name} › the line names the variable, never the secret`, () => {
    assert.throws(() => loadConfig({ [name]: value }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, new RegExp(`^Ungültige Konfiguration: ${name}=\\(verborgen\\) `));
      assert.ok(!error.message.includes('geheim'));
      return true;
    });
  });
}

for (const url of ['mysql://pforte:geheim@db/x', 'postgres://pforte:ge/heim@db/x', 'mysql://pforte:ge@heim#@db/x']) {
  test(`config › a wrong DATABASE_URL with credentials (${url.length} characters) › not shown, the password stays out`, () => {
    assert.throws(() => loadConfig({ DATABASE_URL: url }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^Ungültige Konfiguration: DATABASE_URL=\(verborgen, enthält Zugangsdaten\) /);
      assert.ok(!error.message.includes('heim'));
      return true;
    });
  });
}

test('config › a wrong value stops `npm start` with one clear line and exit code 2', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: 'achtzig', PFORTE_DATA_DIR: '/tmp/pforte-never-used' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 2);
  const lines = result.stderr.trim().split('\n').filter((l) => !l.includes('npm warn'));
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /PORT/);
});
