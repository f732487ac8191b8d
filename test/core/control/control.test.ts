import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { FormClient } from '../../support/browser-client.ts';
import { waitForMail } from '../../support/mailbox.ts';
import { person } from '../../support/journeys.ts';
import { databaseKinds, createTestDatabase } from '../../support/databases.ts';
import { openDatabase } from '../../../src/core/db/database.ts';
import { LOCK_FILE, lockDataDir } from '../../../src/core/control/data-dir-lock.ts';
import { CONTROL_SOCKET, askServer, listenControl } from '../../../src/core/control/channel.ts';
import { createConnection } from 'node:net';
import { de } from '../../../src/core/i18n/de.ts';
import { freePort, processExit, startServerProcess, stopServerProcess, type ServerProcess } from '../../support/server-process.ts';

// The real processes, as an operator runs them: `npm start` on a data directory and `npx pforte …` next to it.

const ROOT = process.cwd();

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `npx pforte …` as a separate process (bin/pforte.js), optionally from another working directory. */
function pforte(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/pforte.js'), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
}

async function register(base: string, fields = person()): Promise<string> {
  const c = new FormClient(base);
  await c.get('/arbeitgeber/registrierung');
  await c.postForm(fields, '/arbeitgeber/registrierung');
  assert.equal(c.lastStatus, 200, c.text());
  return fields.email;
}

