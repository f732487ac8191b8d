import { sql, type Kysely } from 'kysely';

/**
 * Every wrong Bestätigungscode a person typed in the last eight hours, whichever of their pending
 * devices it was for (issue 15, "Endgerät freischalten"). The count per device alone let someone
 * holding the person's Ident login start new registrations and guess on: fifteen wrong codes in eight
 * hours, counted per person here, stop all codes and new registrations of that person until the oldest
 * of them is eight hours old. A right code deletes none of them, so alternating does not help.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table epa_wrong_codes (
      id bigint generated always as identity primary key,
      insured_id text not null references insured_persons (id) on delete cascade,
      wrong_at timestamptz not null
    );
    create index epa_wrong_codes_person on epa_wrong_codes (insured_id, wrong_at);
    create index epa_wrong_codes_at on epa_wrong_codes (wrong_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
