import { sql, type Kysely } from 'kysely';

/**
 * Vertretung für Angehörige (issue 15 §8, gematik's ePA "Vertreter", simplified): an insured person
 * names a representative by KVNR and e-mail; the representative confirms in their own client and may
 * then act on the person's record until either of them ends it.
 *
 * - `representative_kvnr`, `representative_email`: what the person typed, kept whether or not it
 *   matched anyone, so neither the answer nor the person's list tells whether such a person exists.
 * - `representative_id`: the insured person registered for the ePA with that KVNR and e-mail, or null
 *   when none matched (such a row can never be confirmed).
 * - `status`: invited → confirmed → ended; an invitation may also end unconfirmed (withdrawn or
 *   declined). Ended rows stay, so the lists can say since when and who ended it.
 * - At most one open (invited or confirmed) representation per person and KVNR; the limit of five
 *   open ones per person is the service's, under a lock on the person's row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table epa_representations (
      id text primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      representative_kvnr text not null check (representative_kvnr ~ '^[A-Z][0-9]{9}$'),
      representative_email text not null check (length(representative_email) between 3 and 254),
      representative_id text references insured_persons (id) on delete cascade,
      status text not null check (status in ('invited', 'confirmed', 'ended')),
      created_at timestamptz not null,
      confirmed_at timestamptz,
      ended_at timestamptz,
      ended_by text check (ended_by in ('insured', 'representative')),
      check (representative_id is null or representative_id <> insured_id),
      check (status <> 'invited' or (confirmed_at is null and ended_at is null)),
      check (status <> 'confirmed' or (confirmed_at is not null and ended_at is null and representative_id is not null)),
      check ((status = 'ended') = (ended_at is not null and ended_by is not null))
    );
    create unique index epa_representations_open on epa_representations (insured_id, representative_kvnr) where status <> 'ended';
    create index epa_representations_person on epa_representations (insured_id, created_at);
    create index epa_representations_representative on epa_representations (representative_id, created_at) where representative_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
