import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../../../src/core/clock/clock.ts';
import { createLocalUsers } from '../../../src/apps/epa-desktop/local-users.ts';
import { defaultCacheDir, unpackAddon } from '../../../src/apps/epa-desktop/executable/addon.ts';
import { FormClient } from '../../support/browser-client.ts';
import { processExit, stopServerProcess } from '../../support/server-process.ts';

const EXECUTABLE = join('dist', process.platform === 'win32' ? 'pforte-epa.exe' : 'pforte-epa');
const KENNWORT = 'Lindenblüte am Fluss 7';

/** Why `npm run build:epa` cannot run here, or undefined when it can (Node 20.12+ with SEA support, esbuild, postject). */
function missingBuildTools(): string | undefined {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  if (major < 20 || (major === 20 && minor < 12)) return `Node ${process.versions.node} has no SEA assets (20.12+)`;
  if (!readFileSync(process.execPath).includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2')) return `${process.execPath} is built without single-executable support`;
  const require = createRequire(import.meta.url);
  for (const tool of ['esbuild', 'postject']) {
    try {
      require.resolve(tool);
    } catch {
      return `${tool} is not installed`;
    }
  }
  return undefined;
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${out}`))));
  });
}

const PRINTED = /Bitte öffnen Sie diese Adresse in Ihrem Browser: ((http:\/\/127\.0\.0\.1:\d+\/)start\?launch=[\w-]+)/g;

interface Executable {
  child: ChildProcess;
  /** the bare address */
  url: string;
  /** the address it printed to open (valid once) */
  launch: string;
  output: () => string;
  /** Enter in its window: the fresh address it prints for another browser */
  nextAddress(): Promise<string>;
}

/** The executable started as a person would, with --no-open: resolved once it printed the address to open in the browser. */
function startExecutable(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<Executable> {
  // from another folder than the sources: it needs nothing beside itself
  const child = spawn(resolve(EXECUTABLE), args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  child.stdout!.on('data', (d) => (out += d));
  const address = (count: number) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address: ${out}`)), 20_000);
      const look = () => {
        const found = [...out.matchAll(PRINTED)][count - 1];
        if (!found) return;
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(found);
      };
      child.stdout!.on('data', look);
      look();
    });
  return Promise.race([
    address(1).then((first) => ({
      child,
      url: first[2]!,
      launch: first[1]!,
      output: () => out,
      nextAddress: async () => {
        const count = [...out.matchAll(PRINTED)].length + 1;
        child.stdin!.write('\n');
        return (await address(count))[1]!;
      },
    })),
    new Promise<never>((_, reject) => child.on('exit', () => reject(new Error(`exited: ${out}`)))),
  ]);
}

const missing = missingBuildTools();

