import type { Selectable } from 'kysely';
import type { InsuredPersonsTable } from '../../core/db/insured-schema.ts';
import type { IdentityCheck } from '../../core/db/values.ts';
import type { Db } from '../../core/db/database.ts';
import { DAY } from '../../core/clock/clock.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId, safeEqual } from '../../core/ids/secrets.ts';
import { createAttempts } from '../../core/attempts/attempts.ts';
import { activationCodeHash, newActivationCode, normalizeActivationCode } from './code.ts';
import { addressOf, isIdentityCheck } from './fields.ts';
import { letterFileName, renderActivationLetter } from './letter.ts';
import type { InsuredActor, InsuredDeps } from './service.ts';

/** An activation code is valid for 14 days after its letter was made. */
export const LETTER_VALIDITY_MS = 14 * DAY;

/** Wrong activation codes count on the KVNR typed, from every address; a new letter starts it afresh. */
export const activationAttemptKey = (kvnr: string) => `ident-activation:${kvnr}`;
/** … and on the KVNR with the address they came from: the count that locks (see activation.ts). */
export const activationPairKey = (kvnr: string, ip: string | null) => `${activationAttemptKey(kvnr)}@${ip ?? 'unknown'}`;

type Person = Selectable<InsuredPersonsTable>;

export interface Letter {
  pdf: Uint8Array;
  fileName: string;
  /** the code in clear, for the one response that carries the letter (and the demo's printout) */
  code: string;
  expiresAt: Date;
  person: Person;
}

/**
 * "für die ePA registrieren" and "Neuen Aktivierungsbrief erstellen": each makes a fresh one-time
 * code, revokes the person's previous one and gives back the letter, the only place the code is ever
 * written in clear. Re-printing a letter therefore means a new letter with a new code.
 */
export function createLetters(deps: InsuredDeps & { get(by: InsuredActor, id: string, trx?: Db): Promise<Person> }) {
  const { db, clock, audit, hmacKey } = deps;
  const attempts = createAttempts(db, clock);
  const appUrl = () => `${deps.config.publicUrl}/ident/app/`;

  function render(person: Person, code: string, issuedAt: Date, expiresAt: Date, identityCheck: IdentityCheck) {
    const insurer = deps.insurers.find((i) => i.id === person.insurer_id);
    if (!insurer) throw new Error(`insured person ${person.id} belongs to an insurer that is not configured`);
    const { kvnr, first_name: firstName, last_name: lastName, birth_date: birthDate } = person;
    return renderActivationLetter({ insurer, person: { kvnr, firstName, lastName, birthDate, address: addressOf(person) }, code, issuedAt, expiresAt, identityCheck, appUrl: appUrl() });
  }

  async function issue(by: InsuredActor, id: string, identityCheck: unknown, register: boolean): Promise<Letter> {
    if (!isIdentityCheck(identityCheck)) throw new AppError('insured.identity_check_required', 422, { identityCheck: 'insured.identity_check_required' });
    const person = await deps.get(by, id);
    if (person.status === 'locked') throw new AppError('insured.locked', 409);
    const code = newActivationCode();
    const issuedAt = clock.now();
    const expiresAt = new Date(issuedAt.getTime() + LETTER_VALIDITY_MS);
    // made before the transaction: the database is not held while the page is drawn
    const pdf = await render(person, code, issuedAt, expiresAt, identityCheck);
    await db.transaction().execute(async (trx) => {
      // the person's row is the lock: two letters for one person at once take turns
      const current = await trx.selectFrom('insured_persons').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (current.status === 'locked') throw new AppError('insured.locked', 409);
      const record = await trx.selectFrom('epa_records').select('id').where('insured_id', '=', id).executeTakeFirst();
      if (register && record) throw new AppError('insured.already_registered', 409);
      if (!register && !record) throw new AppError('insured.not_registered', 409);
      if (register) {
        await trx.insertInto('epa_records').values({ id: newId(), insured_id: id, identity_check: identityCheck, created_by: by.actor, created_at: issuedAt }).execute();
        await audit.record({ actor: by.actor, action: 'insured.epa_registered', subject: id, ip: by.ip, data: { identityCheck } }, trx);
      }
      const revoked = await trx
        .updateTable('insured_activation_codes')
        .set({ revoked_at: issuedAt })
        .where('insured_id', '=', id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await trx
        .insertInto('insured_activation_codes')
        .values({ id: newId(), insured_id: id, hash: activationCodeHash(hmacKey, id, code), identity_check: identityCheck, created_by: by.actor, created_at: issuedAt, expires_at: expiresAt })
        .execute();
      // wrong codes typed before count no more against the person's new letter, nor lock its person's own address
      await attempts.clear(activationAttemptKey(person.kvnr), trx);
      await attempts.clearStartingWith(activationPairKey(person.kvnr, ''), trx);
      await audit.record(
        { actor: by.actor, action: 'insured.letter_created', subject: id, ip: by.ip, data: { identityCheck, expiresAt: expiresAt.toISOString(), replaced: Number(revoked.numUpdatedRows) } },
        trx,
      );
    });
    return { pdf, fileName: letterFileName(person.kvnr), code, expiresAt, person };
  }

  return {
    /** Creates the person's ePA record and the first activation letter. */
    registerForEpa: (by: InsuredActor, id: string, identityCheck: unknown) => issue(by, id, identityCheck, true),

    /** A new letter for a registered person (code expired, lost, or a new device): the previous code stops working. */
    newLetter: (by: InsuredActor, id: string, identityCheck: unknown) => issue(by, id, identityCheck, false),

    /**
     * The letter of a code someone still holds in clear (the demo keeps its codes to print them at
     * every start), or null when that code is no longer the person's live one: used, revoked or expired.
     */
    async letterOfLiveCode(id: string, code: string): Promise<Letter | null> {
      const normalized = normalizeActivationCode(code);
      const row = await db
        .selectFrom('insured_activation_codes')
        .innerJoin('insured_persons', 'insured_persons.id', 'insured_activation_codes.insured_id')
        .selectAll('insured_persons')
        .select(['insured_activation_codes.hash', 'insured_activation_codes.identity_check', 'insured_activation_codes.created_at as issued_at', 'insured_activation_codes.expires_at'])
        .where('insured_activation_codes.insured_id', '=', id)
        .where('insured_activation_codes.used_at', 'is', null)
        .where('insured_activation_codes.revoked_at', 'is', null)
        .where('insured_activation_codes.expires_at', '>', clock.now())
        .executeTakeFirst();
      if (!row || !normalized || !safeEqual(row.hash, activationCodeHash(hmacKey, id, normalized))) return null;
      const { hash: _hash, identity_check, issued_at, expires_at, ...person } = row;
      const pdf = await render(person, code, new Date(issued_at), new Date(expires_at), identity_check);
      return { pdf, fileName: letterFileName(person.kvnr), code, expiresAt: new Date(expires_at), person };
    },
  };
}
