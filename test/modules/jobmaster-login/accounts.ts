import type { Db } from '../../../src/core/db/database.ts';
import { newId } from '../../../src/core/ids/secrets.ts';
import { hashPassword, normalizeEmail } from '../../../src/core/passwords/passwords.ts';
import { hashAnswer } from '../../../src/core/passwords/security-question.ts';

export const JM_PASSWORD = 'Kartoffelsalat-mit-Gurke-42';
export const JM_ANSWER = 'Bello';

let count = 0;

/** A Jobmaster account as the registration leaves it, written straight to the database. */
export async function jobmasterAccount(
  db: Db,
  options: { role?: 'employer' | 'applicant'; status?: 'pending' | 'active' | 'locked'; employerStatus?: 'unconfirmed' | 'waiting' | 'released' | 'rejected'; insurerId?: string; portal?: string } = {},
) {
  count += 1;
  const email = `jm-${count}-${newId().slice(0, 8)}@example.org`;
  const id = newId();
  let company: string | null = null;
  if (options.role === 'employer') {
    company = newId();
    await db
      .insertInto('jobmaster_employers')
      .values({
        id: company,
        company_name: 'Test-Arbeitgeber <b>GmbH</b>',
        betriebsnummer: '09912342',
        street: 'Hauptstraße',
        house_number: '1',
        postal_code: '50667',
        city: 'Köln',
        insurer_id: options.insurerId ?? 'bw',
        status: options.employerStatus ?? 'released',
        created_at: new Date(),
      })
      .execute();
  }
  await db
    .insertInto('accounts')
    .values({
      id,
      portal: options.portal ?? 'jobmaster',
      email,
      email_normalized: normalizeEmail(email),
      password_hash: await hashPassword(JM_PASSWORD),
      salutation: 'Frau',
      title: null,
      first_name: 'Erika',
      last_name: 'Mustermann',
      status: options.status ?? 'active',
      created_at: new Date(),
      activated_at: null,
      company,
      role: options.role ?? 'applicant',
    })
    .execute();
  await db.insertInto('security_answers').values({ account_id: id, question: 'first_pet', answer_hash: await hashAnswer(JM_ANSWER), set_at: new Date() }).execute();
  return { id, email };
}
