import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Insurer } from '../../core/config/insurers.ts';
import type { StaffMember } from '../../core/staff/service.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { isId, newId } from '../../core/ids/secrets.ts';
import { likeLiteral } from '../../core/db/like.ts';
import { berlinToday } from '../job-search/service.ts';
import { addressOf, birthDate, checkAddress, checkPerson, checkReason, type AddressField, type Address, type PersonErrors, type PersonField } from './fields.ts';
import { createInsuredImport } from './import.ts';
import { createLetters } from './letters.ts';
import { createActivation } from './activation.ts';

export const PAGE_SIZE = 25;

export interface InsuredDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  insurers: Insurer[];
  /** the server's HMAC key: activation codes are stored under it */
  hmacKey: string;
  /** read when a letter is made: the Ident app lives at `${publicUrl}/ident/app/` */
  config: { publicUrl: string };
}

/** Who acts, for the log, and whose persons they may see: one AOK, or every AOK (null). */
export interface InsuredActor {
  actor: string;
  insurerId: string | null;
  ip: string | null;
}

/** A staff member: a clerk sees their AOK's persons only, an administrator every AOK's. */
export function staffActor(member: StaffMember, ip: string | null): InsuredActor {
  return { actor: `staff:${member.id}`, insurerId: member.role === 'admin' ? null : (member.insurerId ?? ''), ip };
}

/** The platform itself (the demo data): every AOK. */
export const SYSTEM_ACTOR: InsuredActor = { actor: 'system', insurerId: null, ip: null };

export type NewPerson = Partial<Record<PersonField | 'insurerId', string>>;

/** An address as the person's columns (none: all three empty). */
export const addressColumns = (address: Address | null) => ({ street: address?.street ?? null, postal_code: address?.postalCode ?? null, city: address?.city ?? null });

/** `%term%`-free prefix pattern for LIKE, with the user's own % _ and \ taken literally. */
const prefix = (term: string) => `${likeLiteral(term)}%`;

/**
 * Insured persons (Versicherte) as the AOK's staff keep them: search, create, import, lock and
 * unlock; the registration for the ePA with its activation letter (letters.ts); the activation of
 * the Ident app with the letter's code (activation.ts). Clerks see their AOK's persons only;
 * anything else answers "not found" and is logged.
 */
