import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { HOUR } from '../../core/clock/clock.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import type { SigningKeys } from '../ident-provider/signing-keys.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { textField } from '../../core/http/forms.ts';
import { hmac, isId, newId, safeEqual } from '../../core/ids/secrets.ts';
import { deleteBefore, untilNoneLeft } from '../../core/db/batches.ts';
import { IDENT_BASE } from '../ident-provider/paths.ts';
import { PROOF_MAX_AGE_S, providerKeySet, verifyAccessToken, verifyProof } from './access-token.ts';
import { deviceCodeMail } from './mails.ts';
import type { EpaEvents } from './events.ts';

/** The Bestätigungscode holds this long (gematik: 6 hours) … */
export const CODE_TTL_MS = 6 * HOUR;
/** … and this many wrong entries delete the registration. */
export const MAX_WRONG_CODES = 5;
/** This many failed registrations … */
export const MAX_FAILURES = 3;
/** … within this window impose a wait until the oldest of them leaves it. */
export const FAILURE_WINDOW_MS = 8 * HOUR;
/** Mails with a code a person may cause (a new registration of the same device replaces the code). */
const REGISTER_LIMIT = { points: 10, windowMs: HOUR };
const NAME_MAX = 60;
/** An Ident login lasts at most 120 minutes: its "seen" row is kept a day. */
const LOGIN_SEEN_KEEP_MS = 24 * HOUR;

/** Who calls the record service: the person (by their KVNR in the token) and the device key they hold. */
export interface EpaCaller {
  insuredId: string;
  kvnr: string;
  /** the DPoP key's thumbprint */
  jkt: string;
  /** the confirmed device of this key, or null while it is not (yet) unlocked */
  deviceId: string | null;
  /** the unlocked device's name, for the Protokoll */
  deviceName: string | null;
}

export type EpaDeviceCaller = EpaCaller & { deviceId: string; deviceName: string };

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

export interface EpaAccessDeps {
  db: Db;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  /** the Ident provider's signing keys: the tokens' signatures are checked against them */
  keys: SigningKeys;
  /** key of the codes' HMAC */
  hmacKey: string;
  events: EpaEvents;
}

const DEVICE_COLUMNS = ['id', 'insured_id', 'jkt', 'name', 'status', 'code_hash', 'code_expires_at', 'wrong_codes', 'created_at', 'confirmed_at', 'last_used_at'] as const;

function deviceName(value: unknown): string {
  const checked = textField(typeof value === 'string' ? value : undefined, { max: NAME_MAX });
  if (!checked.ok) throw new AppError('form.invalid', 422, { name: checked.code });
  return checked.value;
}

/** The header's single value; a repeated header is no valid request. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Who may call the ePA record service (issue 15 §4–5): the DPoP-bound access token of the Ident
 * provider with a fresh proof of its key, and the devices a person unlocks with a mailed code.
 */
