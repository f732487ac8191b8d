import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Insurer } from '../config/insurers.ts';
import type { PortalRegistry } from '../portal/registry.ts';
import { isId } from '../ids/secrets.ts';
import { DELETION_ACTIONS, personName, type PersonSnapshot } from './snapshot.ts';
import { goneSubjects } from './jobmaster-actions.ts';
import { actorLabels } from './actor-labels.ts';

/** Someone or something an entry names, in words: who acted, or whom it concerned. */
export interface Party {
  /** what the entry holds (`staff:…`, `account:…`, an id, an IK); the filter finds the entry by it */
  ref: string;
  name: string;
  email?: string;
  /** company or IK, insurer, what kind of thing */
  detail?: string;
  /** the row is gone: the name is the one the log kept, or only the ref is left */
  gone?: boolean;
  /** the system itself, an operator or nobody signed in: no person to look for */
  nobody?: boolean;
}

interface EntryRef {
  actor: string;
  action: string;
  subject: string | null;
  outcome: string;
}

const FIXED_ACTORS: Record<string, string> = {
  system: 'System (automatisch)',
  anonymous: 'Nicht angemeldet',
  'operator:cli': 'Betrieb (Kommandozeile)',
};
const IK = /^\d{9}$/;
/** an insured person acting in the AOK Ident app; their id alone is the subject of the Versicherte's and the Ident's actions */
const INSURED = 'insured:';
/** a subject or actor no row and no snapshot is left for, named by its kind (core names the areas, not their modules) */
const GONE_KINDS: Record<string, string> = { ...goneSubjects, insured: 'Versicherte Person', ident: 'Versicherte Person' };
/** each search's hits are capped: a term like "a" must not turn into an unbounded IN list */
const SEARCH_CAP = 200;

/** `%term%` for LIKE, with the user's own % _ and \ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Names the parties of audit entries at read time by joining the rows their ids point to
 * (staff, accounts, registrations, devices, IKs, advices, postbox messages, barrier reports,
 * mails, employers, job postings, insured persons); an account deleted since is named from the snapshot its
 * deletion entry kept.
 */
