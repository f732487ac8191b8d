import nodemailer from 'nodemailer';
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { newId } from '../ids/secrets.ts';
import { untilNoneLeft } from '../db/batches.ts';
import { normalizeEmail } from '../passwords/passwords.ts';
import { collecting } from '../i18n/catalogue.ts';
import { translateMail } from '../i18n/translate-mail.ts';

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface MailTransportOptions {
  /** smtp(s)://user:pass@host:port of a relay, or the embedded catcher */
  url: string;
  from: string;
}

/** Runs the job queue's SQL; bound to a transaction, the job commits with the mail. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export type EnqueueJob = (mailId: string, executor?: SqlExecutor) => Promise<void>;

export interface MailerOptions {
  /** attempts before a mail is marked failed (the first one included) */
  maxAttempts?: number;
  /** where a failed attempt is reported: the mail id and the error, never the content */
  warn?: (data: { mailId: string; attempt: number; error: string; final: boolean }, message: string) => void;
}

export const DEFAULT_MAIL_ATTEMPTS = 16;

/**
 * The SMTP error without anything of the mail: a relay may quote the recipient, and the content
 * holds single-use links, so addresses and links are cut from the message before it is kept or logged.
 */
function errorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'SMTP-Fehler';
  const cleaned = message.replace(/https?:\/\/\S+/g, '<Link>').replace(/\S+@\S+/g, '<Adresse>');
  return `${typeof e.code === 'string' ? `${e.code}: ` : ''}${cleaned}`.slice(0, 300);
}

/**
 * Mails are written in German; one to a person who registered in English is translated here, where
 * every mail passes (the newest account of the address decides: one address may have one per portal).
 */
async function inRecipientsLanguage(trx: Db, recipient: string, message: MailMessage): Promise<MailMessage> {
  if (collecting()) translateMail(message);
  const account = await trx
    .selectFrom('accounts')
    .select('locale')
    .where('email_normalized', '=', normalizeEmail(recipient))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return account?.locale === 'en' ? translateMail(message) : message;
}

function executorOf(trx: Db): SqlExecutor {
  return { executeSql: (text, values) => trx.executeQuery(CompiledQuery.raw(text, values ?? [])) };
}

/**
 * Makes failed mails (one by id, or all) ready to be sent again with a fresh set of attempts;
 * the mail sweep queues them. Needs only the database, so `pforte mail retry` runs it anywhere.
 */
