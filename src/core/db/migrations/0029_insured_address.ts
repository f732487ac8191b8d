import { sql, type Kysely } from 'kysely';

/**
 * The insured person's postal address, for the activation letter that is posted to them: Straße und
 * Hausnummer, PLZ (five digits) and Ort. Persons made before have none (the columns stay empty until
 * staff enter one); an address is whole or absent, never a part of one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table insured_persons
      add column street text,
      add column postal_code text check (postal_code ~ '^[0-9]{5}$'),
      add column city text,
      add constraint insured_persons_address_whole check ((street is null) = (postal_code is null) and (postal_code is null) = (city is null));
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}
