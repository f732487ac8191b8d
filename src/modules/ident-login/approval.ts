import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { createAttempts, type AttemptRule, type Reservation } from '../../core/attempts/attempts.ts';
import { deviceField } from '../../core/device-keys/signatures.ts';
import { ACR_HIGH } from '../ident-provider/provider-config.ts';
import { normalizeShortCode } from './codes.ts';
import { assertWaiting, stateNow, type IdentLoginDeps, type LoginRequestRow } from './service.ts';

/** Lookups of a request (by QR code or typed code) per address: a short code is not guessed this way. */
const LOOKUP_LIMIT = { points: 30, windowMs: 10 * 60_000 };
/** Answers (challenge, approval, decline) per address. */
const ANSWER_LIMIT = { points: 60, windowMs: 10 * 60_000 };
/** Approvals per person: counted once the person's device has signed, so nobody else spends them. */
const PERSON_LIMIT = { points: 20, windowMs: 10 * 60_000 };
/**
 * Answers without a good signature (an unknown device, a used or foreign nonce, a wrong signature, a
 * device the request is not bound to): per address, and per request for its own device's id. Each is
 * counted before the signature is checked and given back once it verified.
 */
const UNSIGNED_PER_IP: AttemptRule = { kind: 'limit', max: 20, forgetAfterMs: 10 * 60_000 };
const UNSIGNED_PER_REQUEST: AttemptRule = { kind: 'limit', max: 10, forgetAfterMs: 10 * 60_000 };

/** How the person logged in (RFC 8176): a software-kept device key and the GesundheitsID-Code. */
export const APP_AMR = ['mfa', 'pin', 'swk'] as const;

/** What the app shows before the person answers: who asks, from where, when; and the three numbers. */
export interface RequestContext {
  id: string;
  clientName: string;
  browser: string;
  createdAt: string;
  expiresAt: string;
  choices: number[];
}

/** "Ablehnen": the device's signature over a `decline` challenge for the request. */
export interface DeclineInput {
  id: unknown;
  deviceId: unknown;
  nonce: unknown;
  signature: unknown;
}

/** "Anmelden": the same over an `approve` challenge, the number picked and the GesundheitsID-Code. */
export interface ApproveInput extends DeclineInput {
  number: unknown;
  pin: unknown;
}

const requestId = (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null);

