import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DataDirLockedError } from '../../core/control/data-dir-lock.ts';
import { CliError, defaultIo, normaliseServer, type Io } from '../terminal.ts';
import { defaultDataDir } from './data-dir.ts';
import { startDesktop, type Desktop } from './server.tsx';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * The local `npm start`, by the address it prints (its PUBLIC_URL): the Ident provider names itself
 * by that address, and a client that asked under another name (localhost) refuses the answer.
 */
export const DEFAULT_SERVER = 'http://127.0.0.1:3000';

const USAGE = `pforte-epa – der ePA Desktop Client

  pforte-epa [--data VERZEICHNIS] [--server URL] [--port N] [--no-open]

Zeigt seine Seiten unter http://127.0.0.1:<Port>/ nur auf diesem Computer und nur dem Browser, den es
dafür öffnet: Die Adresse zum Öffnen gilt einmal und 2 Minuten lang. Die Eingabetaste in diesem
Fenster öffnet den ePA-Client erneut (mit --no-open: gibt eine neue Adresse aus).
  --data      Ablage der lokalen Benutzer (Standard: ${defaultDataDir()})
  --server    Adresse des ePA-Dienstes (Standard: ${DEFAULT_SERVER})
  --port      fester Port (Standard: ein freier)
  --no-open   keinen Browser öffnen, nur die Adresse ausgeben
Beenden mit Strg+C.`;

/** The system's way to open an address in the default browser. */
export function openCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // start's first quoted argument is a window title
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Opens the browser; false when the command is missing or says it failed. */
function openBrowser(url: string): Promise<boolean> {
  const { command, args } = openCommand(process.platform, url);
  return new Promise((done) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: process.platform !== 'win32', windowsVerbatimArguments: process.platform === 'win32' });
      child.on('error', () => done(false));
      child.on('exit', (code) => done(code === 0));
      child.unref();
    } catch {
      done(false);
    }
  });
}

/**
 * The launch address in a page only this OS user can read, whose file address the browser is
 * given instead: a command line (xdg-open's, the browser's) is readable by every account on the
 * computer in /proc, and another account polling it could spend the secret before the browser
 * does. The page forwards at once; written under a temporary name with mode 0600, then renamed.
 */
export function launchFile(dataDir: string, address: string): string {
  const file = join(dataDir, 'oeffnen.html');
  const partial = `${file}.${process.pid}`;
  const href = address.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(
    partial,
    `<!doctype html><html lang="de"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>ePA Desktop Client</title><p><a href="${href}">ePA Desktop Client öffnen</a></p></html>\n`,
    { mode: 0o600 },
  );
  renameSync(partial, file);
  return pathToFileURL(file).href;
}

/**
 * Opens the client in the browser by a fresh launch address (launch-gate.ts), or prints that address.
 * Printed, it is the one secret on the terminal: valid once, for 2 minutes.
 */
export async function openClient(desktop: Desktop, io: Io, noOpen: boolean): Promise<void> {
  const address = desktop.launchUrl();
  if (noOpen || !(await openBrowser(launchFile(desktop.dataDir, address)))) {
    io.out(`Bitte öffnen Sie diese Adresse in Ihrem Browser: ${address}`);
    io.out('Sie gilt einmal und 2 Minuten lang.');
  }
}

/**
 * Enter in the program's window opens the client once more (another browser, or one's own after it
 * was closed and forgot its cookie): the only way in besides a new start, which the data folder's
 * lock refuses while the program runs. Returns what stops listening.
 */
export function reopenOnEnter(desktop: Desktop, io: Io, noOpen: boolean, input: NodeJS.ReadableStream = process.stdin, mayRead = terminalIsOurs): () => void {
  io.out('Für einen weiteren Browser: Eingabetaste drücken. Beenden mit Strg+C.');
  const lines = createInterface({ input, terminal: false });
  lines.on('line', () => void openClient(desktop, io, noOpen));
  // a background job that reads its terminal is stopped by the system (SIGTTIN), server and all:
  // read only while in the foreground, looked at again whenever the shell moves the job (fg, bg)
  const follow = () => (mayRead() ? lines.resume() : lines.pause());
  follow();
  if (process.platform !== 'win32') process.on('SIGCONT', follow);
  return () => {
    process.off('SIGCONT', follow);
    lines.close();
  };
}

/** stdin may be read: not a terminal (a pipe, /dev/null), or a terminal whose foreground job this is. */
function terminalIsOurs(): boolean {
  if (!process.stdin.isTTY || process.platform === 'win32') return true;
  try {
    // /proc/self/stat after the command's name: state ppid pgrp session tty_nr tpgid
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[2] === fields[5];
  } catch {
    const ps = spawnSync('ps', ['-o', 'tpgid=,pgid=', '-p', String(process.pid)], { encoding: 'utf8' });
    const [tpgid, pgid] = (ps.stdout ?? '').trim().split(/\s+/);
    return tpgid !== undefined && tpgid === pgid;
  }
}

function parsePort(raw: unknown): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!/^\d+$/.test(String(raw)) || n < 1 || n > 65_535) throw new CliError(`--port ist kein Port (1 bis 65535): ${String(raw)}`, EXIT.usage);
  return n;
}

/** Starts the client; resolves with the running desktop (the process keeps running until a signal). */
export async function startEpaDesktop(argv: string[], io: Io = defaultIo): Promise<Desktop | number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, server: { type: 'string' }, port: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean' } },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  try {
    const server = normaliseServer(values.server ?? DEFAULT_SERVER, EXIT.usage);
    const dataDir = resolve(values.data ?? defaultDataDir());
    const desktop = await startDesktop({ dataDir, server, port: parsePort(values.port) });
    io.out(`ePA Desktop Client: ${desktop.url}`);
    io.out(`Daten: ${dataDir} · ePA-Dienst: ${server}`);
    await openClient(desktop, io, values['no-open'] === true);
    return desktop;
  } catch (error) {
    io.err(error instanceof CliError ? error.message : `Fehler: ${(error as Error).message}`);
    // starting it again is how one would open the client once more; the running copy does that on Enter
    if (error instanceof DataDirLockedError) io.err('Läuft der ePA-Client dort bereits, drücken Sie in seinem Fenster die Eingabetaste: Er öffnet sich dann erneut im Browser.');
    return error instanceof CliError ? error.exit : EXIT.failure;
  }
}

/** `pforte-epa`: runs until Ctrl+C or SIGTERM, then closes its server and releases its data folder. */
export async function runEpaDesktop(argv: string[]): Promise<number> {
  const started = await startEpaDesktop(argv);
  if (typeof started === 'number') return started;
  const stopListening = reopenOnEnter(started, defaultIo, argv.includes('--no-open'));
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  stopListening();
  // a terminal's stdin would otherwise keep the process alive after the server closed
  process.stdin.destroy();
  await started.close();
  return EXIT.ok;
}
