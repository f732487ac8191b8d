import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { MailMessage } from '../../core/mail/outbox.ts';
import { newId } from '../../core/ids/secrets.ts';
import { berlinToday, createJobSearch, parseSearch, visible, type SearchHit } from '../job-search/service.ts';

export const MAX_BOOKMARKS = 200;
export const MAX_ALERTS = 10;
export const MAX_ALERT_NAME = 100;
/** how many new postings one mail lists */
export const MAIL_HITS = 20;
/** the hour (Europe/Berlin) from which the day's mails go out */
export const SEND_FROM_HOUR = 7;

/** The search fields a Suchauftrag keeps (the page number is not part of a search). */
const QUERY_FIELDS = ['was', 'wo', 'umkreis', 'art', 'beginn', 'sortierung'] as const;

export interface Bookmark {
  postingId: string;
  title: string;
  companyName: string;
  postalCode: string;
  city: string;
  applyUntil: string | null;
  available: boolean;
}

export interface Alert {
  id: string;
  name: string | null;
  query: Record<string, string>;
  createdAt: Date;
  lastSentAt: Date | null;
}

/** The hour in Europe/Berlin. */
function berlinHour(clock: Clock): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(clock.now()));
}

function berlinDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Only the search's own fields, each as the form sends it. */
export function alertQuery(values: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const field of QUERY_FIELDS) if (typeof values[field] === 'string' && values[field] !== '') query[field] = values[field].slice(0, 300);
  return query;
}