export function createEpaAccess(deps: EpaAccessDeps) {
  const { db, clock, config, mailer, rateLimiter, events } = deps;
  const keySet = providerKeySet(deps.keys);
  const codeHash = (deviceId: string, code: string) => hmac(deps.hmacKey, `epa-device-code:${deviceId}:${code}`);

  /** The person of a KVNR who may use the ePA: active and registered for it. */
  async function personOf(kvnr: string) {
    return db
      .selectFrom('insured_persons as p')
      .innerJoin('epa_records as r', 'r.insured_id', 'p.id')
      .select(['p.id', 'p.email', 'p.insurer_id'])
      .where('p.kvnr', '=', kvnr)
      .where('p.status', '=', 'active')
      .executeTakeFirst();
  }

  /** Marks a proof's jti as used; false when it was used before (by any process). */
  async function firstUse(jkt: string, jti: string, iat: number): Promise<boolean> {
    const expires = new Date(Math.max(iat + PROOF_MAX_AGE_S, Math.floor(clock.now().getTime() / 1000)) * 1000 + 1000);
    const row = await db.insertInto('epa_dpop_proofs').values({ jkt, jti, expires_at: expires }).onConflict((oc) => oc.doNothing()).returning('jti').executeTakeFirst();
    return row !== undefined;
  }

  /** The first request of an Ident login on a device key is the login's entry in the Protokoll. */
  async function noteLogin(caller: EpaCaller, authTime: number | null, ip: string) {
    if (authTime === null) return;
    const row = await db
      .insertInto('epa_logins_seen')
      .values({ insured_id: caller.insuredId, jkt: caller.jkt, auth_time: authTime, seen_at: clock.now() })
      .onConflict((oc) => oc.doNothing())
      .returning('jkt')
      .executeTakeFirst();
    if (row) {
      const device = caller.deviceId ? { id: caller.deviceId, name: caller.deviceName } : null;
      await events.record({ insuredId: caller.insuredId, kind: 'login', device, ip, data: { loginAt: new Date(authTime * 1000).toISOString(), deviceUnlocked: caller.deviceId !== null } });
    }
  }

  /**
   * The caller of a record API request: `Authorization: DPoP <token>` and a `DPoP` proof header, both
   * checked (see access-token.ts), the proof's key the one the token is bound to, its jti never seen
   * before, and the person still registered. Refusals are 401 (login) or 403 (person).
   */
  async function authenticate(request: FastifyRequest): Promise<EpaCaller> {
    const authorization = single(request.headers.authorization);
    if (!authorization) throw new AppError('epa.token_missing', 401);
    const match = /^DPoP ([A-Za-z0-9_.-]+)$/.exec(authorization);
    // a Bearer token (or any other scheme) is refused: the record takes DPoP-bound tokens only
    if (!match) throw new AppError('epa.token_invalid', 401);
    const accessToken = match[1]!;
    const proofHeader = single(request.headers.dpop);
    if (!proofHeader) throw new AppError('epa.proof_invalid', 401);
    const now = clock.now();
    const token = await verifyAccessToken(accessToken, { keySet: await keySet(), issuer: `${config.publicUrl}${IDENT_BASE}`, audience: `${config.publicUrl}/epa`, now });
    const proof = await verifyProof(proofHeader, { method: request.method, url: `${config.publicUrl}${request.url}`, accessToken, now });
    if (proof.jkt !== token.jkt) throw new AppError('epa.proof_invalid', 401);
    const person = await personOf(token.kvnr);
    if (!person) throw new AppError('epa.access_denied', 403);
    if (!(await firstUse(proof.jkt, proof.jti, proof.iat))) throw new AppError('epa.proof_replayed', 401);
    const device = await db
      .updateTable('epa_devices')
      .set({ last_used_at: now })
      .where('insured_id', '=', person.id)
      .where('jkt', '=', proof.jkt)
      .where('status', '=', 'confirmed')
      .returning(['id', 'name'])
      .executeTakeFirst();
    const caller: EpaCaller = { insuredId: person.id, kvnr: token.kvnr, jkt: proof.jkt, deviceId: device?.id ?? null, deviceName: device?.name ?? null };
    await noteLogin(caller, token.authTime, request.ip);
    return caller;
  }

  /** The caller on an unlocked device: what every route of the record requires. */
  async function requireDevice(request: FastifyRequest): Promise<EpaDeviceCaller> {
    const caller = await authenticate(request);
    if (caller.deviceId === null || caller.deviceName === null) throw new AppError('epa.device_not_registered', 403);
    return caller as EpaDeviceCaller;
  }

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

  function waitError(until: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 1000));
    return new AppError('epa.registration_wait', 429, {}, { until: until.toISOString(), retryAfter: String(seconds) });
  }

  return {
    authenticate,
    requireDevice,

    /**
     * "Endgerät freischalten": the caller's key becomes a pending device of the person and the code
     * goes to the person's e-mail. Asked again for the same key, a new code replaces the old one (its
     * wrong entries still count). Refused while three registrations failed in the last 8 hours.
     */
    async register(caller: EpaCaller, input: { name: unknown }, ip: string): Promise<{ device: EpaDeviceView; expiresAt: string }> {
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
        const person = await trx.selectFrom('insured_persons').select(['email', 'insurer_id']).where('id', '=', caller.insuredId).executeTakeFirstOrThrow();
        const now = clock.now();
        const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
        const id = existing?.id ?? newId();
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const row = existing
          ? await trx.updateTable('epa_devices').set({ name, code_hash: codeHash(id, code), code_expires_at: expiresAt }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
          : await trx.insertInto('epa_devices').values({ id, insured_id: caller.insuredId, jkt: caller.jkt, name, status: 'pending', code_hash: codeHash(id, code), code_expires_at: expiresAt, created_at: now }).returningAll().executeTakeFirstOrThrow();
        const brand = config.insurers.find((i) => i.id === person.insurer_id)?.name ?? config.INSURER_BRAND;
        await mailer.store(person.email, deviceCodeMail({ brand, deviceName: name, code, requestedAt: now, expiresAt }), trx);
        await events.record({ insuredId: caller.insuredId, kind: 'device_registration_started', device: { id, name }, ip, data: { renewed: existing !== undefined } }, trx);
        return { kind: 'started', row, expiresAt } as const;
      });
      if (outcome.kind === 'refused') throw new AppError('epa.device_already_registered', 409);
      if (outcome.kind === 'blocked') {
        await events.record({ insuredId: caller.insuredId, kind: 'device_registration_blocked', result: 'denied', ip, data: { until: outcome.until.toISOString() } });
        throw waitError(outcome.until);
      }
      return { device: view(outcome.row, caller), expiresAt: outcome.expiresAt.toISOString() };
    },

    /**
     * The Bestätigungscode for the caller's pending device: right, the device is unlocked; wrong, one
     * of five entries is used (the fifth deletes the registration); expired, the registration is gone.
     * Each failure counts towards the wait.
     */
    async confirm(caller: EpaCaller, input: { code: unknown }, ip: string): Promise<{ device: EpaDeviceView }> {
      const code = typeof input.code === 'string' ? input.code.trim() : '';
      if (!/^[0-9]{6}$/.test(code)) throw new AppError('form.invalid', 422, { code: 'epa.code_format' });
      const outcome = await db.transaction().execute(async (trx) => {
        await lockPerson(trx, caller.insuredId);
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
        const wrong = device.wrong_codes + 1;
        if (wrong >= MAX_WRONG_CODES) {
          await trx.deleteFrom('epa_devices').where('id', '=', device.id).execute();
          await trx.insertInto('epa_device_failures').values({ insured_id: caller.insuredId, failed_at: now, reason: 'wrong_codes' }).execute();
          await events.record({ insuredId: caller.insuredId, kind: 'device_registration_failed', device: named, result: 'failed', ip, data: { reason: 'wrong_codes' } }, trx);
          return { error: new AppError('epa.code_too_many', 410) } as const;
        }
        await trx.updateTable('epa_devices').set({ wrong_codes: wrong }).where('id', '=', device.id).execute();
        await events.record({ insuredId: caller.insuredId, kind: 'device_code_wrong', device: named, result: 'failed', ip, data: { attemptsLeft: MAX_WRONG_CODES - wrong } }, trx);
        return { error: new AppError('epa.code_wrong', 400, {}, { attemptsLeft: String(MAX_WRONG_CODES - wrong) }) } as const;
      });
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

    /**
     * Housekeeping: registrations whose code ran out become failures; failures older than the
     * window, used proofs past their time and old login marks are deleted, in batches.
     */
    async sweep(batchSize = 500): Promise<void> {
      await db.transaction().execute((trx) => expirePending(trx));
      const now = clock.now();
      const failuresBefore = new Date(now.getTime() - FAILURE_WINDOW_MS);
      const loginsBefore = new Date(now.getTime() - LOGIN_SEEN_KEEP_MS);
      await deleteBefore(db, 'epa_device_failures', 'id', 'failed_at', failuresBefore, batchSize);
      await untilNoneLeft(async () => {
        const r = await db
          .deleteFrom('epa_dpop_proofs')
          .where(sql<boolean>`(jkt, jti) in (select jkt, jti from epa_dpop_proofs where expires_at <= ${now} limit ${batchSize})`)
          .executeTakeFirst();
        return Number(r.numDeletedRows);
      });
      await untilNoneLeft(async () => {
        const r = await db
          .deleteFrom('epa_logins_seen')
          .where(sql<boolean>`(insured_id, jkt, auth_time) in (select insured_id, jkt, auth_time from epa_logins_seen where seen_at <= ${loginsBefore} limit ${batchSize})`)
          .executeTakeFirst();
        return Number(r.numDeletedRows);
      });
    },
  };
}

export type EpaAccess = ReturnType<typeof createEpaAccess>;
