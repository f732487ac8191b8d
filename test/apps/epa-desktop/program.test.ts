import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir } from '../../../src/apps/epa-desktop/data-dir.ts';
import { openCommand, startEpaDesktop } from '../../../src/apps/epa-desktop/cli.ts';
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

describe('pforte-epa › the program', () => {
  let desktop: Desktop;
  let lines: string[];
  const dataDir = join(mkdtempSync(join(tmpdir(), 'pforte-epa-program-')), 'daten');

  before(async () => {
    const recorded = recordingIo();
    lines = recorded.lines;
    const started = await startEpaDesktop(['--data', dataDir, '--no-open', '--server', 'http://127.0.0.1:3999'], recorded.io);
    assert.ok(typeof started !== 'number', lines.join('\n'));
    desktop = started;
  });
  after(() => desktop?.close());

  test('with --no-open it prints its loopback address at a free port', () => {
    assert.match(desktop.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(lines.includes(`Bitte öffnen Sie diese Adresse in Ihrem Browser: ${desktop.url}`), lines.join('\n'));
  });

  test('a request under another host name is refused (DNS rebinding)', async () => {
    const port = new URL(desktop.url).port;
    for (const host of [`rebind.example:${port}`, `localhost:${port}`, 'rebind.example']) {
      const answer = await send(desktop.url, { host });
      assert.equal(answer.status, 403, host);
      assert.equal(answer.body, 'Diese Anfrage kam nicht über die Adresse des Desktop Clients und wurde abgewiesen.');
    }
    assert.equal((await send(desktop.url)).status, 200);
  });

  test('a form sent without its token, or from another origin, changes nothing', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = 'benutzername=Anna&kennwort=Lindenbl%C3%BCte+am+Fluss+7&kennwortRepeat=Lindenbl%C3%BCte+am+Fluss+7&terms=ja';
    assert.equal((await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: form, body })).status, 403);

    const page = await send(desktop.url, { path: '/benutzer-anlegen' });
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const foreign = await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: { ...form, cookie, origin: 'http://rebind.example' }, body: `_csrf=${token}&${body}` });
    assert.equal(foreign.status, 403);
    const json = await send(desktop.url, { method: 'POST', path: '/benutzer-anlegen', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ _csrf: token }) });
    assert.equal(json.status, 403);
  });

  test('the screens after the login lead to the login without a local user', async () => {
    for (const path of ['/uebersicht', '/profil', '/vertretung', '/epa']) {
      const answer = await send(desktop.url, { path });
      assert.equal(answer.status, 303, path);
      assert.equal(answer.headers.location, '/');
    }
  });

  test('a second copy of the program on the same data folder does not start', async () => {
    const { io, lines: said } = recordingIo();
    assert.equal(await startEpaDesktop(['--data', dataDir, '--no-open'], io), 1);
    assert.match(said.join('\n'), /wird bereits von Prozess \d+ verwendet/);
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