/** A pid that surely belongs to no process any more: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await processExit(child);
  return child.pid!;
}

describe('one process per PGlite data directory; operator commands act through the running server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pforte-control-'));
  const elsewhere = mkdtempSync(join(tmpdir(), 'pforte-control-cwd-'));
  // each FormClient poses as its own address, so the per-address registration limit does not end the stream
  const env: Record<string, string> = { PFORTE_DATA_DIR: dataDir, TRUST_PROXY: 'true' };
  let base = '';
  let server: ServerProcess | null = null;
  const kept = person();
  const expired = person();
  const staffEmail = `sachbearbeitung.${Date.now()}@pforte.example`;
  const answered: string[] = [];

  before(async () => {
    env.PORT = String(await freePort());
    env.MAILBOX_SMTP_PORT = String(await freePort());
    base = `http://127.0.0.1:${env.PORT}`;
    server = await startServerProcess(env, { ready: 'TOTP (otpauth)' });
  });

  after(async () => {
    if (server) await stopServerProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(elsewhere, { recursive: true, force: true });
  });

  test('the running server holds the directory: a lock file naming it, a control socket only its user can open', () => {
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; hostname: string };
    assert.equal(lock.pid, server!.child.pid);
    assert.equal(lock.hostname, hostname());
    const socket = statSync(join(dataDir, CONTROL_SOCKET));
    assert.ok(socket.isSocket());
    assert.equal(socket.mode & 0o777, 0o600);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  });

  test('jobs run retention while the server runs: deletes through the server what is due, and says so', async () => {
    await register(base, expired);
    await waitForMail(base, expired.email, { subject: 'Bestätigung' });
    const run = await pforte(['jobs', 'run', 'retention', '--now', '2099-01-01T00:00:00Z'], env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /retention: 1 Registrierung\(en\) gelöscht \(Stichzeit 2099-01-01T00:00:00\.000Z\)/);
  });

  test('accounts activate while the server runs: it finds what was registered over HTTP a moment ago', async () => {
    await register(base, kept);
    const activate = await pforte(['accounts', 'activate', '--email', kept.email, '--portal', 'arbeitgeber'], env);
    assert.equal(activate.status, 0, activate.stdout + activate.stderr);
    assert.equal(activate.stdout.trim(), `${kept.email} (arbeitgeber) ist aktiviert.`);
  });

  test('staff add while the server runs: the server creates the account and the CLI prints its TOTP secret', async () => {
    const run = await pforte(['staff', 'add', '--email', staffEmail, '--password', 'Backoffice-Passwort-2026', '--role', 'clerk', '--aok', 'by'], env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`Zugang für ${staffEmail.replace(/\./g, '\\.')} \\(clerk\\) angelegt\\.`));
    assert.match(run.stdout, /TOTP-Geheimnis \(base32\): [A-Z2-7]{32}/);
    const again = await pforte(['staff', 'add', '--email', staffEmail, '--password', 'Backoffice-Passwort-2026', '--role', 'clerk', '--aok', 'by'], env);
    assert.equal(again.status, 1);
    assert.equal(again.stdout.trim(), de['staff.exists']);
  });

  test('ik-register import while the server runs: the CLI reads the file in its own directory and sends it; the portal finds the IK at once', async () => {
    writeFileSync(join(elsewhere, 'neu.csv'), 'IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil\n510944114;Praxis über den Steuerkanal;Lindenweg 3;30159;Hannover;Arztpraxis;\n');
    assert.equal((await fetch(`${base}/partner/ik-register/510944114`)).status, 404);
    const run = await pforte(['ik-register', 'import', 'neu.csv'], env, elsewhere);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.trim(), 'IK-Register importiert: 1 neu, 0 aktualisiert.');
    const lookup = await fetch(`${base}/partner/ik-register/510944114`);
    assert.equal(lookup.status, 200);
    assert.equal(((await lookup.json()) as { name: string }).name, 'Praxis über den Steuerkanal');
    const missing = await pforte(['ik-register', 'import', 'gibt-es-nicht.csv'], env, elsewhere);
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /gibt-es-nicht\.csv lässt sich nicht lesen \(ENOENT\)/);
  });

  test('mail retry while the server runs: the server releases the failed mails for its delivery and says how many', async () => {
    const run = await pforte(['mail', 'retry'], env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^mail retry: 0 fehlgeschlagene E-Mail\(s\) werden erneut gesendet/);
  });

  test('a wrong call is answered by the CLI itself with exit 2, server or not', async () => {
    const run = await pforte(['accounts', 'activate', '--email', kept.email], env);
    assert.equal(run.status, 2);
    assert.match(run.stdout, /braucht --email und --portal/);
  });

  test('a second server on the same directory refuses with one line and exit 1; the first keeps serving', async () => {
    const second = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, ...env, PORT: String(await freePort()), MAILBOX_SMTP_PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    second.stdout!.on('data', (d) => (out += d));
    second.stderr!.on('data', (d) => (out += d));
    assert.equal(await processExit(second), 1);
    assert.equal(out.trim().split('\n').length, 1, out);
    assert.match(out, new RegExp(`Pforte konnte nicht starten: Das Datenverzeichnis .* wird bereits von Prozess ${server!.child.pid} verwendet`));
    assert.equal((await fetch(`${base}/partner/ik-register/510944114`)).status, 200);
  });

  test('SIGTERM: the server stops, and takes its lock and socket with it', async () => {
    assert.equal(await stopServerProcess(server!.child), 0);
    server = null;
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);
    assert.equal(existsSync(join(dataDir, CONTROL_SOCKET)), false);
  });

  test('a process holds the directory but answers no socket: the CLI refuses with one line on stderr, exit 1, and changes nothing', async () => {
    const held = lockDataDir(dataDir);
    try {
      const run = await pforte(['staff', 'add', '--email', `nie.${staffEmail}`, '--password', 'Backoffice-Passwort-2026', '--role', 'admin'], env);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, new RegExp(`wird bereits von Prozess ${process.pid} verwendet .*antwortet kein Server; der Befehl wurde nicht ausgeführt\\.`));
    } finally {
      held.release();
    }
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db.selectFrom('staff').select('email').where('email', '=', `nie.${staffEmail}`).execute();
      assert.deepEqual(rows, []);
    } finally {
      await database.close();
    }
  });

  test('no server: the CLI takes the directory itself, and a lock and socket left by a dead process are taken over', async () => {
    const dead = await deadPid();
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: dead, hostname: hostname(), since: '2026-12-01T00:00:00.000Z', token: 'tot' }));
    // a killed server leaves its socket file; nobody answers on it
    writeFileSync(join(dataDir, CONTROL_SOCKET), '');
    const run = await pforte(['accounts', 'activate', '--email', kept.email, '--portal', 'arbeitgeber'], env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.trim(), `${kept.email} (arbeitgeber) ist aktiviert.`);
    assert.equal(existsSync(join(dataDir, LOCK_FILE)), false, 'released when the command ends');
  });

  test('SIGKILL during a stream of registrations: the next start opens the directory (taking over the dead lock)', async () => {
    server = await startServerProcess(env, { ready: 'TOTP (otpauth)' });
    const killed = server;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          answered.push(await register(base));
        } catch {
          return; // the server is gone
        }
      }
    };
    let running = 2;
    const writers = [writer(), writer()].map((w) => w.finally(() => (running -= 1)));
    while (answered.length < 4 && running > 0) await new Promise((r) => setTimeout(r, 50));
    assert.equal(running, 2, 'both writers were still writing when the server was killed');
    killed.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    assert.equal(await processExit(killed.child), null, 'killed, no exit code');
    assert.ok(existsSync(join(dataDir, LOCK_FILE)), 'the dead server left its lock behind');

    server = await startServerProcess(env, { ready: 'TOTP (otpauth)' });
    assert.match(server.output(), /Pforte läuft auf/);
    await waitForMail(base, kept.email, { subject: 'Bestätigung' });
    assert.equal((await fetch(`${base}/partner/ik-register/510944114`)).status, 200);
    assert.equal(await stopServerProcess(server.child), 0);
    server = null;
  });

  test('after all this the directory opens with every answered write and every command effect in it', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const { db } = database;
      const accounts = await db.selectFrom('accounts').select(['email', 'status']).where('portal', '=', 'arbeitgeber').execute();
      const emails = new Set(accounts.map((a) => a.email));
      for (const email of answered) assert.ok(emails.has(email), `registration ${email} was answered before the kill and is there`);
      assert.equal(accounts.find((a) => a.email === kept.email)?.status, 'active', 'activated by the CLI through the server');
      assert.equal(emails.has(expired.email), false, 'deleted by the retention run through the server');
      const staff = await db.selectFrom('staff').select(['email', 'role']).where('email', '=', staffEmail).execute();
      assert.deepEqual(staff, [{ email: staffEmail, role: 'clerk' }]);
      const ik = await db.selectFrom('ik_register').select('name').where('ik', '=', '510944114').executeTakeFirst();
      assert.equal(ik?.name, 'Praxis über den Steuerkanal');
      const actions = (await db.selectFrom('audit_log').select('action').where('actor', '=', 'operator:cli').execute()).map((r) => r.action);
      assert.ok(actions.includes('account.activated'));
    } finally {
      await database.close();
    }
  });
});

test('stale lock race: of several processes that find the same dead lock, exactly one takes the directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pforte-lock-race-'));
  try {
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), hostname: hostname(), since: '2026-12-01T00:00:00.000Z', token: 'tot' }));
    // each contender loads the lock module, says "ready", and on "go" takes the lock, says what
    // happened, and holds it until its stdin closes: all of them try at the same moment
    const script = `
      import { lockDataDir } from ${JSON.stringify(join(ROOT, 'src/core/control/data-dir-lock.ts'))};
      console.log('ready');
      process.stdin.once('data', () => {
        try { lockDataDir(${JSON.stringify(dir)}); console.log('taken'); process.stdin.on('end', () => process.exit(0)); }
        catch (error) { console.log(error.name); process.exit(0); }
      });`;
    const contenders = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      const line = (n: number) =>
        new Promise<string>((resolve) => {
          const check = () => {
            // a line counts once its newline has arrived
            const lines = out.split('\n');
            if (lines.length > n + 1) resolve(lines[n]!);
          };
          child.stdout!.on('data', check);
          child.on('exit', () => resolve(out.split('\n')[n] ?? ''));
          check();
        });
      child.stdout!.on('data', (d) => (out += d));
      return { child, line };
    });
    try {
      assert.deepEqual(await Promise.all(contenders.map((c) => c.line(0))), ['ready', 'ready', 'ready', 'ready']);
      for (const c of contenders) c.child.stdin!.write('go\n');
      const answers = await Promise.all(contenders.map((c) => c.line(1)));
      assert.equal(answers.filter((a) => a === 'taken').length, 1, answers.join(', '));
      assert.equal(answers.filter((a) => a === 'DataDirLockedError').length, 3, answers.join(', '));
    } finally {
      for (const c of contenders) c.child.stdin!.end();
      await Promise.all(contenders.map((c) => processExit(c.child)));
    }
    assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the winner released it on exit');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('control channel › a malformed request is refused with exit 2, and the channel keeps answering', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pforte-channel-'));
  const seen: string[][] = [];
  const channel = await listenControl(dir, async (request, out) => {
    seen.push(request.argv);
    out(`bekommen: ${request.argv.join(' ')} (${request.files.get('a.csv')?.toString('utf8') ?? '-'})`);
    return 3;
  });
  const raw = (text: string) =>
    new Promise<string>((resolve) => {
      const socket = createConnection(join(dir, CONTROL_SOCKET));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (answer += d));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => {});
      socket.write(text);
    });
  try {
    for (const bad of ['kein json\n', '{"argv":"jobs run retention"}\n', '{"argv":[],"files":{"a.csv":"%%%"}}\n', `{"argv":[${'"x",'.repeat(100)}"x"]}\n`]) {
      const answer = await raw(bad);
      assert.equal(answer, '{"ready":true}\n{"out":"Die Anfrage ist ungültig."}\n{"exit":2}\n', bad);
    }
    assert.deepEqual(seen, [], 'no malformed request reached the commands');
    const lines: string[] = [];
    const code = await askServer(dir, { argv: ['ik-register', 'import', 'a.csv'], files: new Map([['a.csv', Buffer.from('IK;Name\n')]]) }, (l) => lines.push(l));
    assert.equal(code, 3);
    assert.deepEqual(lines, ['bekommen: ik-register import a.csv (IK;Name\n)']);
  } finally {
    await channel.close();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(await askServer(dir, { argv: ['jobs', 'run', 'retention'], files: new Map() }, () => {}), null, 'no server: null, the CLI goes its own way');
});

if (databaseKinds.includes('postgres')) {
  test('DATABASE_URL: no lock is needed, the CLI opens PostgreSQL even next to a locked data directory', async () => {
    const database = await createTestDatabase('postgres');
    const dir = mkdtempSync(join(tmpdir(), 'pforte-control-pg-'));
    const held = lockDataDir(dir);
    try {
      const run = await pforte(['jobs', 'run', 'retention'], { PFORTE_DATA_DIR: dir, DATABASE_URL: database.url! });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /retention: 0 Registrierung\(en\) gelöscht/);
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      const migrated = await c.query(`select count(*)::int as n from kysely_migration`);
      await c.end();
      assert.ok(migrated.rows[0].n > 0, 'the CLI migrated and ran on PostgreSQL');
    } finally {
      held.release();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
