import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../../src/core/clock/clock.ts';
import { writeFileAtomic } from '../../../src/apps/epa-desktop/atomic-file.ts';
import { createLocalUsers, USERS_DIR } from '../../../src/apps/epa-desktop/local-users.ts';
import { THROTTLE_FILE } from '../../../src/apps/epa-desktop/throttle.ts';

const KENNWORT = 'Lindenblüte am Fluss 7';
const form = (name: string, kennwort = KENNWORT) => ({ name, kennwort, kennwortRepeat: kennwort, terms: true });

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'pforte-epa-test-'));
}

async function created(users: ReturnType<typeof createLocalUsers>, name: string, kennwort = KENNWORT) {
  const result = await users.create(form(name, kennwort));
  assert.ok(result.ok, JSON.stringify(result));
  return result.user;
}

/** Every file under the folder, with its bytes. */
function allFiles(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [{ path, bytes: readFileSync(path) }];
  });
}

describe('ePA desktop client › local users', () => {
  test('a new user logs in with the name and Kennwort and finds what was stored for them', async () => {
    const dir = folder();
    const users = createLocalUsers(dir, new ManualClock('2025-03-01T10:00:00Z'));
    const anna = await created(users, 'Anna');
    anna.data.epa = { kvnr: 'A123456780' };
    users.save(anna);

    const again = createLocalUsers(dir, new ManualClock('2025-03-01T10:05:00Z'));
    const result = await again.unlock('anna', KENNWORT);
    assert.ok(result.ok);
    assert.equal(result.user.id, anna.id);
    assert.equal(result.user.data.name, 'Anna');
    assert.deepEqual(result.user.data.epa, { kvnr: 'A123456780' });
    assert.equal(result.user.data.termsAcknowledgedAt, '2025-03-01T10:00:00.000Z');
  });

  test('a wrong Kennwort and an unknown name are refused alike', async () => {
    const users = createLocalUsers(folder(), new ManualClock());
    await created(users, 'Anna');
    assert.deepEqual(await users.unlock('Anna', 'Lindenblüte am Fluss 8'), { ok: false, code: 'epa_desktop.login_invalid' });
    assert.deepEqual(await users.unlock('Berta', KENNWORT), { ok: false, code: 'epa_desktop.login_invalid' });
  });

  test('wrong Kennwörter make the name wait, longer each time, also after a restart; other names are not held up', async () => {
    const dir = folder();
    const clock = new ManualClock('2025-03-01T10:00:00Z');
    const users = createLocalUsers(dir, clock);
    await created(users, 'Anna');
    await created(users, 'Carl');
    assert.equal((await users.unlock('Anna', 'falsch-1')).ok, false);
    assert.equal((await users.unlock('Anna', 'falsch-2')).ok, false);
    assert.deepEqual(await users.unlock('Anna', 'falsch-3'), { ok: false, code: 'epa_desktop.login_wait', waitMs: 5_000 });

    const restarted = createLocalUsers(dir, clock);
    assert.deepEqual(await restarted.unlock('Anna', KENNWORT), { ok: false, code: 'epa_desktop.login_wait', waitMs: 5_000 }, 'even the right Kennwort waits');
    assert.equal((await restarted.unlock('Carl', KENNWORT)).ok, true);

    clock.advance(5_000);
    assert.deepEqual(await restarted.unlock('Anna', 'falsch-4'), { ok: false, code: 'epa_desktop.login_wait', waitMs: 10_000 });
    clock.advance(10_000);
    assert.equal((await restarted.unlock('Anna', KENNWORT)).ok, true);
    assert.deepEqual(await restarted.unlock('Anna', 'falsch-5'), { ok: false, code: 'epa_desktop.login_invalid' }, 'a success starts the count again');
  });

  test('the data folder gives away no name and no stored value without the Kennwort', async () => {
    const dir = folder();
    const users = createLocalUsers(dir, new ManualClock());
    const name = 'Zacharias Quellenweber';
    const zacharias = await created(users, name);
    zacharias.data.epa = { kvnr: 'Q987654321', kasse: 'AOK Bayern' };
    zacharias.data.settings = { documentTitle: 'Röntgenaufnahme Knie links' };
    users.save(zacharias);
    // a failed try with the name is remembered too, and must not name it either
    await users.unlock(name, 'falsch-1');

    const files = allFiles(dir);
    assert.ok(files.some((f) => f.path.includes(USERS_DIR)) && files.some((f) => f.path.endsWith(THROTTLE_FILE)));
    for (const secret of [name, 'Zacharias', 'Quellenweber', 'zacharias', 'Q987654321', 'AOK Bayern', 'Röntgenaufnahme', 'Knie links']) {
      const forms = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64').slice(0, 12))];
      for (const file of files) {
        for (const needle of forms) assert.equal(file.bytes.indexOf(needle), -1, `${JSON.stringify(secret)} in ${file.path}`);
      }
      assert.ok(!files.some((f) => f.path.includes(secret)), `${secret} in a file name`);
    }
  });

  test('two local users see nothing of each other', async () => {
    const dir = folder();
    const users = createLocalUsers(dir, new ManualClock());
    const anna = await created(users, 'Anna');
    anna.data.settings = { note: 'Annas Notiz' };
    users.save(anna);
    await created(users, 'Berta', 'Ein ganz anderes Kennwort');

    const berta = await users.unlock('Berta', 'Ein ganz anderes Kennwort');
    assert.ok(berta.ok);
    assert.deepEqual(berta.user.data.settings, {});
    assert.notEqual(berta.user.id, anna.id);
    assert.deepEqual(await users.unlock('Anna', 'Ein ganz anderes Kennwort'), { ok: false, code: 'epa_desktop.login_invalid' });
  });

  test('the same name with the same Kennwort cannot be created twice', async () => {
    const users = createLocalUsers(folder(), new ManualClock());
    await created(users, 'Anna');
    assert.deepEqual(await users.create(form('ANNA')), { ok: false, errors: { name: 'epa_desktop.user_exists' } });
  });

  test('a changed byte in a user file locks it instead of giving altered data', async () => {
    const dir = folder();
    const users = createLocalUsers(dir, new ManualClock());
    const anna = await created(users, 'Anna');
    const path = join(dir, USERS_DIR, `${anna.id}.user`);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { data: string };
    const bytes = Buffer.from(file.data, 'base64');
    bytes[3]! ^= 1;
    writeFileSync(path, JSON.stringify({ ...file, data: bytes.toString('base64') }));
    assert.deepEqual(await users.unlock('Anna', KENNWORT), { ok: false, code: 'epa_desktop.login_invalid' });
  });

  test('the form checks name, Kennwort by the platform rules, its repetition and the Nutzungsbedingungen', async () => {
    const users = createLocalUsers(folder(), new ManualClock());
    assert.deepEqual(await users.create({ name: ' ', kennwort: 'kurz', kennwortRepeat: 'kurz', terms: false }), {
      ok: false,
      errors: { name: 'epa_desktop.name_required', kennwort: 'epa_desktop.kennwort_too_short', terms: 'epa_desktop.terms_required' },
    });
    assert.deepEqual(await users.create({ ...form('Anna'), kennwortRepeat: `${KENNWORT}!` }), { ok: false, errors: { kennwortRepeat: 'epa_desktop.kennwort_mismatch' } });
    assert.deepEqual(await users.create(form('Anna', 'password1234')), { ok: false, errors: { kennwort: 'epa_desktop.kennwort_blocklisted' } });
    assert.deepEqual(await users.create(form('Annabella', 'Annabella im Garten')), { ok: false, errors: { kennwort: 'epa_desktop.kennwort_contains_name' } });
    assert.deepEqual(await users.create(form('An\u0000na')), { ok: false, errors: { name: 'epa_desktop.name_invalid' } });
    assert.equal(users.count(), 0);
  });

  test('a write cut off by a crash leaves the last complete file, and its leftover is ignored', async () => {
    const dir = folder();
    const users = createLocalUsers(dir, new ManualClock());
    const anna = await created(users, 'Anna');
    const path = join(dir, USERS_DIR, `${anna.id}.user`);
    const before = readFileSync(path, 'utf8');
    writeFileSync(`${path}.0badc0ffee00.tmp`, before.slice(0, 40));
    assert.equal(users.count(), 1);
    assert.equal((await users.unlock('Anna', KENNWORT)).ok, true);
  });

  test('a process killed while writing leaves the old or the new bytes, never a mix', async () => {
    const dir = folder();
    const path = join(dir, 'datei');
    const a = Buffer.alloc(4 * 1024 * 1024, 'a');
    writeFileAtomic(path, a);
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(new URL('../../../src/apps/epa-desktop/atomic-file.ts', import.meta.url).href)};
      const bytes = [Buffer.alloc(4 * 1024 * 1024, 'a'), Buffer.alloc(4 * 1024 * 1024, 'b')];
      process.stdout.write('writing\\n');
      for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(path)}, bytes[i % 2]);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    // once it has replaced the file at least once, cut it off in the middle of its next writes
    const first = statSync(path).mtimeMs;
    while (statSync(path).mtimeMs === first) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const after = readFileSync(path);
    assert.equal(after.length, a.length);
    assert.ok(after.every((byte) => byte === after[0]) && (after[0] === 0x61 || after[0] === 0x62), 'all a or all b');
  });
});
