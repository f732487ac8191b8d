import nodemailer from 'nodemailer';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock/clock.ts';
import { newId } from '../ids/secrets.ts';

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

export type EnqueueJob = (mailId: string) => Promise<void>;

/**
 * Mail goes into the outbox table first, in the caller's transaction where there is one,
 * and a job delivers it; a failed delivery is retried by the job queue, so a mail
 * survives an SMTP relay that is down for a while and a process that restarts.
 */
export function createMailer(db: Db, clock: Clock, transport: MailTransportOptions) {
  const smtp = nodemailer.createTransport(transport.url, { from: transport.from });
  let enqueueJob: EnqueueJob | undefined;

  return {
    bindQueue(enqueue: EnqueueJob) {
      enqueueJob = enqueue;
    },

    /** Stores the mail; call `dispatch` with the id after the transaction commits. */
    async store(recipient: string, message: MailMessage, trx: Db = db): Promise<string> {
      const id = newId();
      await trx
        .insertInto('mail_outbox')
        .values({ id, recipient, ...message, created_at: clock.now() })
        .execute();
      return id;
    },

    async dispatch(id: string): Promise<void> {
      if (!enqueueJob) throw new Error('mail queue not bound');
      await enqueueJob(id);
    },

    async send(recipient: string, message: MailMessage): Promise<string> {
      const id = await this.store(recipient, message);
      await this.dispatch(id);
      return id;
    },

    /** Job handler: idempotent by mail id, so a retried job never sends twice after success. */
    async deliver(id: string): Promise<'sent' | 'already-sent' | 'unknown'> {
      const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!mail) return 'unknown';
      if (mail.sent_at) return 'already-sent';
      try {
        await smtp.sendMail({
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.id}@pforte>`,
        });
      } catch (error) {
        await db
          .updateTable('mail_outbox')
          .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: String((error as Error).message).slice(0, 500) }))
          .where('id', '=', id)
          .execute();
        throw error;
      }
      await db
        .updateTable('mail_outbox')
        // the body held single-use links: once delivered it is not kept
        .set((eb) => ({ sent_at: clock.now(), attempts: eb('attempts', '+', 1), last_error: null, text: '', html: '' }))
        .where('id', '=', id)
        .execute();
      return 'sent';
    },

    close() {
      smtp.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
