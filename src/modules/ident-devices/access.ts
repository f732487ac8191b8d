import type { Selectable } from 'kysely';
import type { IdentDevicesTable } from '../../core/db/ident-devices-schema.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { createAttempts } from '../../core/attempts/attempts.ts';
import { deviceField, verifyDeviceSignature } from '../../core/device-keys/signatures.ts';
import { useChallenge } from '../../core/device-keys/challenges.ts';
import { checkDevicePin, MAX_WRONG_PINS } from '../../core/device-keys/device-pin.ts';
import { createAppSessions } from '../../core/device-keys/app-sessions.ts';
import { identChallengeFlow } from './flows.ts';
import { identMessage, type IdentPurpose } from './signed.ts';
import { identCodeKey, type IdentDevicesDeps } from './service.ts';

/** A device's signed request: its id, the nonce it was given, and its signature over `identMessage`. */
export interface SignedInput {
  deviceId: unknown;
  nonce: unknown;
  signature: unknown;
}

/** The same with the GesundheitsID-Code typed on the device. */
export interface ApprovalInput extends SignedInput {
  pin: unknown;
}

/** Who an approval names: the insured person whose device signed and whose code was right. */
export interface ApprovedBy {
  insuredId: string;
  kvnr: string;
  deviceId: string;
  /** what the challenge was made for (with `approve`, the login request) */
  context: string | null;
}

/** How a login request is answered: "Anmelden" (signature and code) or "Ablehnen" (the signature alone). */
export type AnswerPurpose = Extract<IdentPurpose, 'approve' | 'decline'>;

/** Whose device signed an answer, and what its challenge was made for (the login request). */
export interface SignedBy {
  insuredId: string;
  deviceId: string;
  context: string | null;
}

type Device = Selectable<IdentDevicesTable>;

