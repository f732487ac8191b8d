import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import type { Db } from '../../core/db/database.ts';
import { HOUR } from '../../core/clock/clock.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { textField } from '../../core/http/forms.ts';
import { hmac, isId, newId, safeEqual } from '../../core/ids/secrets.ts';
import { deleteBefore } from '../../core/db/batches.ts';
import { deviceCodeMail } from './mails.ts';
import type { EpaCaller } from './caller.ts';
import type { EpaAccessDeps } from './service.ts';

/** The Bestätigungscode holds this long (gematik: 6 hours) … */
export const CODE_TTL_MS = 6 * HOUR;
/** … and this many wrong entries delete the registration. */
export const MAX_WRONG_CODES = 5;
/** This many failed registrations … */
export const MAX_FAILURES = 3;
/** … within this window impose a wait until the oldest of them leaves it. */
export const FAILURE_WINDOW_MS = 8 * HOUR;
/**
 * Wrong codes a person may type in the window over all their registrations, whichever device they
 * were for: what three failed registrations of five wrong codes each were meant to allow. Counted per
 * registration only, new registrations with fresh keys (four guesses each) gave about 240 in 8 hours.
 */
export const MAX_WRONG_CODES_PER_PERSON = MAX_FAILURES * MAX_WRONG_CODES;
/** … within this window; then no code and no new registration of theirs until the oldest leaves it. */
export const WRONG_CODE_WINDOW_MS = FAILURE_WINDOW_MS;
/** Mails with a code a person may cause (a new registration of the same device replaces the code). */
const REGISTER_LIMIT = { points: 10, windowMs: HOUR };
/** refusals during a code lock that are written down, per person and hour */
const LOCKED_NOTED_LIMIT = { points: 5, windowMs: HOUR };
const NAME_MAX = 60;

/** A device as the client lists it. */
export interface EpaDeviceView {
  id: string;
  name: string;
  status: 'pending' | 'confirmed';
  createdAt: string;
  confirmedAt: string | null;
  lastUsedAt: string | null;
  /** the device this request came from */
  current: boolean;
}

const DEVICE_COLUMNS = ['id', 'insured_id', 'jkt', 'name', 'status', 'code_hash', 'code_expires_at', 'wrong_codes', 'created_at', 'confirmed_at', 'last_used_at'] as const;

function deviceName(value: unknown): string {
  const checked = textField(typeof value === 'string' ? value : undefined, { max: NAME_MAX });
  if (!checked.ok) throw new AppError('form.invalid', 422, { name: checked.code });
  return checked.value;
}

/** Operating systems the code mail may name, by what a User-Agent says (the first that matches). */
const PLATFORMS: [RegExp, string][] = [
  [/\bWindows\b/i, 'Windows'],
  [/\b(iPhone|iPad|iOS)\b/i, 'iOS'],
  [/\b(Macintosh|Mac OS X|macOS|Darwin)\b/i, 'macOS'],
  [/\bAndroid\b/i, 'Android'],
  [/\bLinux\b/i, 'Linux'],
];

/**
 * The device as the code mail names it: only the record service's own client can call (the token's
 * client), and the operating system its User-Agent reports, if it is one of a fixed few. The header is
 * the requester's, so nothing of it reaches the mail but one of these words.
 */
export function requestingDevice(userAgent: string | undefined): string {
  const platform = typeof userAgent === 'string' ? PLATFORMS.find(([pattern]) => pattern.test(userAgent.slice(0, 512)))?.[1] : undefined;
  return platform ? `ePA Desktop Client unter ${platform}` : 'ePA Desktop Client';
}

/** The requesting address as the mail shows it: an IPv4 address behind its IPv6 form as IPv4, anything but an address as "unbekannt". */
export function shownAddress(ip: string): string {
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  return isIP(plain) ? plain : 'unbekannt';
}

/**
 * "Endgerät freischalten" (issue 15 §5): the devices a person unlocks for the record with a code
 * mailed to them (6 hours, five wrong entries delete it, three failed registrations in 8 hours
 * impose a wait), listed, renamed and removed.
 */
