import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock/clock.ts';
import { DAY } from '../../core/clock/clock.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { nameKey } from './vault.ts';

export const THROTTLE_FILE = 'anmeldeversuche.json';

/** Two typing errors are free; from the third failed try on each one doubles the wait, up to 15 minutes. */
export function waitAfter(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(5_000 * 2 ** (failures - 3), 15 * 60_000);
}

interface Entry {
  failures: number;
  /** ms since the epoch: no try before then */
  until: number;
  last: number;
}

/**
 * Failed local logins per user name, kept on disk so that restarting the program does not reset the
 * wait. A name is stored only as 16 bits of its hash: enough to slow down guessing at one name, far
 * too few to tell from the file which names exist or were tried (each value stands for thousands of
 * names; now and then two names share their wait, which does no harm).
 */
export function createThrottle(dir: string, clock: Clock) {
  const path = join(dir, THROTTLE_FILE);
  const bucket = (name: string) => createHash('sha256').update(`pforte-epa/anmeldeversuche\u0000${nameKey(name)}`).digest('hex').slice(0, 4);

  function read(): Record<string, Entry> {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Entry>) : {};
    } catch {
      return {};
    }
  }

  function write(entries: Record<string, Entry>): void {
    const now = clock.now().getTime();
    const kept = Object.fromEntries(Object.entries(entries).filter(([, e]) => now - e.last < DAY || e.until > now));
    writeFileAtomic(path, Buffer.from(JSON.stringify(kept)));
  }

  return {
    /** ms to wait before this name may be tried again (0: now). */
    waitFor(name: string): number {
      const entry = read()[bucket(name)];
      return entry ? Math.max(0, entry.until - clock.now().getTime()) : 0;
    },
    /** Counts a failed try and returns the wait it imposes. */
    failed(name: string): number {
      const entries = read();
      const key = bucket(name);
      const now = clock.now().getTime();
      const failures = (entries[key] && now - entries[key].last < DAY ? entries[key].failures : 0) + 1;
      const wait = waitAfter(failures);
      entries[key] = { failures, until: now + wait, last: now };
      write(entries);
      return wait;
    },
    succeeded(name: string): void {
      const entries = read();
      if (!entries[bucket(name)]) return;
      delete entries[bucket(name)];
      write(entries);
    },
  };
}

/** For all names together: at most this many tries that cost key derivations, within this window. */
export const DEVICE_BUDGET = { tries: 20, windowMs: 10 * 60_000 } as const;

/**
 * The wait above is per name, and every new name starts free; yet each try costs an argon2id run per
 * local user (64 MiB, about 0.1 s). So the tries that did not log anyone in (failed logins, and every
 * "Benutzer anlegen" that got as far as the Kennwort) are counted for the whole computer too: past
 * DEVICE_BUDGET, any further try waits until the oldest counted one is out of the window, refused
 * before any key is derived, so nobody can keep the CPU busy with made-up names. A family's typing
 * errors stay far below it. In memory: only the program's own account can restart it.
 */
export function createDeviceBudget(clock: Clock) {
  let spent: number[] = [];
  const current = () => {
    const now = clock.now().getTime();
    spent = spent.filter((at) => now - at < DEVICE_BUDGET.windowMs);
    return now;
  };
  return {
    /** ms until another try may run (0: now). */
    waitFor(): number {
      const now = current();
      return spent.length < DEVICE_BUDGET.tries ? 0 : spent[spent.length - DEVICE_BUDGET.tries]! + DEVICE_BUDGET.windowMs - now;
    },
    spend(): void {
      const now = current();
      spent.push(now);
    },
  };
}