export function createPeople(deps: { db: Db; insurers: Insurer[]; portals: PortalRegistry }) {
  const { db } = deps;
  const insurerName = (id: string | null | undefined) => (id ? (deps.insurers.find((i) => i.id === id)?.name ?? id) : null);
  const companyOf = (portal: string, company: string | null) => (company ? `${deps.portals.find(portal)?.identifier.label ?? 'Kennung'} ${company}` : null);
  const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ') || undefined;

  type AccountRow = { id: string; email: string; title: string | null; first_name: string; last_name: string; portal: string; company: string | null; company_insurer_id: string | null };
  /** an account whose company is a stored employer (its id in `company`) is named by that employer's name and Betriebsnummer */
  type EmployerOf = { employer_name: string | null; employer_bnr: string | null };
  const person = (ref: string, a: AccountRow & Partial<EmployerOf>, what?: string): Party => ({
    ref,
    name: personName(a) || a.email,
    email: a.email,
    detail: join(what, a.employer_name, companyOf(a.portal, a.employer_bnr ?? (isId(a.company) ? null : a.company)), insurerName(a.company_insurer_id)),
  });
  const fromSnapshot = (ref: string, p: PersonSnapshot, what?: string): Party => ({
    ref,
    name: p.name || p.email,
    email: p.email,
    detail: join(what, companyOf(p.portal, p.company), insurerName(p.insurer)),
    gone: true,
  });

  const accountColumns = [
    'accounts.id', 'accounts.email', 'accounts.title', 'accounts.first_name', 'accounts.last_name', 'accounts.portal', 'accounts.company', 'accounts.company_insurer_id',
    'employer.company_name as employer_name', 'employer.betriebsnummer as employer_bnr',
  ] as const;

  /** Every table an id may point to, looked up at once; returns the parties by the id they were found under. */
  async function lookUp(staffIds: string[], ids: string[], iks: string[]): Promise<Map<string, Party>> {
    const found = new Map<string, Party>();
    const none = Promise.resolve([]);
    const [staff, accounts, registrations, devices, ikRows, providerIks, advices, messages, barriers, mails, employers, postings, insured] = await Promise.all([
      staffIds.length ? db.selectFrom('staff').select(['id', 'name', 'email', 'role', 'insurer_id']).where('id', 'in', staffIds).execute() : none,
      ids.length ? db.selectFrom('accounts').leftJoin('jobmaster_employers as employer', 'employer.id', 'accounts.company').select(accountColumns).where('accounts.id', 'in', ids).execute() : none,
      ids.length
        ? db
            .selectFrom('registrations')
            .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
            .leftJoin('jobmaster_employers as employer', 'employer.id', 'accounts.company')
            .select([...accountColumns, 'registrations.id as registration_id', 'registrations.identifier', 'registrations.insurer_id'])
            .where('registrations.id', 'in', ids)
            .execute()
        : none,
      ids.length
        ? db
            .selectFrom('devices')
            .innerJoin('accounts', 'accounts.id', 'devices.account_id')
            .leftJoin('jobmaster_employers as employer', 'employer.id', 'accounts.company')
            .select([...accountColumns, 'devices.id as device_id'])
            .where('devices.id', 'in', ids)
            .execute()
        : none,
      iks.length ? db.selectFrom('ik_register').select(['ik', 'name']).where('ik', 'in', iks).execute() : none,
      ids.length
        ? db.selectFrom('provider_iks').leftJoin('ik_register', 'ik_register.ik', 'provider_iks.ik').select(['provider_iks.id', 'provider_iks.ik', 'provider_iks.insurer_id', 'ik_register.name']).where('provider_iks.id', 'in', ids).execute()
        : none,
      ids.length
        ? db.selectFrom('payment_advices').leftJoin('ik_register', 'ik_register.ik', 'payment_advices.ik').select(['payment_advices.id', 'payment_advices.ik', 'payment_advices.advice_number', 'payment_advices.insurer_id', 'ik_register.name']).where('payment_advices.id', 'in', ids).execute()
        : none,
      ids.length ? db.selectFrom('postbox_messages').select(['id', 'portal', 'company', 'insurer_id', 'subject']).where('id', 'in', ids).execute() : none,
      ids.length ? db.selectFrom('barrier_reports').select(['id', 'name', 'email', 'page']).where('id', 'in', ids).execute() : none,
      ids.length ? db.selectFrom('mail_outbox').select(['id', 'recipient', 'subject']).where('id', 'in', ids).execute() : none,
      ids.length ? db.selectFrom('jobmaster_employers').select(['id', 'company_name', 'betriebsnummer', 'insurer_id']).where('id', 'in', ids).execute() : none,
      ids.length
        ? db
            .selectFrom('job_postings')
            .innerJoin('jobmaster_employers as employer', 'employer.id', 'job_postings.employer_id')
            .select(['job_postings.id', 'job_postings.title', 'employer.company_name', 'employer.betriebsnummer'])
            .where('job_postings.id', 'in', ids)
            .execute()
        : none,
      ids.length ? db.selectFrom('insured_persons').select(['id', 'kvnr', 'first_name', 'last_name', 'email', 'insurer_id']).where('id', 'in', ids).execute() : none,
    ]);
    for (const s of staff) {
      found.set(`staff:${s.id}`, { ref: `staff:${s.id}`, name: s.name, email: s.email, detail: join(s.role === 'admin' ? 'Mitarbeitende (Administration)' : 'Mitarbeitende (Sachbearbeitung)', insurerName(s.insurer_id)) });
    }
    for (const a of accounts) found.set(a.id, person(a.id, a));
    for (const r of registrations) {
      found.set(r.registration_id, person(r.registration_id, { ...r, company: r.company ?? r.identifier, company_insurer_id: r.company_insurer_id ?? r.insurer_id }, 'Registrierung'));
    }
    for (const d of devices) found.set(d.device_id, person(d.device_id, d, 'Authentifikations-Gerät'));
    for (const i of ikRows) found.set(i.ik, { ref: i.ik, name: i.name, detail: `IK-Nummer ${i.ik}` });
    for (const p of providerIks) found.set(p.id, { ref: p.id, name: p.name ?? `IK-Nummer ${p.ik}`, detail: join(`IK-Nummer ${p.ik}`, insurerName(p.insurer_id)) });
    for (const a of advices) found.set(a.id, { ref: a.id, name: `Zahlungsavis ${a.advice_number}`, detail: join(a.name, `IK-Nummer ${a.ik}`, insurerName(a.insurer_id)) });
    for (const m of messages) found.set(m.id, { ref: m.id, name: `Postfach: „${m.subject}“`, detail: join(companyOf(m.portal, m.company), insurerName(m.insurer_id)) });
    for (const b of barriers) found.set(b.id, { ref: b.id, name: b.name ? `Barriere-Meldung von ${b.name}` : 'Barriere-Meldung', ...(b.email ? { email: b.email } : {}), ...(b.page ? { detail: b.page } : {}) });
    for (const m of mails) found.set(m.id, { ref: m.id, name: `E-Mail „${m.subject}“`, email: m.recipient });
    for (const e of employers) found.set(e.id, { ref: e.id, name: e.company_name, detail: join(`Betriebsnummer ${e.betriebsnummer}`, insurerName(e.insurer_id)) });
    for (const p of postings) found.set(p.id, { ref: p.id, name: `Stellenangebot „${p.title}“`, detail: join(p.company_name, `Betriebsnummer ${p.betriebsnummer}`) });
    for (const p of insured) found.set(p.id, { ref: p.id, name: `${p.first_name} ${p.last_name} (${p.kvnr})`, email: p.email, detail: join('Versicherte Person', insurerName(p.insurer_id)) });
    return found;
  }

  /** The snapshots deletion entries kept, by account and by registration id. */
  async function snapshots(ids: string[]): Promise<Map<string, PersonSnapshot>> {
    const kept = new Map<string, PersonSnapshot>();
    if (!ids.length) return kept;
    const rows = await db
      .selectFrom('audit_log')
      .select('data')
      .where('action', 'in', DELETION_ACTIONS)
      .where((eb) => eb.or([eb('subject', 'in', ids), eb(sql<string>`data->'person'->>'account'`, 'in', ids)]))
      .execute();
    for (const r of rows) {
      const p = (r.data as { person?: PersonSnapshot }).person;
      if (!p?.account) continue;
      kept.set(p.account, p);
      if (p.registration) kept.set(p.registration, p);
    }
    return kept;
  }

  function unresolved(ref: string, entry: EntryRef, asSubject: boolean): Party {
    // an id an entry refused (a foreign or made-up id in an address) never existed for that person
    if (entry.outcome === 'denied') return { ref, name: ref, detail: 'unbekannt' };
    // a thing deleted without a trace kept in the log ("Profil löschen", an insured person) is named by its kind alone
    if (ref.startsWith(INSURED)) return { ref, name: GONE_KINDS.insured!, gone: true };
    const area = entry.action.slice(0, entry.action.indexOf('.'));
    const kind = asSubject && Object.hasOwn(GONE_KINDS, area) ? GONE_KINDS[area] : undefined;
    return { ref, name: kind ?? ref, gone: true };
  }

  return {
    /** Actor and subject of each entry as parties; one round of lookups for all entries. */
    async resolve(entries: EntryRef[]): Promise<{ actor: Party; subject: Party | null }[]> {
      const staffIds = new Set<string>();
      const ids = new Set<string>();
      const iks = new Set<string>();
      const note = (ref: string | null) => {
        if (!ref) return;
        if (ref.startsWith('staff:')) staffIds.add(ref.slice(6));
        else if (ref.startsWith('account:') || ref.startsWith(INSURED)) ids.add(ref.slice(8));
        else if (IK.test(ref)) iks.add(ref);
        else if (isId(ref)) ids.add(ref);
      };
      for (const e of entries) {
        note(e.actor);
        note(e.subject);
      }
      const found = await lookUp([...staffIds].filter(isId), [...ids].filter(isId), [...iks]);
      const missing = [...ids].filter((id) => !found.has(id));
      const kept = await snapshots(missing);

      const party = (ref: string, entry: EntryRef, asSubject = false): Party => {
        // own keys only: a subject typed by anyone ('constructor') must not find Object's members
        const fixed = Object.hasOwn(FIXED_ACTORS, ref) ? FIXED_ACTORS[ref] : undefined;
        if (fixed) return { ref, name: fixed, nobody: true };
        // the platform acting for a part of itself ('system:demo' created the demo administrator): no person, never deleted
        if (ref.startsWith('system:')) return { ref, name: FIXED_ACTORS.system!, detail: ref, nobody: true };
        const label = actorLabels.get(ref);
        if (label) return { ref, name: label, nobody: true };
        const key = ref.startsWith('account:') || ref.startsWith(INSURED) ? ref.slice(8) : ref;
        const live = found.get(key);
        if (live) return { ...live, ref };
        const snapshot = kept.get(key);
        if (snapshot) return fromSnapshot(ref, snapshot, key === snapshot.registration ? 'Registrierung' : undefined);
        return unresolved(ref, entry, asSubject);
      };
      return entries.map((e) => ({ actor: party(e.actor, e), subject: e.subject ? party(e.subject, e, true) : null }));
    },

    /**
     * What a search for a person finds: the refs an entry may hold as actor or subject for
     * everyone whose name, e-mail, Betriebsnummer, IK or id matches (deleted accounts through
     * their snapshots), including their registrations and devices; a stored employer by its name or
     * Betriebsnummer, with its postings; an insured person by name, e-mail or KVNR.
     */
    async search(term: string): Promise<{ actors: string[]; subjects: string[] }> {
      const id = term.replace(/^(staff|account|insured):/, '');
      const like = containsPattern(term);
      const fullName = sql<string>`lower(accounts.first_name || ' ' || accounts.last_name)`;
      const [staff, accounts, kept, iks, employers, insured] = await Promise.all([
        db
          .selectFrom('staff')
          .select('id')
          .where((eb) => eb.or([eb(sql<string>`lower(name)`, 'like', like), eb('email_normalized', 'like', like), eb('id', '=', id)]))
          .limit(SEARCH_CAP)
          .execute(),
        db
          .selectFrom('accounts')
          .leftJoin('jobmaster_employers as employer', 'employer.id', 'accounts.company')
          .select(['accounts.id'])
          .where((eb) =>
            eb.or([
              eb('accounts.email_normalized', 'like', like),
              eb(fullName, 'like', like),
              eb('accounts.company', '=', term),
              eb('employer.betriebsnummer', '=', term),
              eb(sql<string>`lower(employer.company_name)`, 'like', like),
              eb('accounts.id', '=', id),
            ]),
          )
          .limit(SEARCH_CAP)
          .execute(),
        db
          .selectFrom('audit_log')
          .select([sql<string>`data->'person'->>'account'`.as('account'), sql<string | null>`data->'person'->>'registration'`.as('registration')])
          .where('action', 'in', DELETION_ACTIONS)
          .where((eb) =>
            eb.or([
              eb(sql<string>`lower(data->'person'->>'email')`, 'like', like),
              eb(sql<string>`lower(data->'person'->>'name')`, 'like', like),
              eb(sql<string>`data->'person'->>'company'`, '=', term),
              eb(sql<string>`data->'person'->>'account'`, '=', id),
            ]),
          )
          .limit(SEARCH_CAP)
          .execute(),
        db
          .selectFrom('ik_register')
          .select('ik')
          .where((eb) => eb.or([eb(sql<string>`lower(name)`, 'like', like), eb('ik', '=', term)]))
          .limit(SEARCH_CAP)
          .execute(),
        db
          .selectFrom('jobmaster_employers')
          .select('id')
          .where((eb) => eb.or([eb(sql<string>`lower(company_name)`, 'like', like), eb('betriebsnummer', '=', term)]))
          .limit(SEARCH_CAP)
          .execute(),
        db
          .selectFrom('insured_persons')
          .select('id')
          .where((eb) =>
            eb.or([
              eb(sql<string>`lower(first_name || ' ' || last_name)`, 'like', like),
              eb(sql<string>`lower(email)`, 'like', like),
              eb('kvnr', '=', term.toUpperCase()),
              eb('id', '=', id),
            ]),
          )
          .limit(SEARCH_CAP)
          .execute(),
      ]);
      const accountIds = [...new Set([...accounts.map((a) => a.id), ...kept.map((k) => k.account).filter(Boolean)])];
      const ikList = iks.map((i) => i.ik);
      const employerIds = employers.map((e) => e.id);
      const [registrations, devices, providerIks, postings] = await Promise.all([
        accountIds.length ? db.selectFrom('registrations').select('id').where('account_id', 'in', accountIds).execute() : [],
        accountIds.length ? db.selectFrom('devices').select('id').where('account_id', 'in', accountIds).execute() : [],
        ikList.length ? db.selectFrom('provider_iks').select('id').where('ik', 'in', ikList).limit(SEARCH_CAP).execute() : [],
        employerIds.length ? db.selectFrom('job_postings').select('id').where('employer_id', 'in', employerIds).limit(SEARCH_CAP).execute() : [],
      ]);
      const actors = [term, ...staff.map((s) => `staff:${s.id}`), ...accountIds.map((a) => `account:${a}`), ...insured.map((p) => `${INSURED}${p.id}`)];
      const subjects = [
        term,
        id,
        ...staff.map((s) => `staff:${s.id}`),
        ...accountIds,
        ...kept.flatMap((k) => (k.registration ? [k.registration] : [])),
        ...registrations.map((r) => r.id),
        ...devices.map((d) => d.id),
        ...ikList,
        ...providerIks.map((p) => p.id),
        ...employerIds,
        ...postings.map((p) => p.id),
        ...insured.map((p) => p.id),
      ];
      return { actors: [...new Set(actors)], subjects: [...new Set(subjects)] };
    },
  };
}

export type People = ReturnType<typeof createPeople>;