export function createJobAlerts(deps: { db: Db; clock: Clock; mailer: Mailer; hmacKey: string }) {
  const { db, clock, mailer, hmacKey } = deps;
  const search = createJobSearch({ db, clock });
  const signature = (alertId: string) => createHmac('sha256', hmacKey).update(`job-alert-unsubscribe:${alertId}`).digest('base64url');

  return {
    /** The account's role, when it is an active applicant of this portal; null otherwise. */
    async applicant(accountId: string | null | undefined, portal: string): Promise<{ id: string; email: string } | null> {
      if (!accountId) return null;
      const row = await db
        .selectFrom('accounts')
        .select(['id', 'email'])
        .where('id', '=', accountId)
        .where('portal', '=', portal)
        .where('role', '=', 'applicant')
        .where('status', '=', 'active')
        .executeTakeFirst();
      return row ?? null;
    },

    async isBookmarked(accountId: string, postingId: string): Promise<boolean> {
      const row = await db.selectFrom('job_bookmarks').select('posting_id').where('account_id', '=', accountId).where('posting_id', '=', postingId).executeTakeFirst();
      return !!row;
    },

    /** Saves a visible posting; 'full' beyond MAX_BOOKMARKS, 'unknown' for a posting nobody may see. */
    async bookmark(accountId: string, postingId: string): Promise<'saved' | 'full' | 'unknown'> {
      return db.transaction().execute(async (trx) => {
        // one account's bookmarks are counted and written one request at a time
        await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
        const shown = await trx
          .selectFrom('job_postings as p')
          .innerJoin('jobmaster_employers as e', 'e.id', 'p.employer_id')
          .select('p.id')
          .where('p.id', '=', postingId)
          .where(visible(berlinToday(clock)))
          .executeTakeFirst();
        if (!shown) return 'unknown';
        const existing = await trx.selectFrom('job_bookmarks').select('posting_id').where('account_id', '=', accountId).where('posting_id', '=', postingId).executeTakeFirst();
        if (existing) return 'saved';
        const { n } = await trx.selectFrom('job_bookmarks').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
        if (Number(n) >= MAX_BOOKMARKS) return 'full';
        await trx.insertInto('job_bookmarks').values({ account_id: accountId, posting_id: postingId, created_at: clock.now() }).execute();
        return 'saved';
      });
    },

    async unbookmark(accountId: string, postingId: string): Promise<void> {
      await db.deleteFrom('job_bookmarks').where('account_id', '=', accountId).where('posting_id', '=', postingId).execute();
    },

    /** The account's Merkliste, newest first; a posting nobody may see any more is marked as not available. */
    async bookmarks(accountId: string): Promise<Bookmark[]> {
      const rows = await db
        .selectFrom('job_bookmarks as b')
        .innerJoin('job_postings as p', 'p.id', 'b.posting_id')
        .innerJoin('jobmaster_employers as e', 'e.id', 'p.employer_id')
        .select(['p.id', 'p.title', 'e.company_name', 'p.postal_code', 'p.city', 'p.apply_until'])
        .select(visible(berlinToday(clock)).as('shown'))
        .where('b.account_id', '=', accountId)
        .orderBy('b.created_at', 'desc')
        .orderBy('p.id')
        .execute();
      return rows.map((r) => ({
        postingId: r.id,
        title: r.title,
        companyName: r.company_name,
        postalCode: r.postal_code,
        city: r.city,
        applyUntil: r.apply_until,
        available: r.shown === true || (r.shown as unknown) === 't',
      }));
    },

    /** Saves the search (already checked by parseSearch) as a Suchauftrag; 'full' beyond MAX_ALERTS. */
    async createAlert(accountId: string, values: Record<string, string>, name: string | null): Promise<'saved' | 'full'> {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().executeTakeFirst();
        const { n } = await trx.selectFrom('job_alerts').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
        if (Number(n) >= MAX_ALERTS) return 'full';
        await trx
          .insertInto('job_alerts')
          .values({ id: newId(), account_id: accountId, query: JSON.stringify(alertQuery(values)), name: name || null, created_at: clock.now(), last_sent_at: null })
          .execute();
        return 'saved';
      });
    },

    async alerts(accountId: string): Promise<Alert[]> {
      const rows = await db.selectFrom('job_alerts').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: new Date(r.created_at), lastSentAt: r.last_sent_at ? new Date(r.last_sent_at) : null }));
    },

    /** Deletes one of the account's own Suchaufträge; false for anybody else's or an unknown id. */
    async deleteAlert(accountId: string, alertId: string): Promise<boolean> {
      const result = await db.deleteFrom('job_alerts').where('id', '=', alertId).where('account_id', '=', accountId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The signature of a Suchauftrag's unsubscribe link: only who got the mail knows it. */
    signature,

    /** The Suchauftrag an unsubscribe link names, when its signature is right. */
    async alertBySignature(alertId: string, sig: string): Promise<Alert | null> {
      const expected = Buffer.from(signature(alertId));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const row = await db.selectFrom('job_alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
      return row ? { id: row.id, name: row.name, query: row.query, createdAt: new Date(row.created_at), lastSentAt: row.last_sent_at ? new Date(row.last_sent_at) : null } : null;
    },

    async unsubscribe(alertId: string, sig: string): Promise<boolean> {
      const alert = await this.alertBySignature(alertId, sig);
      if (!alert) return false;
      await db.deleteFrom('job_alerts').where('id', '=', alertId).execute();
      return true;
    },

    /**
     * The day's mails: from 07:00 Europe/Berlin, each Suchauftrag not yet mailed today gets the postings
     * published since its last mail (or since it was saved), up to MAIL_HITS; none when nothing is new.
     */
    async sendDue(mail: (alert: Alert, hits: SearchHit[], unsubscribe: string) => MailMessage, unsubscribeUrl: (alertId: string, sig: string) => string, portal: string): Promise<number> {
      if (berlinHour(clock) < SEND_FROM_HOUR) return 0;
      const today = berlinDay(clock.now());
      const rows = await db
        .selectFrom('job_alerts as a')
        .innerJoin('accounts as c', 'c.id', 'a.account_id')
        .select(['a.id', 'a.name', 'a.query', 'a.created_at', 'a.last_sent_at', 'a.checked_on', 'c.email'])
        .where('c.portal', '=', portal)
        .where('c.role', '=', 'applicant')
        .where('c.status', '=', 'active')
        .orderBy('a.id')
        .execute();
      let sent = 0;
      for (const row of rows) {
        const lastSentAt = row.last_sent_at ? new Date(row.last_sent_at) : null;
        if (row.checked_on === today || (lastSentAt && berlinDay(lastSentAt) === today)) continue;
        await db.updateTable('job_alerts').set({ checked_on: today }).where('id', '=', row.id).execute();
        const since = lastSentAt ?? new Date(row.created_at);
        const { query, errors } = parseSearch(row.query ?? {});
        if (Object.keys(errors).length) continue;
        const outcome = await search.search({ ...query, sort: 'datum', page: 1 });
        if (!outcome.ok) continue;
        const hits = outcome.result.hits.filter((h) => h.publishedAt && h.publishedAt.getTime() > since.getTime()).slice(0, MAIL_HITS);
        if (!hits.length) continue;
        const alert: Alert = { id: row.id, name: row.name, query: row.query, createdAt: new Date(row.created_at), lastSentAt };
        await db.transaction().execute(async (trx) => {
          // the row is marked before the mail is stored, in one transaction: two runs at once mail once
          const marked = await trx
            .updateTable('job_alerts')
            .set({ last_sent_at: clock.now() })
            .where('id', '=', row.id)
            .where((eb) => (lastSentAt ? eb('last_sent_at', '=', lastSentAt) : eb('last_sent_at', 'is', null)))
            .executeTakeFirst();
          if (Number(marked.numUpdatedRows) === 0) return;
          await mailer.store(row.email, mail(alert, hits, unsubscribeUrl(row.id, signature(row.id))), trx);
          sent += 1;
        });
      }
      return sent;
    },
  };
}

export type JobAlerts = ReturnType<typeof createJobAlerts>;
