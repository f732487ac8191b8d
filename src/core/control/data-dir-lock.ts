import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * PGlite is PostgreSQL in one process: two processes on one data directory each keep their
 * own buffers and write over each other's pages, and the directory never opens again. So
 * whoever opens the embedded database (server or operator command) first takes this lock:
 * a file in the data directory naming its process. A lock whose process is gone (killed,
 * crashed, the machine restarted) is taken over; a live one is refused.
 */
export const LOCK_FILE = 'pforte.lock';
const TAKEOVER_FILE = 'pforte.lock.takeover';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken, for the operator's message */
  since: string;
  /** the process's start in clock ticks since boot (Linux), so a reused pid is not taken for the holder */
  processStart?: string;
  /** the kernel's boot id (Linux): a lock from before a reboot is stale whatever its pid */
  bootId?: string;
  /** unique per lock, so a process removes only the lock it took */
  token: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | null,
  ) {
    const path = join(dir, LOCK_FILE);
    super(
      holder === null
        ? `Das Datenverzeichnis ${dir} ist gesperrt (${path} ist unlesbar); läuft darauf kein Pforte, die Datei löschen.`
        : holder.hostname !== hostname()
          ? `Das Datenverzeichnis ${dir} ist von Prozess ${holder.pid} auf ${holder.hostname} gesperrt; läuft dort kein Pforte mehr, die Datei ${path} löschen.`
          : `Das Datenverzeichnis ${dir} wird bereits von Prozess ${holder.pid} verwendet (seit ${holder.since}).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly dir: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** Directories this process holds: a second open in the same process would corrupt the directory as well. */
const held = new Map<string, DataDirLock>();
let exitHookInstalled = false;

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name in parentheses may hold spaces; field 22 (starttime) counts from field 3 after it
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as LockHolder;
    if (Number.isInteger(value.pid) && value.pid > 0 && typeof value.hostname === 'string' && typeof value.token === 'string') return value;
  } catch {
    // not ours or damaged: treated as held, the message names the file
  }
  return null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether the process named in a lock may still be using the directory. */
export function holderAlive(holder: LockHolder): boolean {
  // a process on another machine (a shared volume) cannot be checked from here: the operator decides
  if (holder.hostname !== hostname()) return true;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  // our own pid in a lock we do not hold: an earlier process that had the same pid (pid 1 in a container)
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists under another user
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  const start = processStart(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes the whole lock to a private file first and links it into place: the lock never exists half-written. */
function tryCreate(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // file systems without hard links: O_EXCL on the lock itself (a reader may see it empty for a moment: held)
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  }
}

/**
 * Removes `path` only if it still holds `expected`. Rename is atomic, so of two processes
 * removing the same stale file only one gets it; a file that changed in between (someone
 * else's fresh lock) is linked back.
 */
function removeIfUnchanged(path: string, expected: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readText(aside) !== expected) {
    try {
      linkSync(aside, path);
    } catch {
      // a newer lock already stands in its place; it wins
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the data directory's lock or throws DataDirLockedError. Stale locks are taken over
 * under a second O_EXCL file, so two processes that find the same dead lock cannot both
 * remove it and then each other's fresh one.
 */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const key = realpathSync(dir);
  const mine = held.get(key);
  if (mine) throw new DataDirLockedError(dir, mine.holder);
  const path = join(dir, LOCK_FILE);
  const guard = join(dir, TAKEOVER_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    processStart: processStart(process.pid),
    bootId: bootId(),
    token: randomBytes(16).toString('hex'),
  };
  const text = JSON.stringify(holder);

  for (let attempt = 0; attempt < 100; attempt++) {
    if (tryCreate(path, text)) {
      const lock: DataDirLock = {
        dir,
        holder,
        release() {
          if (held.get(key) !== lock) return;
          held.delete(key);
          try {
            const current = readText(path);
            if (current !== null && parseHolder(current)?.token === holder.token) removeIfUnchanged(path, current);
          } catch {
            // the directory is gone or unreadable: nothing left to release, and an exit must not fail on it
          }
        },
      };
      held.set(key, lock);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        // process.exit() and uncaught errors skip the owners' close(); the lock must not outlive us
        process.on('exit', () => {
          for (const l of [...held.values()]) l.release();
        });
      }
      return lock;
    }
    const current = readText(path);
    if (current === null) continue; // released in between
    const other = parseHolder(current);
    if (other === null || holderAlive(other)) throw new DataDirLockedError(dir, other);

    // stale: only the holder of the takeover file may remove it
    if (!tryCreate(guard, text)) {
      const guardText = readText(guard);
      const guardHolder = guardText === null ? null : parseHolder(guardText);
      if (guardText !== null && guardHolder !== null && !holderAlive(guardHolder)) removeIfUnchanged(guard, guardText);
      else sleepSync(10); // another process is taking over right now; its result decides
      continue;
    }
    try {
      removeIfUnchanged(path, current);
    } finally {
      removeIfUnchanged(guard, text);
    }
  }
  throw new DataDirLockedError(dir, parseHolder(readText(path) ?? ''));
}

/** The holder named in a directory's lock file, if any (for the operator command's message). */
export function readLockHolder(dir: string): LockHolder | null {
  const text = readText(join(dir, LOCK_FILE));
  return text === null ? null : parseHolder(text);
}
