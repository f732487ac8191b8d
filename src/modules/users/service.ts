import type { Db } from '../../core/db/database.ts';
import type { AccountRole } from '../../core/db/values.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import { personSnapshot, SNAPSHOT_COLUMNS } from '../../core/audit/snapshot.ts';
import type { FlowEngine } from '../../core/flows/engine.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import type { Devices } from '../devices/devices.ts';
import { invitationFlow, type InvitationFlow } from './flows.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { createTokens } from '../../core/tokens/tokens.ts';
import { hashPassword, normalizeEmail } from '../../core/passwords/passwords.ts';
import { checkPassword } from '../../core/passwords/password-rules.ts';
import { sameWork, standInEmail } from '../../core/db/same-work.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

export { invitationFlow, type InvitationFlow } from './flows.ts';

/** The invitation's link, or for an address that has an access already the note to its holder. */
export interface InvitationMails {
  invitation(link: string): MailMessage;
  toExisting(): MailMessage;
}

export interface UserDetails {
  salutation: string;
  title: string | null;
  firstName: string;
  lastName: string;
  password: string;
}

/**
 * The company's own users (SPEC §3): the administrator invites by e-mail; the invited person
 * sets name and password through the link (valid 7 days, once) and registers a device; the
 * administrator locks, unlocks and removes them.
 */
