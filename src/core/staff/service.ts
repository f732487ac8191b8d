import * as OTPAuth from 'otpauth';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Audit } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids/secrets.ts';
import { hashPassword, normalizeEmail, verifyPassword } from '../passwords/passwords.ts';
import { checkPassword } from '../passwords/password-rules.ts';
import { decryptFile, encryptFile } from '../files/encryption.ts';
import { createAttempts, PASSWORD_RULE } from '../attempts/attempts.ts';

import type { StaffRole } from '../db/values.ts';
export type { StaffRole };

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  insurerId: string | null;
}

const ISSUER = 'Pforte Backoffice';

/** The attempt key of a staff login: wrong passwords and wrong TOTP codes count on it alike. */
const attemptKey = (emailNormalized: string) => `staff:${emailNormalized}`;

function lockedError(until: Date | null, now: Date) {
  const minutes = until ? Math.ceil((until.getTime() - now.getTime()) / 60_000) : 1;
  return new AppError('login.temporarily_locked', 429, {}, { minutes: String(Math.max(1, minutes)) });
}

/** Staff accounts: argon2id password plus TOTP (RFC 6238); the TOTP secret is stored encrypted, each code works once. */
export function createStaff(deps: { db: Db; clock: Clock; audit: Audit; key: Buffer; insurerIds: string[] }) {
  const { db, clock, audit, key } = deps;
  const attempts = createAttempts(db, clock);
  // unknown addresses cost the same hash as known ones
  const dummyHash = hashPassword('pforte-staff-timing-equaliser');

  function totpFor(email: string, secretBase32: string) {
    return new OTPAuth.TOTP({ issuer: ISSUER, label: email, secret: OTPAuth.Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
  }

  function toMember(row: { id: string; email: string; name: string; role: StaffRole; insurer_id: string | null }): StaffMember {
    return { id: row.id, email: row.email, name: row.name, role: row.role, insurerId: row.insurer_id };
  }

  return {
    async add(input: { email: string; name?: string; password: string; role: string; insurerId?: string | null }, actor: string) {
      const email = input.email.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AppError('email.invalid', 422);
      if (input.role !== 'admin' && input.role !== 'clerk') throw new AppError('staff.role_invalid', 422);
      const insurerId = input.insurerId ?? null;
      if (input.role === 'clerk' && (!insurerId || !deps.insurerIds.includes(insurerId))) throw new AppError('staff.insurer_required', 422);
      const rules = checkPassword(input.password, email);
      if (!rules.ok) throw new AppError(rules.code, 422);
      const existing = await db.selectFrom('staff').select('id').where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
      if (existing) throw new AppError('staff.exists', 409);
      const secret = new OTPAuth.Secret({ size: 20 });
      const sealed = encryptFile(key, Buffer.from(secret.base32, 'utf8'));
      const id = newId();
      await db
        .insertInto('staff')
        .values({
          id,
          email,
          email_normalized: normalizeEmail(email),
          name: input.name?.trim() || email,
          password_hash: await hashPassword(input.password),
          role: input.role,
          insurer_id: insurerId,
          totp_iv: sealed.iv,
          totp_tag: sealed.tag,
          totp_secret: sealed.ciphertext,
          totp_last_step: 0,
          status: 'active',
          created_at: clock.now(),
        })
        .execute();
      await audit.record({ actor, action: 'staff.created', subject: `staff:${id}`, data: { role: input.role, insurerId } });
      const totp = totpFor(email, secret.base32);
      return { id, secret: secret.base32, uri: totp.toString() };
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Step 1 of the staff login; the same answer and cost for unknown addresses. Per address the
     * portals' rule: four wrong attempts free, then locks of 1, 2, 4 … minutes up to an hour.
     * A right password gives its attempt back but clears nothing: wrong TOTP codes count on.
     */
    async checkPassword(emailInput: string, password: string, ip: string | null): Promise<StaffMember> {
      const email = normalizeEmail(emailInput);
      const attempt = await attempts.reserve(attemptKey(email), PASSWORD_RULE);
      if (!attempt.granted) throw lockedError(attempt.lockedUntil, clock.now());
      const row = await db.selectFrom('staff').selectAll().where('email_normalized', '=', email).executeTakeFirst();
      const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      if (!row || !ok) {
        const subject = row ? `staff:${row.id}` : null;
        await audit.record({ actor: 'anonymous', action: 'staff.login_failed', subject, ip, outcome: 'failure', data: { failures: attempt.count } });
        if (attempt.lockedUntil) await audit.record({ actor: 'system', action: 'staff.login_locked', subject, ip, outcome: 'denied', data: { until: attempt.lockedUntil.toISOString() } });
        throw new AppError('login.invalid', 401);
      }
      await attempts.refund(attempt);
      if (row.status !== 'active') throw new AppError('login.account_locked', 403);
      return toMember(row);
    },

    /**
     * Step 2: the TOTP code, counted on the same key as the password before it is checked; a
     * code (time step) used once is refused afterwards. The wrong code that sets a lock, and
     * any code while locked, answer login.temporarily_locked: the login starts again.
     */
    async verifyTotp(staffId: string, code: string, ip: string | null): Promise<void> {
      const row = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
      if (!row || row.status !== 'active') throw new AppError('login.account_locked', 403);
      const keyOfAttempts = attemptKey(row.email_normalized);
      const attempt = await attempts.reserve(keyOfAttempts, PASSWORD_RULE);
      if (!attempt.granted) throw lockedError(attempt.lockedUntil, clock.now());
      const wrong = async (reason: 'staff.totp_wrong' | 'staff.totp_used') => {
        await audit.record({ actor: `staff:${staffId}`, action: 'staff.totp_wrong', subject: `staff:${staffId}`, ip, outcome: 'failure', data: { reason, failures: attempt.count } });
        if (!attempt.lockedUntil) return new AppError(reason, 422);
        await audit.record({ actor: 'system', action: 'staff.login_locked', subject: `staff:${staffId}`, ip, outcome: 'denied', data: { until: attempt.lockedUntil.toISOString() } });
        return lockedError(attempt.lockedUntil, clock.now());
      };
      if (!/^\d{6}$/.test(code)) throw await wrong('staff.totp_wrong');
      const secret = decryptFile(key, { iv: row.totp_iv, tag: row.totp_tag, ciphertext: row.totp_secret }).toString('utf8');
      const now = clock.now().getTime();
      const delta = totpFor(row.email, secret).validate({ token: code, timestamp: now, window: 1 });
      if (delta === null) throw await wrong('staff.totp_wrong');
      const step = Math.floor(now / 30_000) + delta;
      const used = await db
        .updateTable('staff')
        .set({ totp_last_step: step })
        .where('id', '=', staffId)
        .where('totp_last_step', '<', String(step))
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw await wrong('staff.totp_used');
      if ((await attempts.clear(keyOfAttempts)) > 1) await audit.record({ actor: `staff:${staffId}`, action: 'staff.login_unlocked', subject: `staff:${staffId}`, ip });
    },

    /** Every staff member with the lock their wrong attempts set, while it runs. */
    async list() {
      const rows = await db
        .selectFrom('staff')
        .leftJoin('login_attempts', (join) => join.on(sql`login_attempts.key`, '=', sql`'staff:' || staff.email_normalized`))
        .select(['staff.id', 'staff.email', 'staff.name', 'staff.role', 'staff.insurer_id', 'staff.status', 'staff.created_at', 'login_attempts.locked_until'])
        .orderBy('staff.email_normalized')
        .execute();
      const now = clock.now();
      return rows.map(({ locked_until, ...row }) => ({ ...row, loginLockedUntil: locked_until && new Date(locked_until) > now ? new Date(locked_until) : null }));
    },

    /**
     * Locking a staff member ends their sessions at once. Unlocking means "may log in again":
     * it lifts an administrator's lock and the lock of wrong attempts alike (both audited).
     */
    async setLocked(staffId: string, locked: boolean, actor: string, ip: string | null) {
      if (actor === `staff:${staffId}`) throw new AppError('staff.self', 409);
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('staff').select(['status', 'email_normalized']).where('id', '=', staffId).forUpdate().executeTakeFirst();
        if (!row) throw new AppError('request.not_found', 404);
        if (locked) {
          await trx.updateTable('staff').set({ status: 'locked' }).where('id', '=', staffId).execute();
          await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
          await audit.record({ actor, action: 'staff.locked', subject: `staff:${staffId}`, ip }, trx);
          return;
        }
        if (row.status !== 'active') {
          await trx.updateTable('staff').set({ status: 'active' }).where('id', '=', staffId).execute();
          await audit.record({ actor, action: 'staff.unlocked', subject: `staff:${staffId}`, ip }, trx);
        }
        const failures = await attempts.clear(attemptKey(row.email_normalized), trx);
        if (failures > 0) await audit.record({ actor, action: 'staff.login_unlocked', subject: `staff:${staffId}`, ip, data: { failures } }, trx);
      });
    },

    async get(staffId: string): Promise<StaffMember | null> {
      const row = await db.selectFrom('staff').select(['id', 'email', 'name', 'role', 'insurer_id', 'status']).where('id', '=', staffId).executeTakeFirst();
      return row && row.status === 'active' ? toMember(row) : null;
    },
  };
}

export type Staff = ReturnType<typeof createStaff>;
