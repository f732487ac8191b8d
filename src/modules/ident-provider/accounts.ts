import type { Db } from '../../core/db/database.ts';

/** The person behind a login, as far as the provider needs them. */
export interface IdentAccount {
  id: string;
  kvnr: string;
}

/** Who may log in: an insured person who is active and registered for the ePA (manual 003's prerequisite). */
export interface IdentAccounts {
  find(insuredId: string): Promise<IdentAccount | null>;
}

/** The accounts on the insured persons' tables. */
export function insuredAccounts(db: Db): IdentAccounts {
  return {
    async find(insuredId) {
      if (insuredId.length > 100) return null;
      const row = await db
        .selectFrom('insured_persons as p')
        .innerJoin('epa_records as r', 'r.insured_id', 'p.id')
        .select(['p.id', 'p.kvnr'])
        .where('p.id', '=', insuredId)
        .where('p.status', '=', 'active')
        .executeTakeFirst();
      return row ?? null;
    },
  };
}