export function createIdentAccess(deps: IdentDevicesDeps) {
  const { db, clock, audit, flows } = deps;
  const attempts = createAttempts(db, clock);
  const sessions = createAppSessions(db, clock, 'ident-app');

  async function challengeFor(deviceId: string, purpose: IdentPurpose, context?: string) {
    const flow = await flows.create(identChallengeFlow, { deviceId, purpose, ...(context === undefined ? {} : { context }) });
    return { nonce: flow.id, expiresAt: flow.expiresAt.toISOString() };
  }

  /**
   * The device's signature over a challenge made for it and this purpose; the challenge is used by this
   * request whatever follows, so a signature is good once. `about` is what the purpose is about when
   * the request names it (the removed device); otherwise the challenge's context.
   */
  async function signed(input: SignedInput, purpose: IdentPurpose, ip: string | null, about?: string): Promise<{ device: Device; context: string | null }> {
    const deviceId = deviceField(input.deviceId, 64);
    const challenge = await useChallenge(flows, db, identChallengeFlow, input.nonce);
    if (challenge.data.purpose !== purpose || challenge.data.deviceId !== deviceId) throw new AppError('app.nonce_invalid', 401);
    const device = isId(deviceId) ? await db.selectFrom('ident_devices').selectAll().where('id', '=', deviceId).executeTakeFirst() : undefined;
    if (!device) throw new AppError('app.signature_invalid', 401);
    const message = identMessage(purpose, challenge.id, device.id, about ?? challenge.data.context ?? '');
    if (!verifyDeviceSignature(device.public_key, message, deviceField(input.signature, 200))) {
      await audit.record({ actor: 'anonymous', action: 'insured.signature_invalid', subject: device.insured_id, ip, outcome: 'failure', data: { device: device.id, purpose } });
      throw new AppError('app.signature_invalid', 401);
    }
    if (device.status === 'locked') throw new AppError('ident_app.device_locked', 423);
    const person = await db.selectFrom('insured_persons').select('status').where('id', '=', device.insured_id).executeTakeFirst();
    if (person?.status !== 'active') throw new AppError('insured.person_locked', 403);
    return { device, context: challenge.data.context ?? null };
  }

  /** The GesundheitsID-Code on a signing device: the fifth wrong one locks the device. */
  async function checkCode(device: Device, pin: unknown, ip: string | null): Promise<void> {
    const checked = await checkDevicePin(attempts, identCodeKey(device.id), device.code_hash, typeof pin === 'string' ? pin : '');
    const actor = `insured:${device.insured_id}`;
    if (checked.ok) {
      await db.updateTable('ident_devices').set({ failed_codes: 0, last_used_at: clock.now() }).where('id', '=', device.id).execute();
      return;
    }
    if (!checked.counted) throw new AppError('ident_app.device_locked', 423);
    await db
      .updateTable('ident_devices')
      .set({ failed_codes: checked.count, ...(checked.locked ? { status: 'locked' as const } : {}) })
      .where('id', '=', device.id)
      .where('failed_codes', '<', checked.count)
      .execute();
    await audit.record({ actor, action: checked.locked ? 'insured.device_locked' : 'insured.code_wrong', subject: device.insured_id, ip, outcome: 'failure', data: { device: device.id, wrong: checked.count } });
    if (checked.locked) throw new AppError('ident_app.device_locked', 423);
    throw new AppError('ident_app.code_wrong', 401, { pin: 'ident_app.code_wrong' }, { attemptsLeft: String(MAX_WRONG_PINS - checked.count) });
  }

  /**
   * The signature and the code together: what every approval by the person is made of. `verified` runs
   * between the two, when it is known which device signed: what the caller checks before a code counts.
   */
  async function approval(input: ApprovalInput, purpose: IdentPurpose, ip: string | null, verified?: (by: SignedBy) => Promise<void>): Promise<{ device: Device; approved: ApprovedBy }> {
    const { device, context } = await signed(input, purpose, ip);
    await verified?.({ insuredId: device.insured_id, deviceId: device.id, context });
    await checkCode(device, input.pin, ip);
    const person = await db.selectFrom('insured_persons').select('kvnr').where('id', '=', device.insured_id).executeTakeFirstOrThrow();
    return { device, approved: { insuredId: device.insured_id, kvnr: person.kvnr, deviceId: device.id, context } };
  }

  /** The live session of a bearer token: its device must still be active, its person not locked by staff. */
  async function authenticate(token: unknown): Promise<{ deviceId: string; insuredId: string }> {
    const session = await sessions.resolve(token);
    const device = session.identDeviceId
      ? await db
          .selectFrom('ident_devices')
          .innerJoin('insured_persons as p', 'p.id', 'ident_devices.insured_id')
          .select(['ident_devices.id', 'insured_id', 'ident_devices.status', 'p.status as person'])
          .where('ident_devices.id', '=', session.identDeviceId)
          .executeTakeFirst()
      : undefined;
    if (!device) throw new AppError('app.session_invalid', 401);
    if (device.status === 'locked') throw new AppError('ident_app.device_locked', 423);
    if (device.person !== 'active') throw new AppError('insured.person_locked', 403);
    return { deviceId: device.id, insuredId: device.insured_id };
  }

  return {
    /** A nonce for "Geräte" or a removal; made for any id, so it tells nothing about which devices exist. */
    challenge: (deviceId: unknown, purpose: unknown) => challengeFor(deviceField(deviceId, 64), purpose === 'remove' ? 'remove' : 'login'),

    /** The nonce of an answer, bound to the device, to approving or declining, and to what it answers (the login request's id). */
    approvalChallenge: (deviceId: string, context: string, purpose: AnswerPurpose = 'approve') => challengeFor(deviceId, purpose, context),

    /**
     * The approval of a request by the person: the device's signature over its `approve` challenge and
     * the GesundheitsID-Code. Gives the person and the challenge's context; a used, foreign or expired
     * challenge, a wrong signature, a locked device or person, a wrong code: each is an AppError.
     * `verified` runs once the signature is good and before the code is checked (or counted).
     */
    approve: async (input: ApprovalInput, ip: string | null, verified?: (by: SignedBy) => Promise<void>): Promise<ApprovedBy> =>
      (await approval(input, 'approve', ip, verified)).approved,

    /** "Ablehnen": the device's signature over its `decline` challenge, no code. Gives who signed and the challenge's context. */
    async decline(input: SignedInput, ip: string | null): Promise<SignedBy> {
      const { device, context } = await signed(input, 'decline', ip);
      return { insuredId: device.insured_id, deviceId: device.id, context };
    },

    /** "Geräte": signature and code open a session of the app (15 minutes without a request). */
    async login(input: ApprovalInput, ip: string | null) {
      const { device } = await approval(input, 'login', ip);
      return db.transaction().execute(async (trx) => {
        const session = await sessions.start(trx, { identDeviceId: device.id });
        await audit.record({ actor: `insured:${device.insured_id}`, action: 'insured.app_login', subject: device.insured_id, ip, data: { device: device.id } }, trx);
        return session;
      });
    },

    authenticate,

    /** The person's devices, oldest first, the session's own marked. */
    async list(token: unknown) {
      const session = await authenticate(token);
      const rows = await db
        .selectFrom('ident_devices')
        .select(['id', 'kind', 'name', 'status', 'created_at', 'last_used_at'])
        .where('insured_id', '=', session.insuredId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, status: r.status, createdAt: new Date(r.created_at).toISOString(), lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null, current: r.id === session.deviceId }));
    },

    /**
     * Removes one of the person's devices (this one too): the session says the code was typed, the
     * device's signature over a `remove` challenge that names the removed device says it is this device
     * that asks. Its sessions go with it; so does its count of wrong codes.
     */
    async remove(token: unknown, input: SignedInput & { remove: unknown }, ip: string | null): Promise<void> {
      const session = await authenticate(token);
      const target = deviceField(input.remove, 64);
      if (deviceField(input.deviceId, 64) !== session.deviceId) throw new AppError('app.signature_invalid', 401);
      await signed(input, 'remove', ip, target);
      const removed = await db.transaction().execute(async (trx) => {
        const row = isId(target)
          ? await trx.deleteFrom('ident_devices').where('id', '=', target).where('insured_id', '=', session.insuredId).returning(['id', 'name', 'kind']).executeTakeFirst()
          : undefined;
        if (row) await audit.record({ actor: `insured:${session.insuredId}`, action: 'insured.device_removed', subject: session.insuredId, ip, data: { device: row.id, name: row.name, self: row.id === session.deviceId } }, trx);
        return row;
      });
      if (!removed) throw new AppError('ident_app.device_not_found', 404);
      await attempts.clear(identCodeKey(removed.id));
    },

    logout: (token: unknown) => sessions.end(token),
  };
}
