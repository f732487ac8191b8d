import type { PlatformDeps } from '../../core/deps.ts';
import type { MailMessage } from '../../core/mail/outbox.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { hashSecret, isId } from '../../core/ids/secrets.ts';
import { createTokens } from '../../core/tokens/tokens.ts';
import { berlinToday, refreshSearch } from '../job-search/service.ts';

/** the reminder goes out this many days before the deadline */
export const REMINDER_DAYS = 7;
/** "Verlängern" moves the deadline by this many days */
export const EXTENSION_DAYS = 30;
/** the extension link works this long after the reminder */
const EXTENSION_LINK_MS = 14 * 86_400_000;

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'mailer'>;

/** 'YYYY-MM-DD' plus days, in calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The extension link's secret is bound to its posting: the same secret with another posting's id is an unknown link. */
const extensionHash = (postingId: string) => (secret: string) => hashSecret(`${postingId}:${secret}`);
const LINK_SECRET = /^[A-Za-z0-9_-]{43}$/;

/**
 * A posting's deadline ("Bewerbungsschluss"): postings past it are deactivated, and a week before it
 * the main contact gets one reminder with a single-use link that extends it by 30 days.
 */
export function createDeadlines(deps: Deps) {
  const { db, clock, audit, mailer } = deps;
  const tokens = createTokens(clock);

  return {
    /**
     * The job every 15 minutes: active postings past their deadline (Berlin's day) become inactive;
     * a week before the deadline the main contact gets one reminder with the "Verlängern" link.
     */
    async expire(mail: { reminder(title: string, deadline: string, link: string): MailMessage; link(postingId: string, secret: string): string }) {
      const today = berlinToday(clock);
      const now = clock.now();
      const expired = await db.transaction().execute(async (trx) => {
        const rows = await trx
          .updateTable('job_postings')
          .set({ status: 'inactive', deactivated_reason: 'deadline', updated_at: now })
          .where('status', '=', 'active')
          .where('apply_until', '<', today)
          .returning('id')
          .execute();
        for (const { id } of rows) {
          await refreshSearch(trx, id);
          await audit.record({ actor: 'system', action: 'postings.expired', subject: id }, trx);
        }
        return rows.length;
      });

      const due = await db
        .selectFrom('job_postings as p')
        .innerJoin('jobmaster_contacts as c', (join) => join.onRef('c.employer_id', '=', 'p.employer_id').on('c.is_main', '=', true))
        .select(['p.id', 'p.title', 'p.apply_until', 'c.email'])
        .where('p.status', '=', 'active')
        .where('p.reminder_sent_at', 'is', null)
        .where('p.apply_until', '>=', today)
        .where('p.apply_until', '<=', addDays(today, REMINDER_DAYS))
        .orderBy('p.apply_until')
        .limit(500)
        .execute();
      let reminded = 0;
      for (const row of due) {
        await db.transaction().execute(async (trx) => {
          // claimed by this update: a second run at the same time sends nothing
          const claimed = await trx
            .updateTable('job_postings')
            .set({ reminder_sent_at: now })
            .where('id', '=', row.id)
            .where('reminder_sent_at', 'is', null)
            .returning('id')
            .executeTakeFirst();
          if (!claimed) return;
          const secret = await tokens.issue(trx, { kind: 'posting_extension', expiresAt: new Date(now.getTime() + EXTENSION_LINK_MS), hash: extensionHash(row.id) });
          await mailer.store(row.email, mail.reminder(row.title, row.apply_until!, mail.link(row.id, secret)), trx);
          await audit.record({ actor: 'system', action: 'postings.reminder_sent', subject: row.id }, trx);
          reminded += 1;
        });
      }
      return { expired, reminded };
    },

    /** The posting an extension link is for, with the deadline it would get; a bad link is its error page. */
    async openExtension(postingId: unknown, secret: unknown) {
      if (typeof postingId !== 'string' || !isId(postingId) || typeof secret !== 'string' || !LINK_SECRET.test(secret)) throw new AppError('token.invalid', 404);
      const token = await tokens.find(db, ['posting_extension'], secret, { hash: extensionHash(postingId) });
      if (!token) throw new AppError('token.invalid', 404);
      const outcome = tokens.check(token);
      if (outcome !== 'ok') throw new AppError(outcome === 'used' ? 'token.used' : 'token.expired', 410);
      const posting = await db.selectFrom('job_postings').select(['id', 'title', 'apply_until']).where('id', '=', postingId).executeTakeFirst();
      if (!posting || !posting.apply_until) throw new AppError('token.invalid', 404);
      return { ...posting, extendedTo: addDays(posting.apply_until, EXTENSION_DAYS) };
    },

    /** "Verlängern": the deadline moves by 30 days, once; a posting the deadline had ended is active again. */
    async extend(postingId: unknown, secret: unknown, ip: string | null): Promise<string> {
      if (typeof postingId !== 'string' || !isId(postingId) || typeof secret !== 'string' || !LINK_SECRET.test(secret)) throw new AppError('token.invalid', 404);
      return db.transaction().execute(async (trx) => {
        await tokens.consumeLink(trx, ['posting_extension'], secret, { hash: extensionHash(postingId) });
        const row = await trx.selectFrom('job_postings').select(['apply_until', 'status', 'deactivated_reason']).where('id', '=', postingId).forUpdate().executeTakeFirst();
        if (!row || !row.apply_until) throw new AppError('token.invalid', 404);
        const until = addDays(row.apply_until, EXTENSION_DAYS);
        const now = clock.now();
        const reopen = row.status === 'inactive' && row.deactivated_reason === 'deadline';
        await trx
          .updateTable('job_postings')
          .set({ apply_until: until, reminder_sent_at: null, updated_at: now, ...(reopen ? { status: 'active' as const, deactivated_reason: null } : {}) })
          .where('id', '=', postingId)
          .execute();
        await refreshSearch(trx, postingId);
        await audit.record({ actor: 'anonymous', action: 'postings.extended', subject: postingId, ip, data: { until } }, trx);
        return until;
      });
    },
  };
}
