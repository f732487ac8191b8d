import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { PostboxDirection, PostboxKind } from '../../core/db/values.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Mailer, MailMessage } from '../../core/mail/outbox.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { checkUploadBudget, MAX_TOTAL_BYTES } from '../../core/files/upload-rules.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { checkFiles, storeFile, type IncomingFile } from '../../core/files/checked-files.ts';

export const MAX_ATTACHMENTS = 5;

/** The company a postbox belongs to: a portal's company key (the Betriebsnummer) with its insurer. */
export interface Company {
  portal: string;
  company: string;
  insurerId: string;
}

export interface PostboxDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  key: Buffer;
}

/**
 * "Nachrichten und Briefe im Postfach": messages between a company and its insurer, letters
 * published by staff. Attachments follow the upload rules of the certificate (content, name,
 * 10 MB together) with up to five files. A new item is announced by mail, without its content.
 */
export function createPostbox(deps: PostboxDeps) {
  const { db, clock, audit, mailer, key } = deps;

  async function checkAttachments(files: IncomingFile[]) {
    const checked = await checkFiles(files);
    const budget = checkUploadBudget([], checked.map((f) => f.bytes.length), { maxFiles: MAX_ATTACHMENTS, maxBytes: MAX_TOTAL_BYTES });
    if (!budget.ok) throw new AppError(budget.code === 'upload.too_many' ? 'postbox.too_many_files' : budget.code, 422, { files: budget.code === 'upload.too_many' ? 'postbox.too_many_files' : budget.code });
    return checked;
  }

  async function create(
    company: Company,
    input: { direction: PostboxDirection; kind: PostboxKind; subject: string; body: string; files: IncomingFile[]; authorAccountId?: string; authorStaffId?: string; inReplyTo?: string | null },
    notify: { recipients: string[]; mail: MailMessage } | null,
    actor: string,
    ip: string | null,
  ) {
    const checked = await checkAttachments(input.files);
    const id = newId();
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('postbox_messages')
        .values({
          id,
          portal: company.portal,
          company: company.company,
          insurer_id: company.insurerId,
          direction: input.direction,
          kind: input.kind,
          subject: input.subject,
          body: input.body,
          author_account_id: input.authorAccountId ?? null,
          author_staff_id: input.authorStaffId ?? null,
          in_reply_to: input.inReplyTo ?? null,
          created_at: now,
        })
        .execute();
      for (const file of checked) await storeFile(trx, key, file, { kind: 'postbox', messageId: id }, now);
      // the author has read what they wrote
      const reader = input.authorAccountId ? `account:${input.authorAccountId}` : `insurer:${company.insurerId}`;
      await trx.insertInto('postbox_reads').values({ message_id: id, reader, read_at: now }).execute();
      for (const to of notify?.recipients ?? []) await mailer.store(to, notify!.mail, trx);
      await audit.record({ actor, action: `postbox.${input.kind}_${input.direction}`, subject: id, ip, data: { company: company.company, files: checked.length } }, trx);
    });
    return id;
  }

  function messagesOf(company: Company) {
    return db
      .selectFrom('postbox_messages')
      .where('portal', '=', company.portal)
      .where('company', '=', company.company)
      .where('insurer_id', '=', company.insurerId);
  }

  return {
    create,

    /** The company's postbox, newest first, with "unread" for this reader. */
    async list(company: Company, reader: string) {
      return messagesOf(company)
        .select([
          'postbox_messages.id',
          'postbox_messages.direction',
          'postbox_messages.kind',
          'postbox_messages.subject',
          'postbox_messages.created_at',
          sql<boolean>`not exists (select 1 from postbox_reads r where r.message_id = postbox_messages.id and r.reader = ${reader})`.as('unread'),
          sql<number>`(select count(*) from files f where f.message_id = postbox_messages.id)`.as('attachments'),
        ])
        .orderBy('postbox_messages.created_at', 'desc')
        .limit(200)
        .execute();
    },

    async unreadCount(company: Company, reader: string): Promise<number> {
      const row = await messagesOf(company)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(sql<boolean>`not exists (select 1 from postbox_reads r where r.message_id = postbox_messages.id and r.reader = ${reader})`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** One message of this company; anything else is "not found". Reading marks it read. */
    async read(company: Company, messageId: string, reader: string) {
      const message = await messagesOf(company).selectAll().where('id', '=', messageId).executeTakeFirst();
      if (!message) throw new AppError('request.not_found', 404);
      await db.insertInto('postbox_reads').values({ message_id: messageId, reader, read_at: clock.now() }).onConflict((oc) => oc.columns(['message_id', 'reader']).doNothing()).execute();
      const files = await db.selectFrom('files').select(['id', 'name', 'ext', 'mime', 'size']).where('message_id', '=', messageId).orderBy('name').execute();
      return { message, files };
    },

    async markUnread(company: Company, messageId: string, reader: string) {
      const message = await messagesOf(company).select('id').where('id', '=', messageId).executeTakeFirst();
      if (!message) throw new AppError('request.not_found', 404);
      await db.deleteFrom('postbox_reads').where('message_id', '=', messageId).where('reader', '=', reader).execute();
    },

    async attachment(company: Company, messageId: string, fileId: string) {
      const row = await db
        .selectFrom('files')
        .innerJoin('postbox_messages', 'postbox_messages.id', 'files.message_id')
        .selectAll('files')
        .where('files.id', '=', fileId)
        .where('files.message_id', '=', messageId)
        .where('postbox_messages.portal', '=', company.portal)
        .where('postbox_messages.company', '=', company.company)
        .where('postbox_messages.insurer_id', '=', company.insurerId)
        .executeTakeFirst();
      if (!row) throw new AppError('request.not_found', 404);
      return { name: row.name, mime: row.mime, bytes: decryptFile(key, { iv: row.iv, tag: row.tag, ciphertext: row.content }) };
    },

    /** The insurer's side: messages to an insurer, newest first, with "unread" for its staff. */
    async inbox(insurerIds: string[] | 'all') {
      let q = db
        .selectFrom('postbox_messages')
        .select([
          'id',
          'portal',
          'company',
          'insurer_id',
          'subject',
          'created_at',
          sql<boolean>`not exists (select 1 from postbox_reads r where r.message_id = postbox_messages.id and r.reader = 'insurer:' || postbox_messages.insurer_id)`.as('unread'),
        ])
        .where('direction', '=', 'to_insurer');
      if (insurerIds !== 'all') q = q.where('insurer_id', 'in', insurerIds.length ? insurerIds : ['-']);
      return q.orderBy('created_at', 'desc').limit(200).execute();
    },

    async byId(messageId: string) {
      return db.selectFrom('postbox_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
    },

    /** The e-mail addresses to tell about a new item: the company's active accounts. */
    async recipients(company: Company): Promise<string[]> {
      const rows = await db
        .selectFrom('accounts')
        .select('accounts.email')
        .where('accounts.portal', '=', company.portal)
        .where('accounts.status', '=', 'active')
        .where('accounts.company', '=', company.company)
        .where('accounts.company_insurer_id', '=', company.insurerId)
        .execute();
      return rows.map((r) => r.email);
    },
  };
}

export type Postbox = ReturnType<typeof createPostbox>;
