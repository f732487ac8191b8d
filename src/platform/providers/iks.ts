import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import type { Audit } from '../audit/audit.ts';
import type { Mailer, MailMessage } from '../mail/outbox.ts';
import type { StaffMember } from '../staff/service.ts';
import type { IkRegister } from '../ik-register/service.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids/secrets.ts';
import { checkIk } from '../identifiers/checks.ts';
import { checkFiles, storeFile, type IncomingFile } from '../files/checked-files.ts';
import { checkUploadBudget } from '../files/upload-rules.ts';
import { decryptFile } from '../files/encryption.ts';

/**
 * A provider's LE-Admin was activated (by staff, or by the operator's CLI): the IK of the
 * registration becomes managed by the provider, unless it already is, and the LE-Admin may
 * see payment advices. Runs inside the activation's transaction.
 */
export async function recordActivatedProviderAdmin(trx: Db, now: Date, input: { accountId: string; ik: string; insurerId: string; staffId: string | null }) {
  const account = await trx.selectFrom('accounts').select('company').where('id', '=', input.accountId).executeTakeFirstOrThrow();
  const company = account.company ?? input.ik;
  await trx.updateTable('accounts').set({ advice_access: true }).where('id', '=', input.accountId).execute();
  const existing = await trx.selectFrom('provider_iks').select(['id', 'company']).where('ik', '=', input.ik).where('status', 'in', ['requested', 'active']).executeTakeFirst();
  if (existing) {
    // another LE-Admin of the same provider: nothing to record; a request of the same IK is settled by this check
    await trx.updateTable('provider_iks').set({ status: 'active', decided_at: now, decided_by: input.staffId }).where('id', '=', existing.id).where('status', '=', 'requested').where('company', '=', company).execute();
    return;
  }
  await trx
    .insertInto('provider_iks')
    .values({ id: newId(), company, ik: input.ik, insurer_id: input.insurerId, status: 'active', requested_by: input.accountId, requested_at: now, decided_at: now, decided_by: input.staffId })
    .execute();
}

/** The provider's side of a request: who acts, for which provider. */
export interface ProviderActor {
  accountId: string;
  company: string;
}

export type ProviderIkStatus = 'requested' | 'active' | 'rejected' | 'removed';

export interface ProviderIksDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  key: Buffer;
  ikRegister: IkRegister;
}

/**
 * "IK-Verwaltung" (manual 002): the IK numbers a provider manages. The IK of the first
 * registration is recorded when staff activate it; each further IK needs its own certificate
 * and the insurer's check. An IK is managed by one provider at a time; a provider always
 * keeps at least one.
 */
