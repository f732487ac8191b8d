import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { HOUR } from '../../core/clock/clock.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { untilNoneLeft } from '../../core/db/batches.ts';
import { IDENT_BASE } from '../ident-provider/paths.ts';
import { PROOF_MAX_AGE_S, providerKeySet, verifyAccessToken, verifyProof } from './access-token.ts';
import type { EpaAccessDeps } from './service.ts';

/** An Ident login lasts at most 120 minutes: its "seen" row is kept a day. */
const LOGIN_SEEN_KEEP_MS = 24 * HOUR;
/** A device's last use is written at most this often: "Registrierte Geräte" shows it to the minute, and a read stays a read. */
const LAST_USED_STEP_MS = 60_000;

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

/** The header's single value; a repeated header is no valid request. */
function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Who calls the record service (issue 15 §4): the DPoP-bound access token of the Ident provider
 * with a fresh proof of its key, each proof used once across processes; the first request of a
 * login is the login's entry in the person's Protokoll.
 */
export function createCallerCheck(deps: Pick<EpaAccessDeps, 'db' | 'clock' | 'config' | 'keys' | 'events'>) {
  const { db, clock, config, events } = deps;
  const keySet = providerKeySet(deps.keys);

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

  /**
   * The first request of an Ident login on a device key is the login's entry in the Protokoll. A
   * login already seen conflicts and writes nothing: every later request of it stays a read.
   */
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
      .selectFrom('epa_devices')
      .select(['id', 'name', 'last_used_at'])
      .where('insured_id', '=', person.id)
      .where('jkt', '=', proof.jkt)
      .where('status', '=', 'confirmed')
      .executeTakeFirst();
    const stale = new Date(now.getTime() - LAST_USED_STEP_MS);
    if (device && (device.last_used_at === null || device.last_used_at <= stale)) {
      // the condition again in the statement: of parallel requests only the first writes
      await db
        .updateTable('epa_devices')
        .set({ last_used_at: now })
        .where('id', '=', device.id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', stale)]))
        .execute();
    }
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

  /** Housekeeping: used proofs past their time and old login marks are deleted, in batches. */
  async function sweep(batchSize: number): Promise<void> {
    const now = clock.now();
    const loginsBefore = new Date(now.getTime() - LOGIN_SEEN_KEEP_MS);
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
  }

  return { authenticate, requireDevice, sweep };
}