export function createLoginApprovals(deps: IdentLoginDeps) {
  const { db, clock, audit, rateLimiter, ident, devices } = deps;
  const attempts = createAttempts(db, clock);

  async function find(id: unknown): Promise<LoginRequestRow> {
    const key = requestId(id);
    const row = key ? await db.selectFrom('ident_login_requests').selectAll().where('id', '=', key).executeTakeFirst() : undefined;
    if (!row) throw new AppError('ident.request_unknown', 404);
    return row;
  }

  /** A request that can no longer be answered: the refusal goes into the audit log, then the answer. */
  async function waiting(row: LoginRequestRow, ip: string | null): Promise<void> {
    try {
      assertWaiting(row, clock.now());
    } catch (error) {
      await audit.record({ actor: 'anonymous', action: 'ident.request_refused', ip, outcome: 'denied', data: { request: row.id, state: stateNow(row, clock.now()), client: row.client_id } });
      throw error;
    }
  }

  /** Ends a waiting request, once; false when it had already ended (answered, renewed or run out). */
  async function end(row: LoginRequestRow, set: { state: 'approved' | 'declined' | 'expired'; wrong_number?: boolean; device_id?: string }): Promise<boolean> {
    const now = clock.now();
    const ended = await db
      .updateTable('ident_login_requests')
      .set({ ...set, answered_at: now })
      .where('id', '=', row.id)
      .where('state', '=', 'waiting')
      .where('expires_at', '>', now)
      .returning('id')
      .executeTakeFirst();
    return ended !== undefined;
  }

  /** The request again after `end` found it ended: why it cannot be answered. */
  async function alreadyEnded(row: LoginRequestRow, ip: string | null): Promise<never> {
    await waiting(await find(row.id), ip);
    throw new AppError('ident.request_answered', 409);
  }

  /** An answer from a device the request is not bound to: refused, and said so in the audit log. */
  async function otherDevice(row: LoginRequestRow, deviceId: string, ip: string | null): Promise<never> {
    await audit.record({ actor: 'anonymous', action: 'ident.request_refused', ip, outcome: 'denied', data: { request: row.id, state: 'other_device', device: deviceId, client: row.client_id } });
    throw new AppError('ident.request_other_device', 409);
  }

  /**
   * The first device that fetches a challenge for a request holds it: from then on only that device
   * answers it (RFC 10027's binding to one device; someone who saw the QR code or its short code can no
   * longer end another person's login with a device of their own).
   */
  async function bind(row: LoginRequestRow, deviceId: string, ip: string | null): Promise<void> {
    const bound = await db
      .updateTable('ident_login_requests')
      .set({ device_id: deviceId })
      .where('id', '=', row.id)
      .where('state', '=', 'waiting')
      .where((eb) => eb.or([eb('device_id', 'is', null), eb('device_id', '=', deviceId)]))
      .returning('id')
      .executeTakeFirst();
    if (bound) return;
    const now = await find(row.id);
    await waiting(now, ip);
    return otherDevice(now, deviceId, ip);
  }

  /** Counts an answer as unsigned on each key until its signature verified; over a limit, refused (429). */
  async function unsigned(keys: [string, AttemptRule][]): Promise<Reservation[]> {
    const held: Reservation[] = [];
    for (const [key, rule] of keys) {
      const reservation = await attempts.reserve(key, rule);
      if (!reservation.granted) {
        await signedAfterAll(held);
        throw new AppError('request.rate_limited', 429);
      }
      held.push(reservation);
    }
    return held;
  }

  /** The signature verified: what `unsigned` counted is given back. */
  async function signedAfterAll(held: Reservation[]): Promise<void> {
    for (const reservation of held) if (reservation.granted) await attempts.refund(reservation);
  }

  const ipKey = (ip: string | null) => `ident-qr-unsigned:ip:${ip ?? 'none'}`;

  /**
   * What every answer checks before the device's signature: the request is waiting, bound to the
   * device named (it fetched the challenge), and neither the address nor this request has had too many
   * answers without a good signature. Gives the request and the counts to give back once it verified.
   */
  async function beforeSignature(input: { id: unknown; deviceId: unknown }, ip: string | null) {
    await rateLimiter.enforce(`ident-qr-answer:ip:${ip ?? 'none'}`, ANSWER_LIMIT);
    const row = await find(input.id);
    await waiting(row, ip);
    const deviceId = deviceField(input.deviceId, 64);
    const held = await unsigned([[ipKey(ip), UNSIGNED_PER_IP]]);
    // no device fetched a challenge for it: no signature can be good
    if (row.device_id === null) throw new AppError('app.nonce_invalid', 401);
    if (row.device_id !== deviceId) return otherDevice(row, deviceId, ip);
    held.push(...(await unsigned([[`ident-qr-unsigned:request:${row.id}`, UNSIGNED_PER_REQUEST]])));
    return { row, deviceId, held };
  }

  /** A good signature over a nonce made for another request (a replayed answer) answers nothing. */
  function sameRequest(row: LoginRequestRow, context: string | null): void {
    if (context !== row.id) throw new AppError('app.nonce_invalid', 401);
  }

  return {
    /** The request behind a QR code (`id`) or a typed short code (`code`), as the app shows it. */
    async lookup(input: { id?: unknown; code?: unknown }, ip: string | null): Promise<RequestContext> {
      await rateLimiter.enforce(`ident-qr-lookup:ip:${ip ?? 'none'}`, LOOKUP_LIMIT);
      let row: LoginRequestRow | undefined;
      if (input.id !== undefined) row = await find(input.id);
      else {
        const code = normalizeShortCode(input.code);
        row = code ? await db.selectFrom('ident_login_requests').selectAll().where('short_code', '=', code).executeTakeFirst() : undefined;
        if (!row) throw new AppError('ident.request_unknown', 404);
      }
      await waiting(row, ip);
      return {
        id: row.id,
        clientName: row.client_name,
        browser: row.browser,
        createdAt: new Date(row.created_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
        choices: row.choices.split(' ').map(Number),
      };
    },

    /**
     * The nonce an activated device signs to approve this request (or, `purpose` "decline", to decline
     * it), bound to the request and the device. The first device to fetch one holds the request; an
     * unknown device id counts like a wrong signature.
     */
    async challenge(id: unknown, deviceId: unknown, purpose: unknown, ip: string | null) {
      await rateLimiter.enforce(`ident-qr-answer:ip:${ip ?? 'none'}`, ANSWER_LIMIT);
      const row = await find(id);
      await waiting(row, ip);
      const named = deviceField(deviceId, 64);
      const held = await unsigned([[ipKey(ip), UNSIGNED_PER_IP]]);
      const device = isId(named) ? await db.selectFrom('ident_devices').select(['id', 'status']).where('id', '=', named).executeTakeFirst() : undefined;
      if (!device) throw new AppError('app.signature_invalid', 401);
      await signedAfterAll(held);
      if (device.status === 'locked') throw new AppError('ident_app.device_locked', 423);
      await bind(row, device.id, ip);
      return devices.approvalChallenge(device.id, row.id, purpose === 'decline' ? 'decline' : 'approve');
    },

    /**
     * "Anmelden": the device's signature, then the number the person picked, then the GesundheitsID-Code.
     * Until the signature verified nothing counts against the person or the device (only against the
     * address and the request); a wrong number then ends the request before any code is checked (someone
     * who does not see the page cannot know it); a wrong code leaves it waiting, and counts against the
     * device. The login is completed for the person whose device signed, in the browser that showed the request.
     */
    async approve(input: ApproveInput, ip: string | null): Promise<{ clientName: string }> {
      const { row, deviceId, held } = await beforeSignature(input, ip);
      const approved = await devices.approve({ deviceId, nonce: input.nonce, signature: input.signature, pin: input.pin }, ip, async (by) => {
        await signedAfterAll(held);
        sameRequest(row, by.context);
        await rateLimiter.enforce(`ident-qr-approve:person:${by.insuredId}`, PERSON_LIMIT);
        if (Number(input.number) === row.number) return;
        if (!(await end(row, { state: 'declined', wrong_number: true }))) return alreadyEnded(row, ip);
        await audit.record({ actor: `insured:${by.insuredId}`, action: 'ident.request_number_wrong', subject: by.insuredId, ip, outcome: 'denied', data: { request: row.id, device: by.deviceId, client: row.client_id } });
        throw new AppError('ident.request_number_wrong', 409);
      });
      if (!(await end(row, { state: 'approved', device_id: approved.deviceId }))) return alreadyEnded(row, ip);
      const actor = `insured:${approved.insuredId}`;
      try {
        await ident.completeLogin(row.interaction_uid, approved.insuredId, { acr: ACR_HIGH, amr: [...APP_AMR] }, { actor, ip });
      } catch (error) {
        // the login ended meanwhile on the page, or the person may not log in: the request with it
        await db.updateTable('ident_login_requests').set({ state: error instanceof AppError && error.code === 'ident.account_unavailable' ? 'declined' : 'expired' }).where('id', '=', row.id).execute();
        throw error;
      }
      await audit.record({ actor, action: 'ident.request_approved', subject: approved.insuredId, ip, data: { request: row.id, device: approved.deviceId, client: row.client_id, browser: row.browser } });
      return { clientName: row.client_name };
    },

    /**
     * "Ablehnen": as strong as "Anmelden" without the GesundheitsID-Code, the signature of the device the
     * request is bound to. The request ends, the page says so and offers a new QR code.
     */
    async decline(input: DeclineInput, ip: string | null): Promise<void> {
      const { row, deviceId, held } = await beforeSignature(input, ip);
      const by = await devices.decline({ deviceId, nonce: input.nonce, signature: input.signature }, ip);
      await signedAfterAll(held);
      sameRequest(row, by.context);
      if (!(await end(row, { state: 'declined' }))) return alreadyEnded(row, ip);
      const actor = `insured:${by.insuredId}`;
      await audit.record({ actor, action: 'ident.request_declined', subject: by.insuredId, ip, data: { request: row.id, device: by.deviceId, client: row.client_id, browser: row.browser } });
    },
  };
}
