import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormClient } from '../../support/browser-client.ts';
import { freePort, processExit, startServerProcess, stopServerProcess } from '../../support/server-process.ts';

/** A raw connection to the server, and everything it has answered so far. */
function rawConnection(port: number): { socket: Socket; answer: () => string; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, answer: () => answer, closed };
}

/** Whether a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('npm start › SIGTERM drains: /readyz 503, no new connection, the request in flight is answered, one that never ends is cut after SHUTDOWN_TIMEOUT_SECONDS, the metrics listener closes too, exit 0', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pforte-drain-'));
  const port = await freePort();
  const metricsPort = await freePort();
  const run = await startServerProcess(
    { PFORTE_DATA_DIR: dataDir, PORT: String(port), MAILBOX_SMTP_PORT: String(await freePort()), METRICS_PORT: String(metricsPort), SHUTDOWN_TIMEOUT_SECONDS: '5' },
    { ready: 'TOTP (otpauth)', timeoutMs: 90_000 },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/readyz`)).status, 200, 'ready before the signal');
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    assert.match(run.output(), new RegExp(`Metriken \\(intern\\): +${metricsUrl.replace(/\./g, '\\.')}`), 'the banner names the internal metrics address');
    assert.equal((await fetch(metricsUrl)).status, 200);

    // a login whose form is half sent when the signal comes: it reached the server before the drain
    const browser = new FormClient(base);
    await browser.get('/arbeitgeber/login');
    const action = browser.lastHtml.match(/<form[^>]*action="([^"]*login[^"]*)"/)![1]!.replace(/&amp;/g, '&');
    const cookie = browser.cookieList().map(([k, v]) => `${k}=${v}`).join('; ');
    const body = new URLSearchParams({ _csrf: browser.csrf(), email: 'niemand@example.de', password: 'Falsch-aber-lang-genug-1' }).toString();
    const inFlight = rawConnection(port);
    inFlight.socket.write(`POST ${action} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`);
    inFlight.socket.write(body.slice(0, 10));
    // a readiness probe on a connection that is already open, and an upload that never ends
    const probe = rawConnection(port);
    probe.socket.write('GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const stuck = rawConnection(port);
    stuck.socket.write('POST /arbeitgeber/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n_csrf=');
    await new Promise((r) => setTimeout(r, 300));

    const signalled = Date.now();
    const exit = processExit(run.child);
    run.child.kill('SIGTERM');
    await until('the listener to close', () => refused(port));
    assert.equal(run.child.exitCode, null, 'still running while requests are in flight');
    assert.equal((await fetch(metricsUrl)).status, 200, 'the drain can still be watched: the metrics listener closes after the main one');

    // a probe on a connection opened before (the only way a load balancer still reaches a draining
    // process) is answered 503: the server answers every request that starts after the drain so
    probe.socket.write('\r\n');
    await until('the probe’s answer', () => probe.answer().includes('\r\n\r\n'));
    assert.match(probe.answer(), /^HTTP\/1\.1 503 /, 'readiness is refused while draining');

    inFlight.socket.write(body.slice(10));
    await until('the login’s answer', () => inFlight.answer().includes('</html>'));
    assert.match(inFlight.answer(), /^HTTP\/1\.1 401 /, 'the login in flight was answered by its handler, database and all');
    assert.match(inFlight.answer(), /E-Mail-Adresse oder Passwort/);

    assert.equal(await exit, 0);
    const took = Date.now() - signalled;
    assert.ok(took >= 4_500 && took < 15_000, `the upload that never ended held the stop for SHUTDOWN_TIMEOUT_SECONDS, then was cut (${took} ms)`);
    await stuck.closed;
    assert.equal(stuck.answer(), '', 'the cut upload got no answer');
    assert.match(run.output(), /SIGTERM empfangen/);
    assert.equal(await refused(metricsPort), true, 'the metrics listener closed with the process');
  } finally {
    await stopServerProcess(run.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
