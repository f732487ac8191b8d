import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The local control channel: while the server holds the embedded database, operator commands
 * (`npx pforte …`) cannot open it themselves and ask the server to run them instead.
 *
 * A Unix socket in the data directory, never TCP. Who may connect is decided by the file
 * system: the socket has mode 0600 and the data directory 0700, so only the OS user that runs
 * the server (and root) can reach it, the same user who could read secrets.json and the
 * database files next to it anyway. Commands over the socket therefore need no password.
 *
 * Protocol, one JSON object per line: the server greets with {"ready":true}; the client sends
 * one request {"argv":[…],"files":{"name":"base64"}}; the server answers {"out":"line"} for
 * each line of output and ends with {"exit":code}.
 */
export const CONTROL_SOCKET = 'control.sock';

/** A whole IK register as CSV is a few MiB; the cap keeps one request from filling the memory. */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** A socket address holds 108 bytes on Linux, 104 on macOS, with the final NUL; a longer path would be cut. */
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;
/** How long a client waits for the greeting before it takes the server for not answering. */
const GREETING_MS = 10_000;

export interface ControlRequest {
  argv: string[];
  /** files the command reads, read by the client (the server may not share its working directory) */
  files: Map<string, Buffer>;
}

export type ControlHandler = (request: ControlRequest, out: (line: string) => void) => Promise<number>;

const requestSchema = z.object({
  argv: z.array(z.string().max(10_000)).max(100),
  files: z.record(z.string().max(4096), z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)).default({}),
});

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

export interface ControlServer {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on the data directory's socket. Call only while holding the directory's lock: a
 * socket file found there is then a dead server's and is removed.
 */
export async function listenControl(dataDir: string, handler: ControlHandler): Promise<ControlServer> {
  const path = controlSocketPath(dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) throw new Error(`${path} ist länger als ${MAX_SOCKET_PATH} Byte`);
  chmodSync(dataDir, 0o700);
  rmSync(path, { force: true });
  // connections that have not sent their command yet; closing the channel drops them, while
  // a command already running finishes (the caller closes the database afterwards)
  const waiting = new Set<Socket>();
  const server: Server = createServer((socket) => serve(socket, handler, waiting));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // bind() happens inside listen(): with this umask the socket never exists with wider rights
    const previous = process.umask(0o177);
    try {
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    } finally {
      process.umask(previous);
    }
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          rmSync(path, { force: true });
          resolve();
        });
        for (const socket of waiting) socket.destroy();
      }),
  };
}

function serve(socket: Socket, handler: ControlHandler, waiting: Set<Socket>) {
  const send = (message: object) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
  };
  const reject = (line: string) => {
    send({ out: line });
    send({ exit: 2 });
    socket.end();
  };
  waiting.add(socket);
  socket.on('close', () => waiting.delete(socket));
  socket.on('error', () => socket.destroy());
  // a client that connects and says nothing does not keep a connection (or the shutdown) waiting
  socket.setTimeout(GREETING_MS * 3, () => socket.destroy());
  send({ ready: true });
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    const end = chunk.indexOf(10);
    chunks.push(end < 0 ? chunk : chunk.subarray(0, end));
    size += chunk.length;
    if (end < 0 && size <= MAX_REQUEST_BYTES) return;
    socket.off('data', onData);
    socket.setTimeout(0);
    waiting.delete(socket);
    if (end < 0) return reject('Die Anfrage ist zu groß.');
    let request: ControlRequest;
    try {
      const parsed = requestSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      request = { argv: parsed.argv, files: new Map(Object.entries(parsed.files).map(([name, b64]) => [name, Buffer.from(b64, 'base64')])) };
    } catch {
      return reject('Die Anfrage ist ungültig.');
    }
    handler(request, (line) => send({ out: line }))
      .catch((error: Error) => {
        send({ out: `Fehler: ${error.message}` });
        return 1;
      })
      .then((exit) => {
        send({ exit });
        socket.end();
      });
  };
  socket.on('data', onData);
}

/**
 * Sends a command to the server that holds the data directory. Returns its exit code, or
 * null when no server answers there (no socket, a dead server's socket, no greeting in time):
 * then the command must not have run.
 */
export function askServer(dataDir: string, request: ControlRequest, out: (line: string) => void): Promise<number | null> {
  const path = controlSocketPath(dataDir);
  // the server does not listen on a path that would be cut (see listenControl)
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return Promise.resolve(null);
  return new Promise((resolve) => {
    const socket = createConnection(path);
    let greeted = false;
    let done = false;
    let pending = '';
    const finish = (code: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(code);
    };
    const lost = () => {
      out('Die Verbindung zum Server ist abgebrochen; ob der Befehl ausgeführt wurde, zeigt das Audit-Protokoll.');
      return 1;
    };
    const broken = () => {
      if (!done) finish(greeted ? lost() : null);
    };
    const timer = setTimeout(() => finish(null), GREETING_MS);
    socket.on('error', broken);
    socket.on('close', broken);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let i = pending.indexOf('\n'); i >= 0; i = pending.indexOf('\n')) {
        const line = pending.slice(0, i);
        pending = pending.slice(i + 1);
        let message: { ready?: boolean; out?: unknown; exit?: unknown };
        try {
          message = JSON.parse(line);
        } catch {
          return broken();
        }
        if (!greeted) {
          if (message.ready !== true) return finish(null);
          greeted = true;
          clearTimeout(timer);
          const files = Object.fromEntries([...request.files].map(([name, bytes]) => [name, bytes.toString('base64')]));
          socket.write(`${JSON.stringify({ argv: request.argv, files })}\n`);
        } else if (typeof message.out === 'string') {
          out(message.out);
        } else if (typeof message.exit === 'number') {
          return finish(message.exit);
        }
      }
    });
  });
}