describe('pforte-epa as a single executable (npm run build:epa)', { skip: missing && `build tools missing: ${missing}` }, () => {
  const base = mkdtempSync(join(tmpdir(), 'pforte-epa-sea-'));
  const dataDir = join(base, 'daten');
  const cacheHome = join(base, 'cache');
  let program: Executable | undefined;
  let browser: FormClient;

  before(async () => {
    await run(process.execPath, ['scripts/build-epa.mjs']);
    // a local user made by the program run from the sources, before the executable opens the folder
    const made = await createLocalUsers(dataDir, systemClock).create({ name: 'Bert', kennwort: KENNWORT, kennwortRepeat: KENNWORT, terms: true });
    assert.ok(made.ok);
    program = await startExecutable(['--no-open', '--data', dataDir, '--server', 'http://127.0.0.1:3999'], { cwd: base, env: { XDG_CACHE_HOME: cacheHome } });
    browser = new FormClient(program.url);
  });
  after(async () => {
    if (program) await stopServerProcess(program.child);
  });

  test('the build leaves one executable in dist/', () => {
    assert.ok(existsSync(EXECUTABLE));
    assert.ok(statSync(EXECUTABLE).size > 10 * 1024 * 1024, 'node and the program in one file');
  });

  test('started with --no-open it prints its address and shows the login page there', async () => {
    assert.match(program!.output(), new RegExp(`^ePA Desktop Client: ${program!.url}\n`));
    await browser.get('/');
    assert.equal(browser.lastStatus, 403, 'not before the address it printed');
    await browser.get(program!.launch);
    assert.equal(browser.lastUrl, program!.url);
    assert.equal(browser.lastStatus, 200);
    assert.match(browser.text(), /Bitte melden Sie sich mit Ihren Anmeldedaten für dieses Gerät an\./);
  });

  test('the style sheets and the icon come from inside the executable, byte for byte', async () => {
    for (const [path, file] of [
      ['/assets/pforte.css', 'public/pforte.css'],
      ['/assets/epa/epa-desktop.css', 'src/apps/epa-desktop/assets/epa-desktop.css'],
      ['/assets/epa/epa-icon.svg', 'src/apps/epa-desktop/assets/epa-icon.svg'],
    ] as const) {
      const answer = await fetch(new URL(path, program!.url));
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers.get('content-type'), file.endsWith('.css') ? 'text/css; charset=utf-8' : 'image/svg+xml', path);
      assert.deepEqual(Buffer.from(await answer.arrayBuffer()), readFileSync(file), path);
    }
  });

  test('a browser with the style sheet cached gets 304; an unknown asset is the 404 page', async () => {
    const url = new URL('/assets/pforte.css', program!.url);
    const etag = (await fetch(url)).headers.get('etag')!;
    assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);
    const missing = await fetch(new URL('/assets/keine.css', program!.url));
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /data-code="request.not_found">Diese Seite gibt es nicht\./);
  });

  test('"Neuen lokalen Benutzer anlegen" works (argon2 from the embedded addon) and leads to the Übersicht', async () => {
    await browser.get('/benutzer-anlegen');
    await browser.postForm({ benutzername: 'Anna', kennwort: KENNWORT, kennwortRepeat: KENNWORT, terms: 'ja' }, '/benutzer-anlegen');
    assert.match(browser.lastUrl, /\/uebersicht/);
    assert.match(browser.text(), /Ihr lokaler Benutzer wurde angelegt/);
  });

  test('the Profil names the package version', async () => {
    await browser.get('/profil');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    assert.match(browser.text(), new RegExp(`Softwareversion ${version.replace(/\./g, '\\.')}`));
  });

  test('after Abmelden, Anmelden with the Kennwort opens the Übersicht again', async () => {
    await browser.postForm({}, '/abmelden');
    assert.equal(new URL(browser.lastUrl).pathname, '/');
    await browser.postForm({ benutzername: 'Anna', kennwort: KENNWORT }, '/anmelden');
    assert.equal(new URL(browser.lastUrl).pathname, '/uebersicht');
  });

  test('a local user made by npx pforte-epa logs in to the executable', async () => {
    const other = new FormClient(program!.url);
    await other.get(await program!.nextAddress());
    await other.postForm({ benutzername: 'Bert', kennwort: KENNWORT }, '/anmelden');
    assert.equal(new URL(other.lastUrl).pathname, '/uebersicht');
  });

  test('the native addon is unpacked into the OS user\'s cache folder, for this user only', { skip: process.platform === 'win32' && 'Unix permissions' }, () => {
    const native = join(cacheHome, 'pforte-epa', 'native');
    const [folder] = readdirSync(native);
    assert.match(folder!, /^[0-9a-f]{16}$/);
    assert.equal(statSync(join(native, folder!)).mode & 0o777, 0o700);
    assert.deepEqual(readdirSync(join(native, folder!)), ['argon2.node']);
  });

  test('SIGTERM ends it cleanly, and the sources open the local user it made', { skip: process.platform === 'win32' && 'no SIGTERM on Windows' }, async () => {
    assert.equal(await stopServerProcess(program!.child), 0);
    assert.equal(await processExit(program!.child), 0);
    const opened = await createLocalUsers(dataDir, systemClock).unlock('Anna', KENNWORT);
    assert.ok(opened.ok);
  });
});

describe('pforte-epa executable › where it unpacks its native addon', () => {
  test('the OS user\'s cache folder: XDG_CACHE_HOME or ~/.cache, Library/Caches, %LOCALAPPDATA%', () => {
    assert.equal(defaultCacheDir('linux', { XDG_CACHE_HOME: '/cache' }, '/home/anna'), '/cache/pforte-epa');
    assert.equal(defaultCacheDir('linux', { XDG_CACHE_HOME: 'relativ' }, '/home/anna'), '/home/anna/.cache/pforte-epa');
    assert.equal(defaultCacheDir('darwin', {}, '/Users/anna'), '/Users/anna/Library/Caches/pforte-epa');
    assert.equal(defaultCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\anna\\AppData\\Local' }, 'C:\\Users\\anna'), 'C:\\Users\\anna\\AppData\\Local\\pforte-epa\\Cache');
  });

  test('a changed file at the addon\'s place is replaced by the embedded bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pforte-epa-addon-'));
    const bytes = Buffer.from('die echten Bytes');
    const file = unpackAddon(bytes, 'argon2.node', dir);
    writeFileSync(file, 'etwas anderes');
    assert.equal(unpackAddon(bytes, 'argon2.node', dir), file);
    assert.deepEqual(readFileSync(file), bytes);
  });

  test('a folder that others may write to is refused, nothing is loaded from it', { skip: process.platform === 'win32' && 'Unix permissions' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'pforte-epa-addon-'));
    const bytes = Buffer.from('die echten Bytes');
    const folder = join(dir, createHash('sha256').update(bytes).digest('hex').slice(0, 16));
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    assert.throws(() => unpackAddon(bytes, 'argon2.node', dir), /gehört nicht allein diesem Benutzer/);
  });
});
