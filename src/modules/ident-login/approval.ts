import { AppError } from '../../core/errors/app-error.ts';
import { isId } from '../../core/ids/secrets.ts';
import { deviceField } from '../../core/device-keys/signatures.ts';
import { ACR_HIGH } from '../ident-provider/provider-config.ts';
import { normalizeShortCode } from './codes.ts';
import { assertWaiting, stateNow, type IdentLoginDeps, type LoginRequestRow } from './service.ts';

/** Lookups of a request (by QR code or typed code) per address: a short code is not guessed this way. */
const LOOKUP_LIMIT = { points: 30, windowMs: 10 * 60_000 };
/** Answers (challenge, approval, decline) per address, and approvals per person. */
const ANSWER_LIMIT = { points: 60, windowMs: 10 * 60_000 };
const PERSON_LIMIT = { points: 20, windowMs: 10 * 60_000 };

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

export interface ApproveInput {
  id: unknown;
  number: unknown;
  deviceId: unknown;
  nonce: unknown;
  signature: unknown;
  pin: unknown;
}

const requestId = (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : null);

export function createLoginApprovals(deps: IdentLoginDeps) {
  const { db, clock, audit, rateLimiter, ident, devices } = deps;

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

    /** The nonce the device signs to approve this request (bound to it and to the device). */
    async challenge(id: unknown, deviceId: unknown, ip: string | null) {
      await rateLimiter.enforce(`ident-qr-answer:ip:${ip ?? 'none'}`, ANSWER_LIMIT);
      const row = await find(id);
      await waiting(row, ip);
      return devices.approvalChallenge(deviceField(deviceId, 64), row.id);
    },

    /**
     * "Anmelden": the number the person picked, then the device's signature and the GesundheitsID-Code.
     * A wrong number ends the request before any code is checked (someone who does not see the page
     * cannot know it); a wrong code leaves it waiting, and counts against the device. The login is
     * completed for the person whose device signed, in the browser that showed the request.
     */
    async approve(input: ApproveInput, ip: string | null): Promise<{ clientName: string }> {
      await rateLimiter.enforce(`ident-qr-answer:ip:${ip ?? 'none'}`, ANSWER_LIMIT);
      const row = await find(input.id);
      await waiting(row, ip);
      if (Number(input.number) !== row.number) {
        if (!(await end(row, { state: 'declined', wrong_number: true }))) return alreadyEnded(row, ip);
        await audit.record({ actor: 'anonymous', action: 'ident.request_number_wrong', ip, outcome: 'denied', data: { request: row.id, client: row.client_id } });
        throw new AppError('ident.request_number_wrong', 409);
      }
      const deviceId = deviceField(input.deviceId, 64);
      const owner = isId(deviceId) ? await db.selectFrom('ident_devices').select('insured_id').where('id', '=', deviceId).executeTakeFirst() : undefined;
      if (owner) await rateLimiter.enforce(`ident-qr-approve:person:${owner.insured_id}`, PERSON_LIMIT);
      const approved = await devices.approve({ deviceId, nonce: input.nonce, signature: input.signature, pin: input.pin }, ip);
      // the signed nonce was made for this request and no other
      if (approved.context !== row.id) throw new AppError('app.nonce_invalid', 401);
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

    /** "Ablehnen": the request ends, the page says so and offers a new QR code. */
    async decline(id: unknown, ip: string | null): Promise<void> {
      await rateLimiter.enforce(`ident-qr-answer:ip:${ip ?? 'none'}`, ANSWER_LIMIT);
      const row = await find(id);
      await waiting(row, ip);
      if (!(await end(row, { state: 'declined' }))) return alreadyEnded(row, ip);
      await audit.record({ actor: 'anonymous', action: 'ident.request_declined', ip, data: { request: row.id, client: row.client_id, browser: row.browser } });
    },
  };
}
