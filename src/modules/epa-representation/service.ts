import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { DAY } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import type { Mailer } from '../../core/mail/outbox.ts';
import type { RateLimiter } from '../../core/attempts/rate-limit.ts';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { checkKvnr } from '../../core/identifiers/checks.ts';
import { emailField } from '../../core/http/forms.ts';
import { newId } from '../../core/ids/secrets.ts';
import type { EpaCaller } from '../epa-access/service.ts';
import type { EpaProtocol, ProtocolActor } from '../epa-protocol/service.ts';
import type { ProtocolAction } from '../epa-protocol/actions.ts';
import { confirmedMail, endedMail, invitationMail } from './mails.ts';
import { createRepresentationSteps } from './steps.ts';
import { createRepresentationGuard } from './guard.ts';
import type { GrantedView, ReceivedView } from './api-schema.ts';

export { REPRESENTATION_HEADER, RepresentationEndedMeanwhile, type ActingFor } from './guard.ts';
/** What the person named (`granted`) and what they were named for (`received`), as their client lists them. */
export type { GrantedView, ReceivedView } from './api-schema.ts';

/** A person names at most this many representatives at a time (invited or confirmed). */
export const MAX_REPRESENTATIVES = 5;
/** Invitations a person may send a day (each may mail someone; ending one does not give it back). */
const INVITE_LIMIT = { points: 10, windowMs: DAY };

/** What `POST /vertretungen` answers, whether or not KVNR and e-mail matched anyone. */
export const INVITED_MESSAGE =
  'Wenn die Versichertennummer und die E-Mail-Adresse zu einer Person gehören, die für die ePA registriert ist, erhält sie eine E-Mail und kann die Vertretung in ihrem ePA Desktop Client bestätigen. Bis dahin ist die Vertretung nicht wirksam.';

export interface EpaRepresentationDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'insurers' | 'INSURER_BRAND'>;
  audit: Audit;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  protocol: Pick<EpaProtocol, 'record'>;
}

type Person = { first_name: string; last_name: string };
const fullName = (p: Person) => `${p.first_name} ${p.last_name}`;

/**
 * Vertretung für Angehörige (issue 15 §8, gematik's ePA "Vertreter", simplified): a person (A) names a
 * representative (B) by KVNR and e-mail; B confirms in their own client and may then act on A's record
 * with the header REPRESENTATION_HEADER; either ends it at any time. B cannot pass it on. Every step
 * and every refused call is written to A's Protokoll (and, as B's own, to B's) and to the audit log.
 */