export function createDeviceRegistration(deps: Pick<EpaAccessDeps, 'db' | 'clock' | 'config' | 'mailer' | 'rateLimiter' | 'hmacKey' | 'events'>) {
  const { db, clock, config, mailer, rateLimiter, events } = deps;
  const codeHash = (deviceId: string, code: string) => hmac(deps.hmacKey, `epa-device-code:${deviceId}:${code}`);

  /** Pending registrations of a person whose code ran out become failures (at the time they ran out). */
  async function expirePending(trx: Db, insuredId?: string): Promise<{ insuredId: string; id: string; name: string }[]> {
    let q = trx.deleteFrom('epa_devices').where('status', '=', 'pending').where('code_expires_at', '<=', clock.now());
    if (insuredId !== undefined) q = q.where('insured_id', '=', insuredId);
    const gone = await q.returning(['id', 'insured_id', 'name', 'code_expires_at']).execute();
    if (gone.length) {
      await trx.insertInto('epa_device_failures').values(gone.map((d) => ({ insured_id: d.insured_id, failed_at: d.code_expires_at!, reason: 'expired' as const }))).execute();
      for (const d of gone) await events.record({ insuredId: d.insured_id, kind: 'device_registration_failed', device: { id: d.id, name: d.name }, result: 'failed', data: { reason: 'expired' } }, trx);
    }
    return gone.map((d) => ({ insuredId: d.insured_id, id: d.id, name: d.name }));
  }

  /** When the wait after three failed registrations ends, or null when there is none. */
  async function waitUntil(trx: Db, insuredId: string): Promise<Date | null> {
    const now = clock.now();
    const recent = await trx
      .selectFrom('epa_device_failures')
      .select('failed_at')
      .where('insured_id', '=', insuredId)
      .where('failed_at', '>', new Date(now.getTime() - FAILURE_WINDOW_MS))
      .orderBy('failed_at', 'desc')
      .limit(MAX_FAILURES)
      .execute();
    if (recent.length < MAX_FAILURES) return null;
    return new Date(recent[MAX_FAILURES - 1]!.failed_at.getTime() + FAILURE_WINDOW_MS);
  }

  /**
   * The person's wrong codes of the window, at most as many as the limit, and when the stop they
   * impose ends (null while there is none). Read under the person's lock, so parallel guesses count
   * one after the other.
   */
  async function wrongCodes(trx: Db, insuredId: string): Promise<{ count: number; until: Date | null }> {
    const recent = await trx
      .selectFrom('epa_wrong_codes')
      .select('wrong_at')
      .where('insured_id', '=', insuredId)
      .where('wrong_at', '>', new Date(clock.now().getTime() - WRONG_CODE_WINDOW_MS))
      .orderBy('wrong_at', 'desc')
      .limit(MAX_WRONG_CODES_PER_PERSON)
      .execute();
    const until = recent.length < MAX_WRONG_CODES_PER_PERSON ? null : new Date(recent[MAX_WRONG_CODES_PER_PERSON - 1]!.wrong_at.getTime() + WRONG_CODE_WINDOW_MS);
    return { count: recent.length, until };
  }

  /** Serialises one person's registrations, also across processes. */
  async function lockPerson(trx: Db, insuredId: string) {
    await trx.selectFrom('insured_persons').select('id').where('id', '=', insuredId).forUpdate().execute();
  }

  function view(row: { id: string; name: string; status: 'pending' | 'confirmed'; jkt: string; created_at: Date; confirmed_at: Date | null; last_used_at: Date | null }, caller: EpaCaller): EpaDeviceView {
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      createdAt: row.created_at.toISOString(),
      confirmedAt: row.confirmed_at?.toISOString() ?? null,
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
      current: row.jkt === caller.jkt,
    };
  }

  function waitError(until: Date, code: 'epa.registration_wait' | 'epa.code_locked' = 'epa.registration_wait'): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 1000));
    return new AppError(code, 429, {}, { until: until.toISOString(), retryAfter: String(seconds) });
  }

  /**
   * A refusal while the person's wrong codes stop codes and registrations: the 429, and an entry in
   * the Protokoll and the audit log for the first few in an hour only. Requests refused here cost the
   * sender nothing, and an entry for each would let anyone holding the login bury the person's
   * Protokoll under them.
   */
  async function refuseLocked(insuredId: string, until: Date, ip: string): Promise<never> {
    const noted = await rateLimiter.hit(`epa-code-locked-noted:${insuredId}`, LOCKED_NOTED_LIMIT);
    if (noted.allowed) await events.record({ insuredId, kind: 'device_registration_blocked', result: 'denied', ip, data: { reason: 'wrong_codes', until: until.toISOString() } });
    throw waitError(until, 'epa.code_locked');
  }

  return {
    /**
     * "Endgerät freischalten": the caller's key becomes a pending device of the person and the code
     * goes to the person's e-mail. Asked again for the same key, a new code replaces the old one (its
     * wrong entries still count). Refused while three registrations failed in the last 8 hours, and
     * while the person's wrong codes stop new registrations. The mail names the time, the address
     * and the kind of device (from `userAgent`), not the name given here.
     */
    async register(caller: EpaCaller, input: { name: unknown }, ip: string, userAgent?: string): Promise<{ device: EpaDeviceView; expiresAt: string }> {
      const name = deviceName(input.name);
      if (caller.deviceId !== null) throw new AppError('epa.device_already_registered', 409);
      await rateLimiter.enforce(`epa-device-register:${caller.insuredId}`, REGISTER_LIMIT);
      const outcome = await db.transaction().execute(async (trx) => {
        await lockPerson(trx, caller.insuredId);
        await expirePending(trx, caller.insuredId);
        const existing = await trx.selectFrom('epa_devices').select(DEVICE_COLUMNS).where('insured_id', '=', caller.insuredId).where('jkt', '=', caller.jkt).executeTakeFirst();
        if (existing?.status === 'confirmed') return { kind: 'refused' } as const;
        const until = await waitUntil(trx, caller.insuredId);
        if (until) return { kind: 'blocked', until } as const;
        const locked = (await wrongCodes(trx, caller.insuredId)).until;
        if (locked) return { kind: 'locked', until: locked } as const;
        const person = await trx.selectFrom('insured_persons').select(['email', 'insurer_id']).where('id', '=', caller.insuredId).executeTakeFirstOrThrow();
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
        const id = existing?.id ?? newId();
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const row = existing
          ? await trx.updateTable('epa_devices').set({ name, code_hash: codeHash(id, code), code_expires_at: expiresAt }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('epa_devices').values({ id, insured_id: caller.insuredId, jkt: caller.jkt, name, status: 'pending', code_hash: codeHash(id, code), code_expires_at: expiresAt, created_at: now }).returningAll().executeTakeFirstOrThrow();
        const brand = config.insurers.find((i) => i.id === person.insurer_id)?.name ?? config.INSURER_BRAND;
        await mailer.store(person.email, deviceCodeMail({ brand, device: requestingDevice(userAgent), ip: shownAddress(ip), code, requestedAt: now, expiresAt }), trx);
        await events.record({ insuredId: caller.insuredId, kind: 'device_registration_started', device: { id, name }, ip, data: { renewed: existing !== undefined } }, trx);
        return { kind: 'started', row, expiresAt } as const;
      });
      if (outcome.kind === 'refused') throw new AppError('epa.device_already_registered', 409);
      if (outcome.kind === 'locked') return refuseLocked(caller.insuredId, outcome.until, ip);
      if (outcome.kind === 'blocked') {
        await events.record({ insuredId: caller.insuredId, kind: 'device_registration_blocked', result: 'denied', ip, data: { until: outcome.until.toISOString() } });
        throw waitError(outcome.until);
      }
      return { device: view(outcome.row, caller), expiresAt: outcome.expiresAt.toISOString() };
    },

    /**
     * The Bestätigungscode for the caller's pending device: right, the device is unlocked; wrong, one
     * of five entries is used (the fifth deletes the registration); expired, the registration is gone.
     * Each failure counts towards the wait. Every wrong code also counts for the person, whichever
     * device it was for: the fifteenth in 8 hours deletes all their pending registrations, and until
     * the oldest of them is 8 hours old no code, not even the right one, is taken (429).
     */
    async confirm(caller: EpaCaller, input: { code: unknown }, ip: string): Promise<{ device: EpaDeviceView }> {
      const code = typeof input.code === 'string' ? input.code.trim() : '';
      if (!/^[0-9]{6}$/.test(code)) throw new AppError('form.invalid', 422, { code: 'epa.code_format' });
      const outcome = await db.transaction().execute(async (trx) => {
        await lockPerson(trx, caller.insuredId);
        const locked = (await wrongCodes(trx, caller.insuredId)).until;
        if (locked) return { locked } as const;
        const device = await trx
          .selectFrom('epa_devices')
          .select(DEVICE_COLUMNS)
          .where('insured_id', '=', caller.insuredId)
          .where('jkt', '=', caller.jkt)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (!device) return { error: new AppError('epa.registration_not_found', 409) } as const;
        const now = clock.now();
        const named = { id: device.id, name: device.name };
        if (device.code_expires_at! <= now) {
          await expirePending(trx, caller.insuredId);
          return { error: new AppError('epa.code_expired', 410) } as const;
        }
        if (safeEqual(codeHash(device.id, code), device.code_hash!)) {
          const row = await trx
            .updateTable('epa_devices')
            .set({ status: 'confirmed', code_hash: null, code_expires_at: null, wrong_codes: 0, confirmed_at: now, last_used_at: now })
            .where('id', '=', device.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          await events.record({ insuredId: caller.insuredId, kind: 'device_confirmed', device: named, ip }, trx);
          return { row } as const;
        }
        await trx.insertInto('epa_wrong_codes').values({ insured_id: caller.insuredId, wrong_at: now }).execute();
        const person = await wrongCodes(trx, caller.insuredId);
        const wrong = device.wrong_codes + 1;
        if (wrong < MAX_WRONG_CODES && !person.until) {
          await trx.updateTable('epa_devices').set({ wrong_codes: wrong }).where('id', '=', device.id).execute();
          // the entries left are the device's, or the person's where fewer of those are left
          const attemptsLeft = Math.min(MAX_WRONG_CODES - wrong, MAX_WRONG_CODES_PER_PERSON - person.count);
          await events.record({ insuredId: caller.insuredId, kind: 'device_code_wrong', device: named, result: 'failed', ip, data: { attemptsLeft } }, trx);
          return { error: new AppError('epa.code_wrong', 400, {}, { attemptsLeft: String(attemptsLeft) }) } as const;
        }
        if (wrong >= MAX_WRONG_CODES) {
          // the registration's fifth: a failure of its own, as without the person's stop (the answer says so)
          await trx.deleteFrom('epa_devices').where('id', '=', device.id).execute();
          await trx.insertInto('epa_device_failures').values({ insured_id: caller.insuredId, failed_at: now, reason: 'wrong_codes' }).execute();
          await events.record({ insuredId: caller.insuredId, kind: 'device_registration_failed', device: named, result: 'failed', ip, data: { reason: 'wrong_codes' } }, trx);
        } else {
          await events.record({ insuredId: caller.insuredId, kind: 'device_code_wrong', device: named, result: 'failed', ip, data: { attemptsLeft: 0 } }, trx);
        }
        if (person.until) {
          // the person's fifteenth: their codes stop, and the registrations waiting for one go (no failures
          // of their own: the stop already covers the window, and they would outlast it)
          const pending = await trx.deleteFrom('epa_devices').where('insured_id', '=', caller.insuredId).where('status', '=', 'pending').returning(['id', 'name']).execute();
          for (const d of pending) await events.record({ insuredId: caller.insuredId, kind: 'device_registration_failed', device: { id: d.id, name: d.name }, result: 'failed', ip, data: { reason: 'code_locked' } }, trx);
          await events.record({ insuredId: caller.insuredId, kind: 'device_registration_blocked', result: 'denied', ip, data: { reason: 'wrong_codes', until: person.until.toISOString() } }, trx);
        }
        return { error: wrong >= MAX_WRONG_CODES ? new AppError('epa.code_too_many', 410) : waitError(person.until!, 'epa.code_locked') } as const;
      });
      if ('locked' in outcome && outcome.locked) return refuseLocked(caller.insuredId, outcome.locked, ip);
      if ('error' in outcome) throw outcome.error;
      return { device: view(outcome.row, caller) };
    },

    /** The person's devices, unlocked and pending, oldest first. */
    async list(caller: EpaCaller): Promise<EpaDeviceView[]> {
      const rows = await db.selectFrom('epa_devices').select(DEVICE_COLUMNS).where('insured_id', '=', caller.insuredId).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => view(r, caller));
    },

    async rename(caller: EpaCaller, id: string, input: { name: unknown }, ip: string): Promise<EpaDeviceView> {
      const name = deviceName(input.name);
      if (!isId(id)) throw new AppError('epa.device_not_found', 404);
      return db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('epa_devices').set({ name }).where('id', '=', id).where('insured_id', '=', caller.insuredId).returningAll().executeTakeFirst();
        if (!row) throw new AppError('epa.device_not_found', 404);
        await events.record({ insuredId: caller.insuredId, kind: 'device_renamed', device: { id, name }, ip }, trx);
        return view(row, caller);
      });
    },

    /** Removes a device of the person; the key it held no longer reaches the record (this one too). */
    async remove(caller: EpaCaller, id: string, ip: string): Promise<void> {
      if (!isId(id)) throw new AppError('epa.device_not_found', 404);
      await db.transaction().execute(async (trx) => {
        const row = await trx.deleteFrom('epa_devices').where('id', '=', id).where('insured_id', '=', caller.insuredId).returning(['id', 'name', 'jkt']).executeTakeFirst();
        if (!row) throw new AppError('epa.device_not_found', 404);
        await events.record({ insuredId: caller.insuredId, kind: 'device_removed', device: { id, name: row.name }, ip, data: { current: row.jkt === caller.jkt } }, trx);
      });
    },

    /** Housekeeping: registrations whose code ran out become failures; failures and wrong codes older than the window are deleted, in batches. */
    async sweep(batchSize: number): Promise<void> {
      await db.transaction().execute((trx) => expirePending(trx));
      await deleteBefore(db, 'epa_device_failures', 'id', 'failed_at', new Date(clock.now().getTime() - FAILURE_WINDOW_MS), batchSize);
      await deleteBefore(db, 'epa_wrong_codes', 'id', 'wrong_at', new Date(clock.now().getTime() - WRONG_CODE_WINDOW_MS), batchSize);
    },
  };
}
