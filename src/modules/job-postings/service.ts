import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import type { PostingStatus } from '../../core/db/values.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId, newId } from '../../core/ids/secrets.ts';
import { berlinToday, findPlace, refreshSearch } from '../job-search/service.ts';
import { createDeadlines } from './deadline.ts';
import { calendarDay, httpsLink, isKind, startOf, type PostingErrors, type PostingValues } from './form.ts';

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'mailer'>;

/** The signed-in employer: its account, its company and whether the insurer has released it. */
export interface Employer {
  accountId: string;
  employerId: string;
  released: boolean;
}

/** "Not found" for another employer's posting or a malformed id; audited once the transaction is over. */
export class DeniedError extends AppError {
  constructor(readonly subject: string) {
    super('request.not_found', 404);
  }
}

export const STATUS_LABELS: Record<PostingStatus, string> = { draft: 'Entwurf', active: 'Aktiv', inactive: 'Deaktiviert' };

/**
 * Manual 004 "Stellenverwaltung": an employer's postings (draft → active ⇄ inactive), their form's
 * rules, and their deadline (deadline.ts).
 */
export function createJobPostings(deps: Deps, portal: string) {
  const { db, clock, audit } = deps;

  async function denied(employer: Employer, subject: string, ip: string | null) {
    await audit.record({ actor: `account:${employer.accountId}`, action: 'postings.denied', subject: subject.slice(0, 64), ip, outcome: 'denied', data: { reason: 'posting' } });
  }

  /** The employer's own posting, or a DeniedError (another employer's, gone, or not an id). */
  async function own(trx: Db, employer: Employer, id: string) {
    const row = isId(id)
      ? await trx.selectFrom('job_postings').selectAll().where('id', '=', id).where('employer_id', '=', employer.employerId).executeTakeFirst()
      : undefined;
    if (!row) throw new DeniedError(id);
    return row;
  }

  /** Runs a write; a DeniedError is audited after the rollback (PGlite has one connection). */
  async function inTransaction<T>(employer: Employer, ip: string | null, fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (error) {
      if (error instanceof DeniedError) await denied(employer, error.subject, ip);
      throw error;
    }
  }

  async function contacts(employerId: string) {
    return db
      .selectFrom('jobmaster_contacts')
      .select(['id', 'salutation', 'title', 'first_name', 'last_name', 'is_main'])
      .where('employer_id', '=', employerId)
      .orderBy('is_main', 'desc')
      .orderBy('last_name')
      .orderBy('id')
      .execute();
  }

  return {
    /** The account as an employer of the Jobmaster, or null (an applicant, another portal's account). */
    async employerOf(accountId: string): Promise<Employer | null> {
      const row = await db
        .selectFrom('accounts')
        .innerJoin('jobmaster_employers as e', 'e.id', 'accounts.company')
        .select(['accounts.id', 'e.id as employer_id', 'e.status'])
        .where('accounts.id', '=', accountId)
        .where('accounts.portal', '=', portal)
        .where('accounts.role', '=', 'employer')
        .executeTakeFirst();
      return row ? { accountId: row.id, employerId: row.employer_id, released: row.status === 'released' } : null;
    },

    contacts,

    /** The employer's postings, newest first. */
    async list(employer: Employer) {
      return db
        .selectFrom('job_postings')
        .select(['id', 'title', 'kind', 'city', 'postal_code', 'apply_until', 'status', 'deactivated_reason'])
        .where('employer_id', '=', employer.employerId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
    },

    /** One of the employer's postings for its form or its delete page; another's is a 404, audited. */
    async get(employer: Employer, id: string, ip: string | null) {
      try {
        return await own(db, employer, id);
      } catch (error) {
        if (error instanceof DeniedError) await denied(employer, error.subject, ip);
        throw error;
      }
    },

    /** The form's values checked against the rules that need the database and today's date. */
    async check(employer: Employer, form: { values: Record<string, unknown>; errors: PostingErrors; body: Record<string, string | undefined> }) {
      const errors: PostingErrors = { ...form.errors };
      const body = form.body;
      const raw = (name: string) => (body[name] ?? '').trim();
      const today = berlinToday(clock);

      const kind = raw('art');
      if (!isKind(kind)) errors.art = kind ? 'posting.invalid_kind' : 'field.required';

      let start: { on: string; month: boolean } | null = null;
      if (raw('beginn')) {
        start = startOf(raw('beginn'));
        if (!start) errors.beginn = 'posting.invalid_start';
      }

      const plz = raw('plz');
      if (!plz) errors.plz = 'field.required';
      else if (!/^[0-9]{5}$/.test(plz)) errors.plz = 'posting.invalid_plz';
      else if (!(await findPlace(db, plz))) errors.plz = 'posting.unknown_plz';

      let applyUntil: string | null = null;
      if (!raw('bewerbungsschluss')) errors.bewerbungsschluss = 'field.required';
      else {
        applyUntil = calendarDay(raw('bewerbungsschluss'));
        if (!applyUntil) errors.bewerbungsschluss = 'posting.invalid_date';
        else if (applyUntil < today) errors.bewerbungsschluss = 'posting.deadline_past';
      }
      // an apprenticeship or dual study programme starts after the applications are in
      if (start && applyUntil && !errors.beginn && (kind === 'ausbildung' || kind === 'duales_studium')) {
        const lastDayOfStart = start.month ? `${start.on.slice(0, 7)}-31` : start.on;
        if (lastDayOfStart < applyUntil) errors.beginn = 'posting.start_before_deadline';
      }

      const own = await contacts(employer.employerId);
      // without a choice, the main contact answers the applicants
      let contactId: string | null = own.find((c) => c.is_main)?.id ?? null;
      if (raw('ansprechpartner')) {
        contactId = own.find((c) => c.id === raw('ansprechpartner'))?.id ?? null;
        if (!contactId) errors.ansprechpartner = 'posting.invalid_contact';
      }

      let applyUrl: string | null = null;
      if (raw('link')) {
        applyUrl = httpsLink(raw('link'));
        if (!applyUrl) errors.link = 'posting.link_not_https';
      }

      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      const v = form.values as { titel: string; ort: string; beschreibung: string; anforderungen: string; email: string };
      const values: PostingValues = {
        title: v.titel,
        kind: kind as PostingValues['kind'],
        startsOn: start?.on ?? null,
        startsMonth: start?.month ?? false,
        city: v.ort,
        postalCode: plz,
        description: v.beschreibung,
        requirements: v.anforderungen,
        applyUntil: applyUntil!,
        contactId,
        applyUrl,
        applyEmail: v.email || null,
      };
      return { ok: true as const, values };
    },

    /** "Hinzufügen": a new posting, always a draft. */
    async create(employer: Employer, values: PostingValues, ip: string | null): Promise<string> {
      const id = newId();
      const now = clock.now();
      await inTransaction(employer, ip, async (trx) => {
        await trx
          .insertInto('job_postings')
          .values({
            id, employer_id: employer.employerId, title: values.title, kind: values.kind, starts_on: values.startsOn, starts_month: values.startsMonth,
            postal_code: values.postalCode, city: values.city, description: values.description, requirements: values.requirements,
            apply_until: values.applyUntil, contact_id: values.contactId, apply_url: values.applyUrl, apply_email: values.applyEmail,
            status: 'draft', created_at: now, updated_at: now,
          })
          .execute();
        await refreshSearch(trx, id);
        await audit.record({ actor: `account:${employer.accountId}`, action: 'postings.created', subject: id, ip }, trx);
      });
      return id;
    },

    async update(employer: Employer, id: string, values: PostingValues, ip: string | null): Promise<void> {
      await inTransaction(employer, ip, async (trx) => {
        const before = await own(trx, employer, id);
        await trx
          .updateTable('job_postings')
          .set({
            title: values.title, kind: values.kind, starts_on: values.startsOn, starts_month: values.startsMonth,
            postal_code: values.postalCode, city: values.city, description: values.description, requirements: values.requirements,
            apply_until: values.applyUntil, contact_id: values.contactId, apply_url: values.applyUrl, apply_email: values.applyEmail,
            updated_at: clock.now(),
            // a new deadline earns a new reminder
            ...(before.apply_until !== values.applyUntil ? { reminder_sent_at: null } : {}),
          })
          .where('id', '=', id)
          .execute();
        await refreshSearch(trx, id);
        await audit.record({ actor: `account:${employer.accountId}`, action: 'postings.updated', subject: id, ip }, trx);
      });
    },

    /**
     * "Aktivieren" / "Deaktivieren". Publishing needs a released employer (409 otherwise, the
     * notice the list shows) and a deadline that has not passed.
     */
    async setActive(employer: Employer, id: string, active: boolean, ip: string | null): Promise<void> {
      await inTransaction(employer, ip, async (trx) => {
        const row = await own(trx, employer, id);
        if (active) {
          if (!employer.released) throw new AppError('posting.not_released', 409);
          if (!row.apply_until) throw new AppError('posting.no_deadline', 409);
          if (row.apply_until < berlinToday(clock)) throw new AppError('posting.deadline_passed', 409);
        }
        const now = clock.now();
        await trx
          .updateTable('job_postings')
          .set(active ? { status: 'active', deactivated_reason: null, published_at: now, updated_at: now } : { status: 'inactive', deactivated_reason: 'employer', updated_at: now })
          .where('id', '=', id)
          .execute();
        await refreshSearch(trx, id);
        await audit.record({ actor: `account:${employer.accountId}`, action: active ? 'postings.activated' : 'postings.deactivated', subject: id, ip }, trx);
      });
    },

    /** "Kopieren": a new draft with every field but the dates. */
    async copy(employer: Employer, id: string, ip: string | null): Promise<string> {
      const copyId = newId();
      await inTransaction(employer, ip, async (trx) => {
        const row = await own(trx, employer, id);
        const now = clock.now();
        await trx
          .insertInto('job_postings')
          .values({
            id: copyId, employer_id: employer.employerId, title: row.title, kind: row.kind, starts_on: null, starts_month: false,
            postal_code: row.postal_code, city: row.city, description: row.description, requirements: row.requirements,
            apply_until: null, contact_id: row.contact_id, apply_url: row.apply_url, apply_email: row.apply_email,
            status: 'draft', created_at: now, updated_at: now,
          })
          .execute();
        await refreshSearch(trx, copyId);
        await audit.record({ actor: `account:${employer.accountId}`, action: 'postings.copied', subject: copyId, ip, data: { from: id } }, trx);
      });
      return copyId;
    },

    async remove(employer: Employer, id: string, ip: string | null): Promise<void> {
      await inTransaction(employer, ip, async (trx) => {
        const row = await own(trx, employer, id);
        await trx.deleteFrom('job_postings').where('id', '=', id).execute();
        await audit.record({ actor: `account:${employer.accountId}`, action: 'postings.deleted', subject: id, ip, data: { title: row.title } }, trx);
      });
    },

    ...createDeadlines(deps),
  };
}

export type JobPostings = ReturnType<typeof createJobPostings>;

/** The postings an employer has published ("N ausgeschriebene Stellen"): active, deadline not passed. */
export function activeCount(rows: readonly { status: PostingStatus; apply_until: string | null }[], today: string): number {
  return rows.filter((r) => r.status === 'active' && (r.apply_until === null || r.apply_until >= today)).length;
}