export function createProviderIks(deps: ProviderIksDeps) {
  const { db, clock, audit, mailer, key, ikRegister } = deps;

  async function own(actor: ProviderActor, id: string) {
    const row = await db.selectFrom('provider_iks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.company !== actor.company || row.status === 'removed') {
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.denied', subject: id.slice(0, 64), outcome: 'denied' });
      throw new AppError('request.not_found', 404);
    }
    return row;
  }

  async function filesOf(id: string) {
    const rows = await db
      .selectFrom('files')
      .select(['id', 'name', 'ext', 'mime', 'size', 'created_at'])
      .where('provider_ik_id', '=', id)
      .orderBy('created_at')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, ext: r.ext, mime: r.mime, size: r.size, createdAt: new Date(r.created_at) }));
  }

  return {
    filesOf,

    /** Every IK of a provider that is not removed, with the institution's name. */
    async list(company: string) {
      const rows = await db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select([
          'provider_iks.id',
          'provider_iks.ik',
          'provider_iks.status',
          'provider_iks.eavis',
          'provider_iks.requested_at',
          'provider_iks.decided_at',
          'provider_iks.rejection_reason',
          'ik_register.name',
          (eb) => eb.selectFrom('files').select((f) => f.fn.countAll<string>().as('n')).whereRef('files.provider_ik_id', '=', 'provider_iks.id').as('files'),
        ])
        .where('provider_iks.company', '=', company)
        .where('provider_iks.status', '!=', 'removed')
        .orderBy('provider_iks.requested_at')
        .execute();
      return rows.map((r) => ({ ...r, files: Number(r.files ?? 0) }));
    },

    async get(actor: ProviderActor, id: string) {
      const row = await own(actor, id);
      const entry = await ikRegister.lookup(row.ik);
      return { ...row, name: entry?.name ?? null, address: entry ? [entry.street, `${entry.postalCode} ${entry.city}`.trim()].filter(Boolean).join(', ') : null, files: await filesOf(id) };
    },

    /** "IK-Nummer hinzufügen": looked up in the register; one provider per IK. */
    async request(actor: ProviderActor, input: string, ip: string | null): Promise<string> {
      const ik = checkIk(input);
      if (!ik.ok) throw new AppError(ik.code, 422, { ik: ik.code });
      const entry = await ikRegister.lookup(ik.value);
      if (!entry) throw new AppError('ik.unknown', 422, { ik: 'ik.unknown' });
      if (!entry.insurerId) throw new AppError('ik.no_insurer', 422, { ik: 'ik.no_insurer' });
      const live = await db.selectFrom('provider_iks').select(['company']).where('ik', '=', ik.value).where('status', 'in', ['requested', 'active']).executeTakeFirst();
      if (live) {
        const code = live.company === actor.company ? 'iks.already_yours' : 'iks.taken';
        throw new AppError(code, 409, { ik: code });
      }
      const id = newId();
      try {
        await db
          .insertInto('provider_iks')
          .values({ id, company: actor.company, ik: ik.value, insurer_id: entry.insurerId, status: 'requested', requested_by: actor.accountId, requested_at: clock.now() })
          .execute();
      } catch {
        // the partial unique index: another request for this IK won the race
        throw new AppError('iks.taken', 409, { ik: 'iks.taken' });
      }
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.requested', subject: ik.value, ip, data: { id } });
      return id;
    },

    /** The certificate for a requested IK (up to two files, 10 MB, checked by content). */
    async addFiles(actor: ProviderActor, id: string, incoming: IncomingFile[], ip: string | null) {
      const row = await own(actor, id);
      if (row.status !== 'requested') throw new AppError('iks.not_open', 409);
      if (incoming.length === 0) throw new AppError('upload.none', 422, { files: 'upload.none' });
      const checked = await checkFiles(incoming);
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('provider_iks').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        const existing = await trx.selectFrom('files').select('size').where('provider_ik_id', '=', id).execute();
        const budget = checkUploadBudget(existing.map((f) => f.size), checked.map((f) => f.bytes.length));
        if (!budget.ok) throw new AppError(budget.code, 422, { files: budget.code });
        for (const file of checked) {
          const fileId = await storeFile(trx, key, file, { kind: 'provider_ik', providerIkId: id }, clock.now());
          await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.file_uploaded', subject: row.ik, ip, data: { fileId, size: file.bytes.length } }, trx);
        }
      });
    },

    async removeFile(actor: ProviderActor, id: string, fileId: string, ip: string | null) {
      const row = await own(actor, id);
      if (row.status !== 'requested') throw new AppError('iks.not_open', 409);
      const result = await db.deleteFrom('files').where('id', '=', fileId).where('provider_ik_id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new AppError('upload.not_found', 404);
      await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.file_deleted', subject: row.ik, ip, data: { fileId } });
    },

    /** "Entfernen": never the provider's last managed IK; a running eAvis ends with it. */
    async remove(actor: ProviderActor, id: string, ip: string | null) {
      const row = await own(actor, id);
      await db.transaction().execute(async (trx) => {
        if (row.status === 'active') {
          const others = await trx
            .selectFrom('provider_iks')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('company', '=', actor.company)
            .where('status', '=', 'active')
            .where('id', '!=', id)
            .executeTakeFirstOrThrow();
          if (Number(others.n) === 0) throw new AppError('iks.last', 409);
        }
        const now = clock.now();
        await trx.updateTable('provider_iks').set({ status: 'removed', removed_at: now, eavis: row.eavis === 'none' ? 'none' : 'ended', eavis_changed_at: now }).where('id', '=', id).execute();
        await trx.deleteFrom('files').where('provider_ik_id', '=', id).execute();
        await audit.record({ actor: `account:${actor.accountId}`, action: 'provider_ik.removed', subject: row.ik, ip, data: { id } }, trx);
      });
    },

    /** Staff: further IKs with their certificate uploaded, of the clerk's insurer. */
    async worklist(staff: StaffMember) {
      let query = db
        .selectFrom('provider_iks')
        .leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.company', 'provider_iks.insurer_id', 'provider_iks.requested_at', 'ik_register.name'])
        .where('provider_iks.status', '=', 'requested')
        .where(({ exists, selectFrom }) => exists(selectFrom('files').select('id').whereRef('files.provider_ik_id', '=', 'provider_iks.id')));
      if (staff.role === 'clerk') query = query.where('provider_iks.insurer_id', '=', staff.insurerId!);
      return query.orderBy('provider_iks.requested_at').execute();
    },

    async staffDetail(staff: StaffMember, id: string, ip: string | null) {
      const row = await db
        .selectFrom('provider_iks')
        .leftJoin('accounts', 'accounts.id', 'provider_iks.requested_by')
        .select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.company', 'provider_iks.insurer_id', 'provider_iks.status', 'provider_iks.requested_at', 'provider_iks.rejection_reason', 'accounts.email', 'accounts.first_name', 'accounts.last_name'])
        .where('provider_iks.id', '=', id)
        .executeTakeFirst();
      if (!row || (staff.role === 'clerk' && row.insurer_id !== staff.insurerId)) {
        await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.provider_ik_denied', subject: id.slice(0, 64), ip, outcome: 'denied' });
        throw new AppError('request.not_found', 404);
      }
      const entry = await ikRegister.lookup(row.ik);
      const managed = await db.selectFrom('provider_iks').select(['ik', 'status']).where('company', '=', row.company).where('status', '=', 'active').execute();
      await audit.record({ actor: `staff:${staff.id}`, action: 'backoffice.provider_ik_viewed', subject: row.ik, ip });
      return { ...row, entry, managed, files: await filesOf(id) };
    },

    async staffFile(staff: StaffMember, id: string, fileId: string, ip: string | null) {
      await this.staffDetail(staff, id, ip);
      const file = await db.selectFrom('files').selectAll().where('id', '=', fileId).where('provider_ik_id', '=', id).executeTakeFirst();
      if (!file) throw new AppError('request.not_found', 404);
      return { name: file.name, mime: file.mime, bytes: decryptFile(key, { iv: file.iv, tag: file.tag, ciphertext: file.content }) };
    },

    /** Freischalten or ablehnen (with a reason); the provider's LE-Admins get a mail either way. */
    async decide(staff: StaffMember, id: string, approve: boolean, reason: string, mail: (input: { ik: string; institution: string | null; insurerId: string }) => MailMessage, ip: string | null) {
      const d = await this.staffDetail(staff, id, ip);
      if (d.status !== 'requested') throw new AppError('backoffice.already_decided', 409);
      if (!d.files.length) throw new AppError('backoffice.steps_missing', 409);
      const mailIds: string[] = [];
      await db.transaction().execute(async (trx) => {
        const now = clock.now();
        const updated = await trx
          .updateTable('provider_iks')
          .set({ status: approve ? 'active' : 'rejected', decided_at: now, decided_by: staff.id, rejection_reason: approve ? null : reason })
          .where('id', '=', id)
          .where('status', '=', 'requested')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('backoffice.already_decided', 409);
        const admins = await trx.selectFrom('accounts').select('email').where('portal', '=', 'partner').where('company', '=', d.company).where('role', '=', 'admin').where('status', '=', 'active').execute();
        for (const a of admins) mailIds.push(await mailer.store(a.email, mail({ ik: d.ik, institution: d.entry?.name ?? null, insurerId: d.insurer_id }), trx));
        await audit.record({ actor: `staff:${staff.id}`, action: approve ? 'backoffice.provider_ik_activated' : 'backoffice.provider_ik_rejected', subject: d.ik, ip, data: approve ? {} : { reason } }, trx);
      });
      for (const m of mailIds) await mailer.dispatch(m);
    },
  };
}

export type ProviderIks = ReturnType<typeof createProviderIks>;