export function createCompanyUsers(deps: { db: Db; clock: Clock; audit: Audit; flows: FlowEngine; mailer: Mailer; devices: Devices }) {
  const { db, clock, audit, flows, mailer, devices } = deps;
  const tokens = createTokens(clock);

  async function adminOf(accountId: string) {
    const admin = await db.selectFrom('accounts').select(['id', 'portal', 'company', 'company_insurer_id', 'role', 'status']).where('id', '=', accountId).executeTakeFirst();
    if (!admin || admin.role !== 'admin' || admin.status !== 'active' || !admin.company || !admin.company_insurer_id) throw new AppError('users.admin_only', 403);
    return admin as typeof admin & { company: string; company_insurer_id: string };
  }

  /** A person of the administrator's company (any role, the administrator included); others are "not found". */
  async function userOf(adminId: string, userId: string) {
    const admin = await adminOf(adminId);
    const user = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'status', 'role', 'locked_by'])
      .where('id', '=', userId)
      .where('portal', '=', admin.portal)
      .where('company', '=', admin.company)
      .where('company_insurer_id', '=', admin.company_insurer_id)
      .executeTakeFirst();
    if (!user) {
      await audit.record({ actor: `account:${adminId}`, action: 'users.denied', subject: userId.slice(0, 64), outcome: 'denied' });
      throw new AppError('request.not_found', 404);
    }
    return { admin, user };
  }

  /**
   * Administrators are peers: none locks or removes another (a second registration for the same
   * company must not shut out the first); the insurer's staff can, in the back office.
   */
  async function notAnotherAdmin(adminId: string, user: { id: string; role: AccountRole }, ip: string | null) {
    if (user.role !== 'admin' || user.id === adminId) return;
    await audit.record({ actor: `account:${adminId}`, action: 'users.admin_protected', subject: user.id, ip, outcome: 'denied' });
    throw new AppError('users.admin_protected', 403);
  }

  /** A company never loses its last active administrator (manual 002: never an IK without an LE-Admin). */
  async function keepAnAdmin(trx: Db, admin: { portal: string; company: string; company_insurer_id: string }, userId: string) {
    const others = await trx
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('portal', '=', admin.portal)
      .where('company', '=', admin.company)
      .where('company_insurer_id', '=', admin.company_insurer_id)
      .where('role', '=', 'admin')
      .where('status', '=', 'active')
      .where('id', '!=', userId)
      .executeTakeFirstOrThrow();
    if (Number(others.n) === 0) throw new AppError('users.last_admin', 409);
  }

  return {
    async list(adminId: string) {
      const admin = await adminOf(adminId);
      const rows = await db
        .selectFrom('accounts')
        .leftJoin('devices', (j) => j.onRef('devices.account_id', '=', 'accounts.id').on('devices.status', '=', 'active'))
        .select(['accounts.id', 'accounts.email', 'accounts.first_name', 'accounts.last_name', 'accounts.status', 'accounts.created_at', 'accounts.role', 'accounts.advice_access', 'accounts.locked_by', 'devices.id as device_id'])
        .where('accounts.portal', '=', admin.portal)
        .where('accounts.company', '=', admin.company)
        .where('accounts.company_insurer_id', '=', admin.company_insurer_id)
        .orderBy('accounts.email_normalized')
        .execute();
      const now = clock.now().getTime();
      return rows.map((r) => ({ ...r, self: r.id === admin.id, expired: r.status === 'invited' && now - new Date(r.created_at).getTime() > INVITATION_TTL_MS }));
    },

    /**
     * The same answer and the same work whether or not the address has an access already (in
     * this company or another): the holder of an existing access gets a mail that the invitation
     * could not be delivered, the inviter learns nothing. See `sameWork`.
     */
    async invite(adminId: string, email: string, mails: InvitationMails, link: (token: string) => string, ip: string | null) {
      const admin = await adminOf(adminId);
      const normalized = normalizeEmail(email);
      const existing = await db.selectFrom('accounts').select(['id', 'email']).where('portal', '=', admin.portal).where('email_normalized', '=', normalized).executeTakeFirst();
      const id = newId();
      const now = clock.now();
      const stored = existing ? standInEmail(id) : email;
      await db.transaction().execute(async (trx) => {
        const token = await sameWork(trx, !existing, async (w) => {
          await w
            .insertInto('accounts')
            .values({
              id,
              portal: admin.portal,
              email: stored,
              email_normalized: existing ? stored : normalized,
              // no password until the invited person sets one: nothing verifies against this
              password_hash: '!',
              salutation: '',
              title: null,
              first_name: '',
              last_name: '',
              status: 'invited',
              created_at: now,
              activated_at: null,
              company: admin.company,
              company_insurer_id: admin.company_insurer_id,
              role: 'user',
              invited_by: admin.id,
            })
            .execute();
          return tokens.issue(w, { kind: 'invitation', accountId: id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) });
        });
        await mailer.store(existing ? existing.email : email, existing ? mails.toExisting() : mails.invitation(link(token)), trx);
        await audit.record({ actor: `account:${admin.id}`, action: existing ? 'users.invited_existing' : 'users.invited', subject: existing ? existing.id : id, ip }, trx);
      });
    },

    async openInvitation(token: unknown): Promise<InvitationFlow> {
      const used = await tokens.consumeLink(db, ['invitation'], token, {
        scope: (eb) => eb('account_id', 'is not', null),
        // accepted (or ended) meanwhile: the link is spent whatever its row says
        usable: (eb) => eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('status', '=', 'invited')),
      });
      const account = await db.selectFrom('accounts').select(['id', 'email']).where('id', '=', used.account_id!).executeTakeFirstOrThrow();
      return flows.create(invitationFlow, { accountId: account.id, email: account.email }, account.id);
    },

    loadInvitation(flowId: unknown) {
      return flows.load(invitationFlow, flowId);
    },

    /** A fresh activation code while the accepted user has no device yet; null once one is registered. */
    async activationCode(flow: InvitationFlow): Promise<string | null> {
      if (flow.state !== 'done') throw new AppError('flow.expired', 410);
      if (await devices.hasDeviceInUse(flow.data.accountId)) return null;
      return devices.issueActivationCode(flow.data.accountId, null);
    },

    /** Name and password; the activation code for the device follows on the next page. */
    async accept(flow: InvitationFlow, details: UserDetails, repeat: string, ip: string | null): Promise<void> {
      if (flow.state !== 'details') throw new AppError('flow.expired', 410);
      const rules = checkPassword(details.password, flow.data.email);
      if (!rules.ok) throw new AppError('form.invalid', 422, { password: rules.code });
      if (details.password !== repeat) throw new AppError('form.invalid', 422, { passwordRepeat: 'password.mismatch' });
      const passwordHash = await hashPassword(details.password);
      await db.transaction().execute(async (trx) => {
        await flows.transition(trx, invitationFlow, flow, 'done');
        const updated = await trx
          .updateTable('accounts')
          .set({ salutation: details.salutation, title: details.title, first_name: details.firstName, last_name: details.lastName, password_hash: passwordHash, status: 'active', activated_at: clock.now() })
          .where('id', '=', flow.data.accountId)
          .where('status', '=', 'invited')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('token.used', 410);
        await audit.record({ actor: `account:${flow.data.accountId}`, action: 'users.invitation_accepted', subject: flow.data.accountId, ip }, trx);
      });
    },

    async setLocked(adminId: string, userId: string, locked: boolean, ip: string | null) {
      const { admin, user } = await userOf(adminId, userId);
      if (user.id === adminId) throw new AppError('users.self', 409);
      if (locked) await notAnotherAdmin(adminId, user, ip);
      if (user.status === 'invited' || user.status === 'pending') throw new AppError('users.not_active', 409);
      // a lock set by the insurer's staff is lifted only by them
      if (!locked && user.locked_by === 'staff') throw new AppError('users.locked_by_staff', 409);
      await db.transaction().execute(async (trx) => {
        if (locked && user.role === 'admin') await keepAnAdmin(trx, admin, user.id);
        await trx.updateTable('accounts').set({ status: locked ? 'locked' : 'active', locked_by: locked ? 'company' : null }).where('id', '=', user.id).execute();
        if (locked) await trx.deleteFrom('sessions').where('account_id', '=', user.id).execute();
        await audit.record({ actor: `account:${adminId}`, action: locked ? 'users.locked' : 'users.unlocked', subject: user.id, ip }, trx);
      });
    },

    async remove(adminId: string, userId: string, ip: string | null) {
      const { admin, user } = await userOf(adminId, userId);
      await notAnotherAdmin(adminId, user, ip);
      await db.transaction().execute(async (trx) => {
        if (user.role === 'admin') await keepAnAdmin(trx, admin, user.id);
        const removed = await trx.deleteFrom('accounts').where('id', '=', user.id).returning(SNAPSHOT_COLUMNS).executeTakeFirstOrThrow();
        await audit.record({ actor: `account:${adminId}`, action: 'users.removed', subject: user.id, ip, data: { person: personSnapshot(removed) } }, trx);
      });
    },

    /** "Vergabe von Administrationsrechten": give or take; taking never leaves the company without one. */
    async setRole(adminId: string, userId: string, role: 'admin' | 'user', ip: string | null) {
      const { admin, user } = await userOf(adminId, userId);
      if (user.status !== 'active') throw new AppError('users.not_active', 409);
      await db.transaction().execute(async (trx) => {
        if (role === 'user' && user.role === 'admin') await keepAnAdmin(trx, admin, user.id);
        // an administrator always sees payment advices; a user keeps the right they had as administrator
        await trx.updateTable('accounts').set({ role, ...(role === 'admin' ? { advice_access: true } : {}) }).where('id', '=', user.id).execute();
        // new rights, new session (a demoted administrator signs in again)
        await trx.deleteFrom('sessions').where('account_id', '=', user.id).execute();
        await audit.record({ actor: `account:${adminId}`, action: role === 'admin' ? 'users.admin_granted' : 'users.admin_revoked', subject: user.id, ip }, trx);
      });
    },

    /** The right to see payment advices (provider portal); administrators always have it. */
    async setAdviceAccess(adminId: string, userId: string, allowed: boolean, ip: string | null) {
      const { user } = await userOf(adminId, userId);
      if (user.role === 'admin') throw new AppError('users.admin_has_all', 409);
      await db.updateTable('accounts').set({ advice_access: allowed }).where('id', '=', user.id).execute();
      await audit.record({ actor: `account:${adminId}`, action: allowed ? 'users.advices_granted' : 'users.advices_revoked', subject: user.id, ip });
    },

    /** Invitations not accepted within 7 days are deleted (with their token); the log keeps whom they invited. */
    async sweepExpired(): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .deleteFrom('accounts')
          .where('status', '=', 'invited')
          .where('created_at', '<=', new Date(clock.now().getTime() - INVITATION_TTL_MS))
          .returning([...SNAPSHOT_COLUMNS, 'invited_by'])
          .execute();
        for (const r of rows) await audit.record({ actor: 'system', action: 'users.invitation_expired', subject: r.id, data: { invitedBy: r.invited_by, person: personSnapshot(r) } }, trx);
        return rows.length;
      });
    },
  };
}

export type CompanyUsers = ReturnType<typeof createCompanyUsers>;
