import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock/clock.ts';
import { textField } from '../../core/http/forms.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import type { ErrorCode } from '../../core/errors/app-error.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { KENNWORT_RULE } from './messages.ts';
import { createDeviceBudget, createThrottle } from './throttle.ts';
import { deriveKey as argon2Key, nameKey, newKdfParams, seal, unseal, type KdfParams, type Sealed } from './vault.ts';

/**
 * The local users of one data folder (manual 003 §1–§2). Each is one file named by a random id,
 * holding nothing readable: its user name, and everything the client later keeps for the person
 * (KVNR, Kasse, device key, tokens, settings), is encrypted under a key that only the user name and
 * Kennwort give (vault.ts). So the folder says how many local users there are, nothing else. To find
 * a user by name, each file is tried with the name and Kennwort given; there is no index to leak.
 * Two people on one computer therefore cannot see each other's data, and may even pick the same name.
 */

export const USERS_DIR = 'benutzer';
const FORMAT = 'pforte-epa/local-user/1';
const FILE = /^([0-9a-f]{32})\.user$/;

/**
 * Local users per data folder: a family sharing a computer, with room to spare. Each user costs every
 * login an argon2id run, so without a limit anyone who reaches the form could make logins slow.
 */
export const MAX_LOCAL_USERS = 10;

/** What the client keeps for a local user; everything here is encrypted at rest. */
export interface LocalUserData {
  name: string;
  createdAt: string;
  termsAcknowledgedAt: string;
  /** the ePA login's data (KVNR, Kasse, device key, tokens), filled in by the ePA steps */
  epa: Record<string, unknown>;
  settings: Record<string, unknown>;
}

export interface LocalUser {
  readonly id: string;
  /** the derived key, held while the user is logged in, so that changes can be saved */
  readonly key: Buffer;
  readonly kdf: KdfParams;
  data: LocalUserData;
}

interface UserFile extends Sealed {
  format: typeof FORMAT;
  kdf: KdfParams;
}

export type NewUserField = 'name' | 'kennwort' | 'kennwortRepeat' | 'terms';
export type NewUserErrors = Partial<Record<NewUserField, ErrorCode>>;

export type UnlockResult =
  | { ok: true; user: LocalUser }
  | { ok: false; code: 'epa_desktop.login_invalid' }
  | { ok: false; code: 'epa_desktop.login_wait' | 'epa_desktop.device_wait'; waitMs: number };

/** A refused form; `waitMs` when the computer's tries are used up (DEVICE_BUDGET) and nothing was checked. */
export type CreateResult = { ok: true; user: LocalUser } | { ok: false; errors: NewUserErrors; waitMs?: number };

/** The form "Neuen lokalen Benutzer anlegen", checked field by field. */
export function checkNewUser(form: { name?: string; kennwort?: string; kennwortRepeat?: string; terms?: boolean }): { ok: true; name: string } | { ok: false; errors: NewUserErrors } {
  const errors: NewUserErrors = {};
  const name = textField(form.name, { max: 64 });
  if (!name.ok) errors.name = name.code === 'field.required' ? 'epa_desktop.name_required' : 'epa_desktop.name_invalid';
  const kennwort = form.kennwort ?? '';
  const rule = checkPassword(kennwort, name.ok ? name.value : '');
  if (!rule.ok) errors.kennwort = KENNWORT_RULE[rule.code];
  else if (kennwort !== (form.kennwortRepeat ?? '')) errors.kennwortRepeat = 'epa_desktop.kennwort_mismatch';
  if (!form.terms) errors.terms = 'epa_desktop.terms_required';
  return name.ok && Object.keys(errors).length === 0 ? { ok: true, name: name.value } : { ok: false, errors };
}

