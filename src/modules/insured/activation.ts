import type { Db } from '../../core/db/database.ts';
import { DAY } from '../../core/clock/clock.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { safeEqual } from '../../core/ids/secrets.ts';
import { checkKvnr } from '../../core/identifiers/checks.ts';
import { createAttempts, type AttemptRule } from '../../core/attempts/attempts.ts';
import { activationCodeHash, normalizeActivationCode } from './code.ts';
import { activationAttemptKey, activationPairKey } from './letters.ts';
import type { InsuredDeps } from './service.ts';

/**
 * Wrong codes are limited so that a stranger can neither guess a code nor keep its person out. A KVNR is
 * printed on the health card, so anything that locks a KVNR would let anyone lock its person; the locks
 * therefore fall on addresses only, and the KVNR has just a ceiling that ends its code:
 * - per KVNR and address (the pair): five wrong codes free, then locks doubling from 15 minutes to a day;
 *   the person on their own connection is not affected by a pair someone else locked;
 * - per address across KVNRs: twenty free (a household, an office), then the same locks;
 * - per KVNR from every address: ACTIVATION_KVNR_CEILING wrong codes, counted until a day passes without
 *   one; the one that reaches it makes the live code worthless (the person asks for a new letter, which
 *   starts the count afresh), and until the count is forgotten no code is checked for that KVNR.
 * Guessing: a code lives 14 days, and each quiet day at most resets the ceiling, so a code meets at most
 * 14 × 1 000 = 14 000 checks, however many addresses guess: 14 000 / 31¹² (≈ 7.9 × 10¹⁷ codes)
 * ≈ 1.8 × 10⁻¹⁴ is the chance that any guess hits it. Burning the code at the ceiling is the price of that
 * bound: it takes some eighty addresses a day (the pair's locks hold each to about a dozen wrong codes for
 * one KVNR), and costs the person a new letter, never a lock.
 */
export const ACTIVATION_KVNR_CEILING = 1_000;
export const ACTIVATION_KVNR_RULE: AttemptRule = { kind: 'limit', max: ACTIVATION_KVNR_CEILING, forgetAfterMs: DAY };
export const ACTIVATION_PAIR_RULE: AttemptRule = { kind: 'growing', free: 5, firstLockMs: 15 * 60_000, maxLockMs: DAY, forgetAfterMs: DAY };
export const ACTIVATION_IP_RULE: AttemptRule = { kind: 'growing', free: 20, firstLockMs: 15 * 60_000, maxLockMs: DAY, forgetAfterMs: DAY };
export const activationIpKey = (ip: string | null) => `ident-activation-ip:${ip ?? 'unknown'}`;

/** What the identity service learns of the person whose code was right. */
export interface ActivatedPerson {
  id: string;
  kvnr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  insurerId: string;
}

/** Compared with when there is no person or no live code, so a wrong KVNR costs what a wrong code costs. */
const NO_HASH = activationCodeHash('pforte-no-key', 'none', 'AAAAAAAAAAAA');

