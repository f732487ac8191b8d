import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on right now, for a server process or an SMTP catcher of a test. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** everything it printed so far, stdout and stderr */
  output(): string;
}

/**
 * `src/main.ts` as its own process through tsx (or `args` for node, such as the compiled
 * `--enable-source-maps dist/main.js` that `npm start` runs), resolved once it printed `ready`
 * (the last line of its start: "Backoffice:" always, "TOTP (otpauth)" with the embedded database).
 */
export function startServerProcess(env: Record<string, string>, options: { ready?: string; timeoutMs?: number; args?: string[] } = {}): Promise<ServerProcess> {
  const ready = options.ready ?? 'Backoffice:';
  const child = spawn(process.execPath, options.args ?? ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), options.timeoutMs ?? 90_000);
    child.stdout!.on('data', () => {
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', () => reject(new Error(`exited: ${out}`)));
  });
}

/** Its exit code once it has ended (null when a signal ended it). */
export function processExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
  });
}

/** Sends the signal and waits for the end; a process that has ended already is left alone. */
export function stopServerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const done = processExit(child);
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return done;
}
