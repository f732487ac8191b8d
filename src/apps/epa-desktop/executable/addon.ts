import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';
import * as sea from 'node:sea';
import { PROGRAM } from '../data-dir.ts';

/**
 * Where the single executable keeps what it has to unpack to run (the native argon2 addon): the OS
 * user's cache folder, as each system names it. Never the shared temp folder, where another user
 * could lay a file of their own at the name the program is about to load.
 */
export function defaultCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), PROGRAM, 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', PROGRAM);
  // XDG: a relative XDG_CACHE_HOME is invalid and must be ignored
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.cache'), PROGRAM);
}

/** Creates the folder for this OS user only; on Unix refuses one that someone else owns or may write to. */
function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return; // under the user's own profile, guarded by its ACLs
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) {
    throw new Error(`Der Ordner ${dir} gehört nicht allein diesem Benutzer; das Programm lädt daraus nichts.`);
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes an addon's bytes to `<dir>/<first 16 hex digits of its SHA-256>/<name>` unless exactly these
 * bytes are there already (a damaged or changed file is replaced), and returns that path. A new file
 * appears whole, by a rename, so a second copy of the program starting at the same time never loads
 * half of one.
 */
export function unpackAddon(bytes: Buffer, name: string, dir: string = join(defaultCacheDir(), 'native')): string {
  const digest = sha256(bytes);
  const folder = join(dir, digest.slice(0, 16));
  privateFolder(folder);
  const file = join(folder, name);
  let present: Buffer | undefined;
  try {
    present = readFileSync(file);
  } catch {
    present = undefined;
  }
  if (present === undefined || sha256(present) !== digest) {
    const part = `${file}.${randomBytes(6).toString('hex')}.part`;
    writeFileSync(part, bytes, { mode: 0o700, flag: 'wx' });
    renameSync(part, file);
  }
  return file;
}

/** Loads a native addon (a `.node` file) the way `require` would, given its path. */
export function loadAddon(file: string): unknown {
  const module = { exports: {} };
  process.dlopen(module, file);
  return module.exports;
}

/** The native addon the single executable carries as the SEA asset `key`, unpacked and loaded. */
export function loadEmbeddedAddon(key: string): unknown {
  return loadAddon(unpackAddon(Buffer.from(sea.getAsset(key)), key));
}
