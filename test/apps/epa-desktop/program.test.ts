import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../../../src/apps/epa-desktop/data-dir.ts';
import { PassThrough } from 'node:stream';
import { openCommand, reopenOnEnter, startEpaDesktop } from '../../../src/apps/epa-desktop/cli.ts';
import type { Desktop } from '../../../src/apps/epa-desktop/server.tsx';
import type { Io } from '../../../src/apps/terminal.ts';

/** A raw HTTP request, so that the Host header is exactly what a test says. */
function send(url: string, options: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string } = {}) {
  const target = new URL(options.path ?? '/', url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers: { host: options.host ?? target.host, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function recordingIo() {
  const lines: string[] = [];
  const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`), sleep: async () => {} };
  return { io, lines };
}

const PRINTED = /^Bitte öffnen Sie diese Adresse in Ihrem Browser: (http:\/\/127\.0\.0\.1:\d+\/start\?launch=[A-Za-z0-9_-]{43})$/;

/** The browser opens a printed address: the cookie the program lets it in with ("name=value"). */
async function opened(address: string): Promise<string> {
  const answer = await send(address, { path: new URL(address).pathname + new URL(address).search });
  assert.equal(answer.status, 303, answer.body);
  return String(answer.headers['set-cookie']).split(';')[0]!;
}

describe('pforte-epa › the program', () => {
  let desktop: Desktop;
  let lines: string[];
  /** the cookie of the browser that opened the printed address */
  let cookie: string;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'pforte-epa-program-')), 'daten');

  before(async () => {
    const recorded = recordingIo();
    lines = recorded.lines;
    const started = await startEpaDesktop(['--data', dataDir, '--no-open', '--server', 'http://127.0.0.1:3999'], recorded.io);
    assert.ok(typeof started !== 'number', lines.join('\n'));
    desktop = started;
    cookie = await opened(lines.map((l) => PRINTED.exec(l)?.[1]).find(Boolean)!);
  });
  after(() => desktop?.close());

  test('with --no-open it prints its loopback address at a free port, with a secret valid once', () => {
    assert.match(desktop.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(lines.includes(`ePA Desktop Client: ${desktop.url}`), lines.join('\n'));
    const printed = lines.map((l) => PRINTED.exec(l)?.[1]).filter(Boolean);
    assert.equal(printed.length, 1, lines.join('\n'));
    assert.ok(printed[0]!.startsWith(`${desktop.url}start?launch=`));
    assert.ok(lines.includes('Sie gilt einmal und 2 Minuten lang.'), lines.join('\n'));
  });

  test('Enter in the program\'s window prints a fresh address for another browser; each lets in once', async () => {
    const { io, lines: said } = recordingIo();
    const input = new PassThrough();
    const stop = reopenOnEnter(desktop, io, true, input, () => true);
    assert.ok(said.includes('Für einen weiteren Browser: Eingabetaste drücken. Beenden mit Strg+C.'));
    input.write('\n');
    input.write('\n');
    await new Promise((resolve) => setImmediate(resolve));
    stop();
    const printed = said.map((l) => PRINTED.exec(l)?.[1]).filter((a): a is string => Boolean(a));
    assert.equal(new Set(printed).size, 2, said.join('\n'));
    for (const address of printed) {
      const other = await opened(address);
      assert.equal((await send(desktop.url, { headers: { cookie: other } })).status, 200);
      assert.equal((await send(address, { path: new URL(address).pathname + new URL(address).search })).status, 403, 'used once');
    }
  });

  test('a request under another host name is refused (DNS rebinding)', async () => {
    const port = new URL(desktop.url).port;
    for (const host of [`rebind.example:${port}`, `localhost:${port}`, 'rebind.example']) {
      const answer = await send(desktop.url, { host });
      assert.equal(answer.status, 403, host);
      assert.equal(answer.body, 'Diese Anfrage kam nicht über die Adresse des Desktop Clients und wurde abgewiesen.');
    }
    assert.equal((await send(desktop.url, { headers: { cookie } })).status, 200);
  });

  test('a form sent without its token, or from another origin, changes nothing', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = 'benutzername=Anna&kennwort=Lindenbl%C3%BCte+am+Fluss+7&kennwortRepeat=Lindenbl%C3%BCte+am+Fluss+7&terms=ja';
    const missing = await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: { ...form, cookie }, body });
    assert.equal(missing.status, 403);
    assert.match(missing.body, /data-code="csrf.invalid"/);

    const page = await send(desktop.url, { path: '/benutzer-anlegen', headers: { cookie } });
    const both = `${cookie}; ${String(page.headers['set-cookie']).split(';')[0]!}`;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const foreign = await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: { ...form, cookie: both, origin: 'http://rebind.example' }, body: `_csrf=${token}&${body}` });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /data-code="csrf.invalid"/);
    const json = await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: { 'content-type': 'application/json', cookie: both }, body: JSON.stringify({ _csrf: token }) });
    assert.equal(json.status, 403);
    assert.match(json.body, /data-code="csrf.invalid"/);
  });

  test('the screens after the login lead to the login without a local user', async () => {
    for (const path of ['/uebersicht', '/profil', '/vertretung', '/epa']) {
      const answer = await send(desktop.url, { path, headers: { cookie } });
      assert.equal(answer.status, 303, path);
      assert.equal(answer.headers.location, '/');
    }
  });

  test('a second copy of the program on the same data folder does not start, and says how the running one opens again', async () => {
    const { io, lines: said } = recordingIo();
    assert.equal(await startEpaDesktop(['--data', dataDir, '--no-open'], io), 1);
    assert.match(said.join('\n'), /wird bereits von Prozess \d+ verwendet/);
    assert.ok(said.includes('ERR Läuft der ePA-Client dort bereits, drücken Sie in seinem Fenster die Eingabetaste: Er öffnet sich dann erneut im Browser.'), said.join('\n'));
  });

  test('a wrong port or server is a usage error', async () => {
    const { io } = recordingIo();
    assert.equal(await startEpaDesktop(['--port', 'acht'], io), 2);
    assert.equal(await startEpaDesktop(['--server', 'ftp://example.org'], io), 2);
  });
});

describe('pforte-epa › where it keeps its data and how it opens the browser', () => {
  test('Linux: XDG_DATA_HOME, else ~/.local/share', () => {
    assert.equal(defaultDataDir('linux', { XDG_DATA_HOME: '/daten' }, '/home/anna'), '/daten/pforte-epa');
    assert.equal(defaultDataDir('linux', {}, '/home/anna'), '/home/anna/.local/share/pforte-epa');
    assert.equal(defaultDataDir('linux', { XDG_DATA_HOME: 'relativ' }, '/home/anna'), '/home/anna/.local/share/pforte-epa');
  });

  test('macOS: Application Support; Windows: %APPDATA%', () => {
    assert.equal(defaultDataDir('darwin', {}, '/Users/anna'), '/Users/anna/Library/Application Support/pforte-epa');
    assert.equal(defaultDataDir('win32', { APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'C:\\Users\\anna'), 'C:\\Users\\anna\\AppData\\Roaming\\pforte-epa');
  });

  test('xdg-open, open, start', () => {
    assert.deepEqual(openCommand('linux', 'http://127.0.0.1:1/'), { command: 'xdg-open', args: ['http://127.0.0.1:1/'] });
    assert.deepEqual(openCommand('darwin', 'http://127.0.0.1:1/'), { command: 'open', args: ['http://127.0.0.1:1/'] });
    assert.deepEqual(openCommand('win32', 'http://127.0.0.1:1/'), { command: 'cmd', args: ['/c', 'start', '""', 'http://127.0.0.1:1/'] });
  });
});