/** `deriveKey`: argon2id (vault.ts); a test passes one that counts its runs. */
export function createLocalUsers(dataDir: string, clock: Clock, options: { deriveKey?: typeof argon2Key } = {}) {
  const deriveKey = options.deriveKey ?? argon2Key;
  const dir = join(dataDir, USERS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const throttle = createThrottle(dataDir, clock);
  const budget = createDeviceBudget(clock);
  const aad = (id: string, kdf: KdfParams) => Buffer.from(`${FORMAT}\u0000${id}\u0000${JSON.stringify(kdf)}`);
  const pathOf = (id: string) => join(dir, `${id}.user`);

  // one login or creation at a time: parallel tries would all pass the wait before any is counted
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  function files(): { id: string; file: UserFile }[] {
    return readdirSync(dir)
      .sort()
      .flatMap((entry) => {
        const id = FILE.exec(entry)?.[1];
        if (!id) return [];
        try {
          const file = JSON.parse(readFileSync(join(dir, entry), 'utf8')) as UserFile;
          return file.format === FORMAT ? [{ id, file }] : [];
        } catch {
          return [];
        }
      });
  }

  /** The user this name and Kennwort open, trying every file (the same work whether or not one matches). */
  async function find(name: string, kennwort: string): Promise<LocalUser | null> {
    let found: LocalUser | null = null;
    for (const { id, file } of files()) {
      const key = await deriveKey(name, kennwort, file.kdf);
      const plain = found ? null : unseal(key, file, aad(id, file.kdf));
      if (!plain) continue;
      const data = JSON.parse(plain.toString('utf8')) as LocalUserData;
      if (nameKey(data.name) === nameKey(name)) found = { id, key, kdf: file.kdf, data };
    }
    return found;
  }

  function write(user: LocalUser): void {
    const sealed = seal(user.key, Buffer.from(JSON.stringify(user.data), 'utf8'), aad(user.id, user.kdf));
    const file: UserFile = { format: FORMAT, kdf: user.kdf, ...sealed };
    writeFileAtomic(pathOf(user.id), Buffer.from(JSON.stringify(file)));
  }

  return {
    /** How many local users this folder holds (all the folder tells without a Kennwort). */
    count(): number {
      return files().length;
    },

    create(form: { name?: string; kennwort?: string; kennwortRepeat?: string; terms?: boolean }): Promise<CreateResult> {
      return serial(async () => {
        const checked = checkNewUser(form);
        if (!checked.ok) return checked;
        if (files().length >= MAX_LOCAL_USERS) return { ok: false, errors: { name: 'epa_desktop.users_full' } };
        const wait = budget.waitFor();
        if (wait > 0) return { ok: false, errors: { name: 'epa_desktop.device_wait' }, waitMs: wait };
        // every creation counts: it derives a key per local user, whether or not the name is taken
        budget.spend();
        const kennwort = form.kennwort!;
        // only someone who knows this name's Kennwort learns that the user exists
        if (await find(checked.name, kennwort)) return { ok: false, errors: { name: 'epa_desktop.user_exists' } };
        const kdf = newKdfParams();
        const now = clock.now().toISOString();
        const user: LocalUser = {
          id: randomBytes(16).toString('hex'),
          key: await deriveKey(checked.name, kennwort, kdf),
          kdf,
          data: { name: checked.name, createdAt: now, termsAcknowledgedAt: now, epa: {}, settings: {} },
        };
        write(user);
        return { ok: true, user };
      });
    },

    /**
     * "Anmelden": the user, or the same refusal for an unknown name and a wrong Kennwort; a name tried
     * too often waits first, and so does every name once the computer's failed tries are used up.
     */
    unlock(name: string, kennwort: string): Promise<UnlockResult> {
      return serial(async () => {
        const wait = throttle.waitFor(name);
        if (wait > 0) return { ok: false, code: 'epa_desktop.login_wait', waitMs: wait };
        const filled = Boolean(name.trim() && kennwort);
        if (filled) {
          const deviceWait = budget.waitFor();
          if (deviceWait > 0) return { ok: false, code: 'epa_desktop.device_wait', waitMs: deviceWait };
        }
        const user = filled ? await find(name, kennwort) : null;
        if (!user) {
          if (filled) budget.spend();
          const next = throttle.failed(name);
          return next > 0 ? { ok: false, code: 'epa_desktop.login_wait', waitMs: next } : { ok: false, code: 'epa_desktop.login_invalid' };
        }
        throttle.succeeded(name);
        return { ok: true, user };
      });
    },

    /** Writes the user's data again (a fresh nonce, the same key), replacing the file atomically. */
    save(user: LocalUser): void {
      write(user);
    },
  };
}

export type LocalUsers = ReturnType<typeof createLocalUsers>;