export function createInsured(deps: InsuredDeps) {
  const { db, clock, audit } = deps;
  const today = () => berlinToday(clock);

  function scoped(by: InsuredActor, trx: Db = db) {
    let q = trx.selectFrom('insured_persons');
    if (by.insurerId !== null) q = q.where('insured_persons.insurer_id', '=', by.insurerId);
    return q;
  }

  /** A person of the actor's scope; any other id is "not found", and logged. */
  async function get(by: InsuredActor, id: string, trx: Db = db) {
    const person = isId(id) ? await scoped(by, trx).selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (person) return person;
    await audit.record({ actor: by.actor, action: 'insured.denied', subject: String(id).slice(0, 64), ip: by.ip, outcome: 'denied' });
    throw new AppError('request.not_found', 404);
  }

  /** Each word narrows: a birth date (TT.MM.JJJJ), the start of a KVNR, or the start of a first or last name. */
  async function search(by: InsuredActor, text: string, page: number) {
    let q = scoped(by);
    for (const word of text.split(/[\s,;]+/).filter(Boolean).slice(0, 5)) {
      const day = birthDate(word, '9999-12-31');
      const lower = word.toLowerCase();
      q = q.where((eb) => {
        if (day) return eb('birth_date', '=', day);
        const name = [eb(sql<string>`lower(last_name)`, 'like', prefix(lower)), eb(sql<string>`lower(first_name)`, 'like', prefix(lower))];
        return /^[A-Za-z][0-9]{0,9}$/.test(word) ? eb.or([eb('kvnr', 'like', prefix(word.toUpperCase())), ...name]) : eb.or(name);
      });
    }
    const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const rows = await q
      .leftJoin('epa_records', 'epa_records.insured_id', 'insured_persons.id')
      .select(['insured_persons.id', 'kvnr', 'last_name', 'first_name', 'birth_date', 'insurer_id', 'status', 'epa_records.created_at as registered_at'])
      .orderBy('last_name')
      .orderBy('first_name')
      .orderBy('kvnr')
      .limit(PAGE_SIZE)
      .offset((current - 1) * PAGE_SIZE)
      .execute();
    return { rows, total, page: current, pages };
  }

  /** A new person with their postal address; every field is checked on its own, and nothing is stored while one is wrong. */
  async function create(by: InsuredActor, input: NewPerson): Promise<{ ok: true; id: string } | { ok: false; errors: PersonErrors & { insurerId?: 'insured.insurer_required' } }> {
    const checked = checkPerson(input, today(), { address: 'required' });
    const insurerId = by.insurerId ?? input.insurerId ?? '';
    const knownInsurer = deps.insurers.some((i) => i.id === insurerId);
    const errors = { ...(checked.ok ? {} : checked.errors), ...(knownInsurer ? {} : { insurerId: 'insured.insurer_required' as const }) };
    if (!checked.ok || !knownInsurer) return { ok: false, errors };
    const p = checked.value;
    const id = newId();
    const now = clock.now();
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('insured_persons')
        .values({ id, kvnr: p.kvnr, last_name: p.lastName, first_name: p.firstName, birth_date: p.birthDate, email: p.email, ...addressColumns(p.address), insurer_id: insurerId, status: 'active', created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('kvnr').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) await audit.record({ actor: by.actor, action: 'insured.created', subject: id, ip: by.ip, data: { kvnr: p.kvnr, insurer: insurerId } }, trx);
      return Boolean(row);
    });
    return inserted ? { ok: true, id } : { ok: false, errors: { kvnr: 'insured.kvnr_taken' } };
  }

  /** The detail page: the person, their record, their letters (newest first) and what happened to them. */
  async function detail(by: InsuredActor, id: string) {
    const person = await get(by, id);
    const record = await db.selectFrom('epa_records').selectAll().where('insured_id', '=', id).executeTakeFirst();
    const letters = await db
      .selectFrom('insured_activation_codes')
      .select(['id', 'identity_check', 'created_by', 'created_at', 'expires_at', 'used_at', 'revoked_at'])
      .where('insured_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(20)
      .execute();
    const history = await db
      .selectFrom('audit_log')
      .select(['at', 'action', 'actor', 'data'])
      .where('subject', '=', id)
      .where('action', 'like', 'insured.%')
      .where('action', '!=', 'insured.viewed')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    await audit.record({ actor: by.actor, action: 'insured.viewed', subject: id, ip: by.ip });
    return { person, record, letters, history, now: clock.now() };
  }

  /** Lock or unlock with a reason; the reason is kept with the person and in the log. */
  async function setLocked(by: InsuredActor, id: string, locked: boolean, reason: string): Promise<void> {
    const why = checkReason(reason);
    await get(by, id);
    await db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('insured_persons')
        .set({ status: locked ? 'locked' : 'active', lock_reason: locked ? why : null, updated_at: clock.now() })
        .where('id', '=', id)
        .where('status', '=', locked ? 'active' : 'locked')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) throw new AppError(locked ? 'insured.already_locked' : 'insured.not_locked', 409);
      await audit.record({ actor: by.actor, action: locked ? 'insured.locked' : 'insured.unlocked', subject: id, ip: by.ip, data: { reason: why } }, trx);
    });
  }

  /**
   * "Anschrift ändern": all three fields, each checked on its own; the log names the fields that
   * changed, not the address. The same address again changes nothing and is not logged.
   */
  async function changeAddress(by: InsuredActor, id: string, input: Partial<Record<AddressField, string>>): Promise<void> {
    const person = await get(by, id);
    const checked = checkAddress(input, true);
    if (!checked.ok) throw new AppError('form.invalid', 422, checked.errors);
    const next = checked.value!;
    const before = addressOf(person);
    const changed = (['street', 'postalCode', 'city'] as const).filter((f) => before?.[f] !== next[f]);
    if (!changed.length) return;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('insured_persons').set({ ...addressColumns(next), updated_at: clock.now() }).where('id', '=', id).execute();
      await audit.record({ actor: by.actor, action: 'insured.address_changed', subject: id, ip: by.ip, data: { fields: changed, first: before === null } }, trx);
    });
  }

  const columns = ['id', 'kvnr', 'last_name', 'first_name', 'birth_date', 'email', 'street', 'postal_code', 'city', 'insurer_id', 'status'] as const;

  return {
    search,
    create,
    detail,
    setLocked,
    changeAddress,
    /** A person of the actor's scope (a clerk's AOK); any other id is "not found", and logged. */
    get: (by: InsuredActor, id: string) => get(by, id),
    /** A person by id, whatever their AOK (for the identity service); undefined when there is none. */
    find: (id: string) => (isId(id) ? db.selectFrom('insured_persons').select(columns).where('id', '=', id).executeTakeFirst() : Promise.resolve(undefined)),
    /** A person by KVNR (already checked), whatever their AOK; undefined when there is none. */
    findByKvnr: (kvnr: string) => db.selectFrom('insured_persons').select(columns).where('kvnr', '=', kvnr).executeTakeFirst(),
    ...createInsuredImport({ ...deps, today }),
    ...createLetters({ ...deps, get }),
    ...createActivation(deps),
  };
}

export type Insured = ReturnType<typeof createInsured>;
