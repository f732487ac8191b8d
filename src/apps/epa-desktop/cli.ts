import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
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

Zeigt seine Seiten unter http://127.0.0.1:<Port>/ nur auf diesem Computer und öffnet sie im Browser.
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
    if (values['no-open'] || !(await openBrowser(desktop.url))) {
      io.out(`Bitte öffnen Sie diese Adresse in Ihrem Browser: ${desktop.url}`);
    }
    return desktop;
  } catch (error) {
    io.err(error instanceof CliError ? error.message : `Fehler: ${(error as Error).message}`);
    return error instanceof CliError ? error.exit : EXIT.failure;
  }
}

/** `pforte-epa`: runs until Ctrl+C or SIGTERM, then closes its server and releases its data folder. */
export async function runEpaDesktop(argv: string[]): Promise<number> {
  const started = await startEpaDesktop(argv);
  if (typeof started === 'number') return started;
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await started.close();
  return EXIT.ok;
}