export function createEpaRepresentation(deps: EpaRepresentationDeps) {
  const { db, clock, config, audit, mailer, rateLimiter } = deps;
  const steps = createRepresentationSteps(deps);
  const { find, logged, asRepresentative } = steps;
  const { actingFor, ownOnly, refusedMeanwhile } = createRepresentationGuard(deps, steps);
  const brandOf = (insurerId: string) => config.insurers.find((i) => i.id === insurerId)?.name ?? config.INSURER_BRAND;

  async function person(id: string, trx: Db = db) {
    return trx.selectFrom('insured_persons').select(['id', 'first_name', 'last_name', 'email', 'insurer_id']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  /** Serialises one person's representations (the limit of five), also across processes. */
  async function lockPerson(trx: Db, insuredId: string) {
    await trx.selectFrom('insured_persons').select('id').where('id', '=', insuredId).forUpdate().execute();
  }


  function checkInput(input: { kvnr: unknown; email: unknown }): { kvnr: string; email: string } {
    const kvnr = checkKvnr(typeof input.kvnr === 'string' ? input.kvnr : '');
    const email = emailField(typeof input.email === 'string' ? input.email : undefined);
    const errors: FieldErrors = {};
    if (!kvnr.ok) errors.kvnr = kvnr.code;
    if (!email.ok) errors.email = email.code;
    if (!kvnr.ok || !email.ok) throw new AppError('form.invalid', 422, errors);
    return { kvnr: kvnr.value, email: email.value };
  }

  return {
    actingFor,
    ownOnly,
    refusedMeanwhile,

    /**
     * A (the caller) names a representative by KVNR and e-mail. The row is kept whether or not they
     * match a person registered for the ePA, and the answer is the same; only a match gets the mail.
     * Not oneself; at most five open at a time; one per KVNR.
     */
    async invite(caller: EpaCaller, input: { kvnr: unknown; email: unknown }, ip: string): Promise<GrantedView> {
      const { kvnr, email } = checkInput(input);
      if (kvnr === caller.kvnr) throw new AppError('form.invalid', 422, { kvnr: 'epa_representation.self' });
      await rateLimiter.enforce(`epa-representation-invite:${caller.insuredId}`, INVITE_LIMIT);
      return db.transaction().execute(async (trx) => {
        await lockPerson(trx, caller.insuredId);
        const open = await trx.selectFrom('epa_representations').select('representative_kvnr').where('insured_id', '=', caller.insuredId).where('status', '<>', 'ended').execute();
        if (open.some((r) => r.representative_kvnr === kvnr)) throw new AppError('epa_representation.duplicate', 409, { kvnr: 'epa_representation.duplicate' });
        if (open.length >= MAX_REPRESENTATIVES) throw new AppError('epa_representation.limit', 409);
        const match = await trx
          .selectFrom('insured_persons as p')
          .innerJoin('epa_records as r', 'r.insured_id', 'p.id')
          .select(['p.id', 'p.email', 'p.insurer_id'])
          .where('p.kvnr', '=', kvnr)
          .where('p.status', '=', 'active')
          .where((eb) => eb(eb.fn('lower', ['p.email']), '=', email.toLowerCase()))
          .where('p.id', '<>', caller.insuredId)
          .executeTakeFirst();
        const now = clock.now();
        const id = newId();
        const row = await trx
          .insertInto('epa_representations')
          .values({ id, insured_id: caller.insuredId, representative_kvnr: kvnr, representative_email: email, representative_id: match?.id ?? null, status: 'invited', created_at: now })
          .returning(['id', 'representative_kvnr', 'representative_email', 'created_at'])
          .executeTakeFirstOrThrow();
        if (match) {
          const from = await person(caller.insuredId, trx);
          await mailer.store(match.email, invitationMail({ brand: brandOf(match.insurer_id), fromName: fullName(from), at: now }), trx);
        }
        // the same entries whether or not anyone matched: the Protokoll's reader and the audit log's
        // (staff) must not learn from them whether a KVNR belongs to someone registered for the ePA
        await logged(
          { insuredId: caller.insuredId, what: 'representation.invited', actor: { kind: 'insured', id: caller.insuredId }, caller, auditAction: 'epa_representation.invited', subject: id, ip, data: { representation: id, kvnr } },
          trx,
        );
        return { id: row.id, kvnr: row.representative_kvnr, email: row.representative_email, status: 'invited', since: row.created_at.toISOString(), confirmedAt: null, name: null };
      });
    },

    /** The caller's representations: those they named (`granted`) and those they were named for (`received`); open ones, oldest first. */
    async list(caller: EpaCaller): Promise<{ granted: GrantedView[]; received: ReceivedView[] }> {
      const granted = await db
        .selectFrom('epa_representations as v')
        .leftJoin('insured_persons as b', 'b.id', 'v.representative_id')
        .select(['v.id', 'v.representative_kvnr', 'v.representative_email', 'v.status', 'v.created_at', 'v.confirmed_at', 'b.first_name', 'b.last_name'])
        .where('v.insured_id', '=', caller.insuredId)
        .where('v.status', '<>', 'ended')
        .orderBy('v.created_at')
        .orderBy('v.id')
        .execute();
      const received = await db
        .selectFrom('epa_representations as v')
        .innerJoin('insured_persons as a', 'a.id', 'v.insured_id')
        .select(['v.id', 'v.status', 'v.created_at', 'v.confirmed_at', 'a.first_name', 'a.last_name'])
        .where('v.representative_id', '=', caller.insuredId)
        .where('v.status', '<>', 'ended')
        .orderBy('v.created_at')
        .orderBy('v.id')
        .execute();
      return {
        granted: granted.map((r) => ({
          id: r.id,
          kvnr: r.representative_kvnr,
          email: r.representative_email,
          status: r.status as 'invited' | 'confirmed',
          since: r.created_at.toISOString(),
          confirmedAt: r.confirmed_at?.toISOString() ?? null,
          name: r.status === 'confirmed' && r.first_name !== null && r.last_name !== null ? `${r.first_name} ${r.last_name}` : null,
        })),
        received: received.map((r) => ({
          id: r.id,
          from: { name: fullName(r) },
          status: r.status as 'invited' | 'confirmed',
          since: r.created_at.toISOString(),
          confirmedAt: r.confirmed_at?.toISOString() ?? null,
        })),
      };
    },

    /**
     * B confirms an invitation in their own client; A gets a mail. A cannot confirm for B (403);
     * anyone else gets "not found", logged.
     */
    async confirm(caller: EpaCaller, id: string, ip: string): Promise<ReceivedView> {
      const outcome = await db.transaction().execute(async (trx) => {
        const row = await find(id, trx, true);
        if (row && row.insured_id === caller.insuredId) return { error: new AppError('epa_representation.confirm_own', 403) } as const;
        if (!row || row.representative_id !== caller.insuredId || row.status === 'ended') return { error: new AppError('epa_representation.not_found', 404), denied: row } as const;
        if (row.status === 'confirmed') return { error: new AppError('epa_representation.already_confirmed', 409) } as const;
        const now = clock.now();
        const updated = await trx.updateTable('epa_representations').set({ status: 'confirmed', confirmed_at: now }).where('id', '=', row.id).returning(['created_at', 'confirmed_at']).executeTakeFirstOrThrow();
        await logged({ insuredId: row.insured_id, what: 'representation.confirmed', actor: asRepresentative(row, caller), caller, auditAction: 'epa_representation.confirmed', subject: row.id, ip, data: { representation: row.id } }, trx);
        await mailer.store(row.a_email, confirmedMail({ brand: brandOf(row.a_insurer), representativeName: row.bName ?? 'Ihre Vertretung', at: now }), trx);
        return { view: { id: row.id, from: { name: row.aName }, status: 'confirmed', since: updated.created_at.toISOString(), confirmedAt: updated.confirmed_at!.toISOString() } satisfies ReceivedView } as const;
      });
      if ('error' in outcome) {
        if ('denied' in outcome) {
          await audit.record({ actor: `insured:${caller.insuredId}`, action: 'epa_representation.denied', subject: String(id).slice(0, 64), ip, outcome: 'denied', data: { reason: 'confirm_not_named' } });
        }
        throw outcome.error;
      }
      return outcome.view;
    },

    /**
     * Ends a representation or an invitation: A revokes (or withdraws), or B steps down (or declines).
     * From then on B's calls for A are refused. The other side gets a mail when they know of it.
     */
    async end(caller: EpaCaller, id: string, ip: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await find(id, trx, true);
        const byA = row?.insured_id === caller.insuredId;
        const byB = row?.representative_id === caller.insuredId;
        if (!row || (!byA && !byB) || row.status === 'ended') throw new AppError('epa_representation.not_found', 404);
        const now = clock.now();
        const wasConfirmed = row.status === 'confirmed';
        await trx.updateTable('epa_representations').set({ status: 'ended', ended_at: now, ended_by: byA ? 'insured' : 'representative' }).where('id', '=', row.id).execute();
        const step: ProtocolAction = byB && !wasConfirmed ? 'representation.declined' : 'representation.revoked';
        const actor: ProtocolActor = byA ? { kind: 'insured', id: caller.insuredId } : asRepresentative(row, caller);
        await logged(
          { insuredId: row.insured_id, what: step, actor, caller, auditAction: step === 'representation.declined' ? 'epa_representation.declined' : 'epa_representation.ended', subject: row.id, ip, data: { representation: row.id, by: byA ? 'insured' : 'representative', wasConfirmed } },
          trx,
        );
        if (byA && row.b_email !== null && row.b_insurer !== null) {
          await mailer.store(row.b_email, endedMail({ brand: brandOf(row.b_insurer), byName: row.aName, at: now, by: 'insured', wasConfirmed }), trx);
        } else if (byB) {
          await mailer.store(row.a_email, endedMail({ brand: brandOf(row.a_insurer), byName: row.bName ?? 'Ihre Vertretung', at: now, by: 'representative', wasConfirmed }), trx);
        }
      });
    },

    /**
     * B switches to A's record in the client ("Sie handeln für …"): the header checked by `actingFor`
     * (a refusal logged there), the switch written to both Protokolle. Without the header, null.
     */
    async current(request: FastifyRequest, caller: EpaCaller): Promise<{ representation: { id: string; for: { name: string } } | null }> {
      const acting = await actingFor(request, caller);
      if (acting.representationId === null) return { representation: null };
      await logged({ insuredId: acting.recordOwnerInsuredId, what: 'representation.switched', actor: acting.actor, caller, auditAction: 'epa_representation.switched', subject: acting.representationId, ip: request.ip, data: { representation: acting.representationId } });
      return { representation: { id: acting.representationId, for: { name: acting.forName! } } };
    },
  };
}

export type EpaRepresentation = ReturnType<typeof createEpaRepresentation>;
