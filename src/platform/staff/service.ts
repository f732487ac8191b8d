import * as OTPAuth from 'otpauth';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Audit } from '../audit/audit.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids/secrets.ts';
import { hashPassword, normalizeEmail, verifyPassword } from '../accounts/passwords.ts';
import { checkPassword } from '../accounts/password-rules.ts';
import { decryptFile, encryptFile } from '../files/encryption.ts';

export type StaffRole = 'admin' | 'clerk';

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  insurerId: string | null;
}

const ISSUER = 'Pforte Backoffice';

/** Staff accounts: argon2id password plus TOTP (RFC 6238); the TOTP secret is stored encrypted, each code works once. */
export function createStaff(deps: { db: Db; clock: Clock; audit: Audit; key: Buffer; insurerIds: string[] }) {
  const { db, clock, audit, key } = deps;
  // unknown addresses cost the same hash as known ones
  const dummyHash = hashPassword('pforte-staff-timing-equaliser');

  function totpFor(email: string, secretBase32: string) {
    return new OTPAuth.TOTP({ issuer: ISSUER, label: email, secret: OTPAuth.Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 });
  }

  function toMember(row: { id: string; email: string; name: string; role: string; insurer_id: string | null }): StaffMember {
    return { id: row.id, email: row.email, name: row.name, role: row.role as StaffRole, insurerId: row.insurer_id };
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

    /** Step 1 of the staff login; the same answer and cost for unknown addresses. */
    async checkPassword(emailInput: string, password: string): Promise<StaffMember> {
      const row = await db.selectFrom('staff').selectAll().where('email_normalized', '=', normalizeEmail(emailInput)).executeTakeFirst();
      const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), password);
      if (!row || !ok) throw new AppError('login.invalid', 401);
      if (row.status !== 'active') throw new AppError('login.account_locked', 403);
      return toMember(row);
    },

    /** Step 2: the TOTP code; a code (time step) used once is refused afterwards. */
    async verifyTotp(staffId: string, code: string): Promise<void> {
      const row = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
      if (!row || row.status !== 'active') throw new AppError('login.account_locked', 403);
      if (!/^\d{6}$/.test(code)) throw new AppError('staff.totp_wrong', 422);
      const secret = decryptFile(key, { iv: row.totp_iv, tag: row.totp_tag, ciphertext: row.totp_secret }).toString('utf8');
      const now = clock.now().getTime();
      const delta = totpFor(row.email, secret).validate({ token: code, timestamp: now, window: 1 });
      if (delta === null) throw new AppError('staff.totp_wrong', 422);
      const step = Math.floor(now / 30_000) + delta;
      const used = await db
        .updateTable('staff')
        .set({ totp_last_step: step })
        .where('id', '=', staffId)
        .where('totp_last_step', '<', String(step))
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new AppError('staff.totp_used', 422);
    },

    async list() {
      return db.selectFrom('staff').select(['id', 'email', 'name', 'role', 'insurer_id', 'status', 'created_at']).orderBy('email_normalized').execute();
    },

    /** Locking a staff member ends their sessions at once. */
    async setLocked(staffId: string, locked: boolean, actor: string, ip: string | null) {
      if (actor === `staff:${staffId}`) throw new AppError('staff.self', 409);
      await db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('staff').set({ status: locked ? 'locked' : 'active' }).where('id', '=', staffId).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new AppError('request.not_found', 404);
        if (locked) await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
        await audit.record({ actor, action: locked ? 'staff.locked' : 'staff.unlocked', subject: `staff:${staffId}`, ip }, trx);
      });
    },

    async get(staffId: string): Promise<StaffMember | null> {
      const row = await db.selectFrom('staff').select(['id', 'email', 'name', 'role', 'insurer_id', 'status']).where('id', '=', staffId).executeTakeFirst();
      return row && row.status === 'active' ? toMember(row) : null;
    },
  };
}

export type Staff = ReturnType<typeof createStaff>;