export function createActivation(deps: InsuredDeps) {
  const { db, clock, audit, hmacKey } = deps;
  const attempts = createAttempts(db, clock);

  /** The KVNR reached its ceiling: its live code, if there is one, stops working (the same statement for any KVNR). */
  async function burn(kvnr: string, ip: string | null): Promise<void> {
    const burnt = await db
      .updateTable('insured_activation_codes')
      .set({ revoked_at: clock.now() })
      .where('insured_id', 'in', (eb) => eb.selectFrom('insured_persons').select('id').where('kvnr', '=', kvnr))
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('insured_id')
      .executeTakeFirst();
    if (burnt) await audit.record({ actor: 'anonymous', action: 'insured.activation_code_burnt', subject: burnt.insured_id, ip, outcome: 'failure', data: { failures: ACTIVATION_KVNR_CEILING } });
  }

  /**
   * The Ident app's activation with the letter's KVNR and code. A wrong KVNR and a wrong code give
   * the same answer at the same cost; attempts count per address, per KVNR and address, and per KVNR
   * (see ACTIVATION_KVNR_CEILING) before the code is checked; the code is used once (one UPDATE … WHERE
   * unused, so of two activations at once exactly one succeeds). Only with the right code does the answer say more (used, expired, locked).
   * `within` runs in the same transaction as the code's use: what it writes (the app's device) and
   * the code's use happen together or not at all. When `within` refuses, the right code costs no
   * attempt: its three counts are as they were before.
   */
  async function activate(kvnrInput: unknown, codeInput: unknown, options: { ip: string | null; within?: (trx: Db, person: ActivatedPerson) => Promise<void> }): Promise<ActivatedPerson> {
    const { ip } = options;
    const kvnr = checkKvnr(typeof kvnrInput === 'string' ? kvnrInput : '');
    // the KVNR's form is public knowledge: saying it is malformed tells nobody whether a person has it
    if (!kvnr.ok) throw new AppError(kvnr.code, 422, { kvnr: kvnr.code });
    const tooMany = () => new AppError('insured.activation_too_many', 429);
    const byIp = await attempts.reserve(activationIpKey(ip), ACTIVATION_IP_RULE);
    if (!byIp.granted) throw tooMany();
    const byPair = await attempts.reserve(activationPairKey(kvnr.value, ip), ACTIVATION_PAIR_RULE);
    if (!byPair.granted) throw tooMany();
    const now = clock.now();
    const byKvnr = await attempts.reserve(activationAttemptKey(kvnr.value), ACTIVATION_KVNR_RULE);
    // past the ceiling the code is burnt: nothing is checked, and the answer is a wrong code's
    if (!byKvnr.granted) throw new AppError('insured.activation_invalid', 401);

    const row = await db
      .selectFrom('insured_persons')
      .leftJoin('insured_activation_codes as code', (join) => join.onRef('code.insured_id', '=', 'insured_persons.id').on('code.revoked_at', 'is', null))
      .select(['insured_persons.id', 'kvnr', 'first_name', 'last_name', 'birth_date', 'email', 'insurer_id', 'status', 'code.id as code_id', 'code.hash', 'code.used_at', 'code.expires_at'])
      .where('kvnr', '=', kvnr.value)
      // the live code, else the one used last: its use is what the answer may then say
      .orderBy('code.used_at', (o) => o.desc().nullsFirst())
      .executeTakeFirst();
    const code = normalizeActivationCode(codeInput);
    const typed = activationCodeHash(hmacKey, row?.id ?? 'none', code ?? '');
    const right = safeEqual(typed, row?.hash ?? NO_HASH) && code !== null && Boolean(row?.hash);
    if (!row || !right || !row.code_id) {
      await audit.record({ actor: 'anonymous', action: 'insured.activation_failed', subject: row?.id ?? null, ip, outcome: 'failure', data: { failures: byKvnr.count } });
      if (byKvnr.count >= ACTIVATION_KVNR_CEILING) await burn(kvnr.value, ip);
      throw new AppError('insured.activation_invalid', 401);
    }
    if (row.status === 'locked') throw new AppError('insured.person_locked', 403);
    if (row.used_at) throw new AppError('insured.activation_used', 410);
    if (new Date(row.expires_at!) <= now) throw new AppError('insured.activation_expired', 410);

    const person: ActivatedPerson = { id: row.id, kvnr: row.kvnr, firstName: row.first_name, lastName: row.last_name, birthDate: row.birth_date, email: row.email, insurerId: row.insurer_id };
    let refusedWithin = false;
    await db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('insured_activation_codes')
        .set({ used_at: now })
        .where('id', '=', row.code_id!)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where((eb) => eb.exists(eb.selectFrom('insured_persons').select('id').where('id', '=', row.id).where('status', '=', 'active')))
        .executeTakeFirst();
      // another activation with the same code came first (or a new letter, or a lock, in between)
      if (Number(used.numUpdatedRows) === 0) throw new AppError('insured.activation_used', 410);
      try {
        await options.within?.(trx, person);
      } catch (error) {
        refusedWithin = true;
        throw error;
      }
      await audit.record({ actor: `insured:${row.id}`, action: 'insured.activated', subject: row.id, ip }, trx);
    }).catch(async (error: unknown) => {
      // the code was right and stays unused: what `within` refused (a third device) is no wrong code, so its attempts go back
      if (refusedWithin) for (const reservation of [byKvnr, byPair, byIp]) await attempts.refund(reservation);
      throw error;
    });
    await attempts.clear(activationAttemptKey(kvnr.value));
    await attempts.clear(activationPairKey(kvnr.value, ip));
    await attempts.refund(byIp);
    return person;
  }

  return { activate };
}
