import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * What the apps' terminal programs share (pforte-authenticator, pforte-ident): output through an `Io`
 * that tests replace, errors that carry their exit code, the server's address, a JSON call to the
 * app's API, and the key file that only its owner may read.
 */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  sleep(ms: number): Promise<void>;
}

export const defaultIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class CliError extends Error {
  constructor(
    message: string,
    readonly exit: number,
  ) {
    super(message);
  }
}

/** Where a program keeps its device keys when no directory is given: $XDG_CONFIG_HOME or ~/.config. */
export function defaultStateDir(program: string): string {
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, program);
}

/** The server's origin from --server; exit code `usage` when it is missing or no http(s) address. */
export function normaliseServer(raw: unknown, usage: number): string {
  if (typeof raw !== 'string' || !raw) throw new CliError('--server fehlt (z. B. --server http://127.0.0.1:3000)', usage);
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.origin;
  } catch {
    throw new CliError(`--server ist keine gültige http(s)-Adresse: ${raw}`, usage);
  }
}

export function required(value: unknown, name: string, usage: number): string {
  if (typeof value !== 'string' || !value.trim()) throw new CliError(`--${name} fehlt`, usage);
  return value.trim();
}

/** A JSON request to `${server}${api}${path}`; a server that does not answer is exit code `unreachable`. */
export async function callApi(server: string, api: string, path: string, init: { method?: string; body?: unknown; token?: string }, unreachable: number) {
  let response: Response;
  try {
    response = await fetch(`${server}${api}${path}`, {
      method: init.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.method === 'GET' ? undefined : JSON.stringify(init.body ?? {}),
    });
  } catch (error) {
    throw new CliError(`Server nicht erreichbar: ${server} (${(error as Error).cause ? String(((error as Error).cause as Error).message) : (error as Error).message})`, unreachable);
  }
  const data = (response.status === 204 ? {} : await response.json().catch(() => ({}))) as Record<string, any>;
  return { status: response.status, data };
}

/** Writes a device's key file readable by its owner only, in a directory only the owner may enter. */
export function writeKeyFile(dir: string, file: string, content: unknown): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(content, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
/** An option with a value, and a flag. */
export const VALUE = { type: 'string' } as const;
export const FLAG = { type: 'boolean' } as const;
type Command = (values: Record<string, unknown>, positionals: string[]) => unknown;

/**
 * Parses the arguments and runs the named command: `help` (or --help) prints the usage, an unknown
 * command or option prints it as an error (exit 2), a CliError ends with its message and exit code,
 * anything else with exit 1.
 */
export async function runCommands(argv: string[], io: Io, spec: { usage: string; options: OptionSpec; commands: Record<string, Command> }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...spec.options, help: { type: 'boolean' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${spec.usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const name = values.help ? 'help' : positionals[0];
  if (name === 'help') {
    io.out(spec.usage);
    return 0;
  }
  if (!name || !Object.hasOwn(spec.commands, name)) {
    io.err(spec.usage);
    return 2;
  }
  try {
    await spec.commands[name]!(values, positionals);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exit;
    }
    io.err(`Fehler: ${(error as Error).message}`);
    return 1;
  }
}