export async function releaseFailedMails(db: Db, id?: string): Promise<number> {
  let q = db.updateTable('mail_outbox').set({ failed_at: null, attempts: 0, queued_at: null }).where('failed_at', 'is not', null).where('sent_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  return (await q.returning('id').execute()).length;
}

/**
 * Mail goes into the outbox table and its delivery job into the job queue in one transaction
 * (the caller's where there is one), so a process killed at any moment leaves either both or
 * neither. The mail sweep (at start and every minute) queues unsent mails that have no job,
 * as after `pforte mail retry`. A failed delivery is retried by the queue with back-off; after
 * the last attempt the mail is marked failed and listed in the back office.
 */
export function createMailer(db: Db, clock: Clock, transport: MailTransportOptions, options: MailerOptions = {}) {
  // an attempt must end before its job expires (queue.ts: 60 s), or a second job could send it again
  const smtp = nodemailer.createTransport(transport.url, { from: transport.from, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAIL_ATTEMPTS;
  const warn = options.warn ?? (() => {});
  let enqueueJob: EnqueueJob | undefined;

  function queue(): EnqueueJob {
    if (!enqueueJob) throw new Error('mail queue not bound');
    return enqueueJob;
  }

  async function storeIn(trx: Db, recipient: string, german: MailMessage): Promise<string> {
    const id = newId();
    const message = await inRecipientsLanguage(trx, recipient, german);
    await trx
      .insertInto('mail_outbox')
      .values({ id, recipient, ...message, created_at: clock.now(), queued_at: clock.now() })
      .execute();
    await queue()(id, executorOf(trx));
    return id;
  }

  return {
    maxAttempts,

    bindQueue(enqueue: EnqueueJob) {
      enqueueJob = enqueue;
    },

    /** Stores the mail and its delivery job, inside `trx` when given (both commit or neither). */
    async store(recipient: string, message: MailMessage, trx?: Db): Promise<string> {
      if (trx) return storeIn(trx, recipient, message);
      return db.transaction().execute((t) => storeIn(t, recipient, message));
    },


    async send(recipient: string, message: MailMessage): Promise<string> {
      return this.store(recipient, message);
    },

    /**
     * Job handler: idempotent by mail id, so a retried job never sends twice after success. A failed
     * attempt throws (the queue retries) until the last one, which marks the mail failed instead.
     */
    async deliver(id: string): Promise<'sent' | 'already-sent' | 'unknown' | 'failed'> {
      const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!mail) return 'unknown';
      if (mail.sent_at) return 'already-sent';
      if (mail.failed_at) return 'failed';
      try {
        await smtp.sendMail({
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@pforte>`,
        });
      } catch (error) {
        const attempt = mail.attempts + 1;
        const final = attempt >= maxAttempts;
        const text = errorText(error);
        await db
          .updateTable('mail_outbox')
          .set({ attempts: attempt, last_error: text, ...(final ? { failed_at: clock.now() } : {}) })
          .where('id', '=', id)
          .execute();
        warn({ mailId: id, attempt, error: text, final }, final ? 'Mailversand endgültig fehlgeschlagen' : 'Mailversand fehlgeschlagen, neuer Versuch folgt');
        if (final) return 'failed';
        throw new Error(`mail ${id}: ${text}`);
      }
      await db
        .updateTable('mail_outbox')
        // the body held single-use links: once delivered it is not kept
        .set((eb) => ({ sent_at: clock.now(), attempts: eb('attempts', '+', 1), last_error: null, failed_at: null, text: '', html: '' }))
        .where('id', '=', id)
        .execute();
      return 'sent';
    },

    /** Failed mails, newest first, for the back office (no content: it may hold links). */
    listFailed(limit = 200) {
      return db
        .selectFrom('mail_outbox')
        .select(['id', 'recipient', 'subject', 'created_at', 'failed_at', 'attempts', 'last_error'])
        .where('failed_at', 'is not', null)
        .where('sent_at', 'is', null)
        .orderBy('failed_at', 'desc')
        .limit(limit)
        .execute();
    },

    /** Mails whose job was cancelled (a killed process held it): the sweep queues them afresh. */
    async releaseOrphans(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable('mail_outbox').set({ queued_at: null }).where('id', 'in', ids).where('sent_at', 'is', null).where('failed_at', 'is', null).execute();
    },

    /** The back office's "Erneut senden": one failed mail, or all, queued again at once. */
    async retryFailed(id?: string): Promise<number> {
      const released = await releaseFailedMails(db, id);
      await this.sweepUnqueued();
      return released;
    },

    /**
     * Queues unsent, unfailed mails without a job, in bounded batches; each batch marks its rows
     * and queues their jobs in one transaction, and rows another process is queuing are skipped.
     */
    async sweepUnqueued(batchSize = 100): Promise<number> {
      // a scheduled sweep left from the last run may start before the start binds the queue; the
      // start sweeps itself right after binding, so this one has nothing to do
      if (!enqueueJob) return 0;
      const enqueue = queue();
      return untilNoneLeft(() =>
        db.transaction().execute(async (trx) => {
          const rows = await trx
            .selectFrom('mail_outbox')
            .select('id')
            .where('sent_at', 'is', null)
            .where('failed_at', 'is', null)
            .where('queued_at', 'is', null)
            .orderBy('created_at')
            .limit(batchSize)
            .forUpdate()
            .skipLocked()
            .execute();
          if (rows.length === 0) return 0;
          await trx.updateTable('mail_outbox').set({ queued_at: clock.now() }).where('id', 'in', rows.map((r) => r.id)).execute();
          for (const row of rows) await enqueue(row.id, executorOf(trx));
          return rows.length;
        }),
      );
    },

    close() {
      smtp.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
