import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { migrate } from '../../../src/core/db/database.ts';
import * as values from '../../../src/core/db/values.ts';
import { LOCALES } from '../../../src/core/i18n/locale.ts';

// table.column → the list schema.ts types it with; each must allow what the database allows, no more, no less
const checked: Record<string, readonly string[]> = {
  'accounts.status': values.ACCOUNT_STATUSES,
  'accounts.role': values.ACCOUNT_ROLES,
  'accounts.locked_by': values.LOCKERS,
  'accounts.locale': LOCALES,
  'registrations.status': values.REGISTRATION_STATUSES,
  'devices.kind': values.DEVICE_KINDS,
  'devices.status': values.DEVICE_STATUSES,
  'device_resets.status': values.DEVICE_RESET_STATUSES,
  'staff.role': values.STAFF_ROLES,
  'staff.status': values.STAFF_STATUSES,
  'postbox_messages.direction': values.POSTBOX_DIRECTIONS,
  'postbox_messages.kind': values.POSTBOX_KINDS,
  'ik_register.region_part': values.REGION_PARTS,
  'provider_iks.status': values.PROVIDER_IK_STATUSES,
  'provider_iks.eavis': values.EAVIS_STATES,
  'payment_advices.source': values.ADVICE_SOURCES,
  'jobmaster_employers.status': values.JOBMASTER_EMPLOYER_STATUSES,
  'job_postings.kind': values.POSTING_KINDS,
  'job_postings.status': values.POSTING_STATUSES,
  'insured_persons.status': values.INSURED_STATUSES,
  'epa_records.identity_check': values.IDENTITY_CHECKS,
  'insured_activation_codes.identity_check': values.IDENTITY_CHECKS,
  'ident_devices.kind': values.DEVICE_KINDS,
  'ident_devices.status': values.IDENT_DEVICE_STATUSES,
  'ident_login_requests.state': values.IDENT_LOGIN_STATES,
};

describe('column values', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('pglite');
    await migrate(database.handle.db);
  });
  after(() => database.drop());

  test('column values › each typed union lists exactly what the check constraint allows', async () => {
    const { rows } = await sql<{ table: string; def: string }>`
      select conrelid::regclass::text as table, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c'
    `.execute(database.handle.db);
    const allowed = new Map<string, string[]>();
    for (const { table, def } of rows) {
      // CHECK ((status = ANY (ARRAY['pending'::text, …]))) — one column, a list of literals
      const m = def.match(/^CHECK \(\(?\(?(\w+) = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)?\)?\)$/);
      if (m) allowed.set(`${table}.${m[1]}`, [...m[2]!.matchAll(/'([^']*)'::text/g)].map((v) => v[1]!));
    }
    for (const [column, list] of Object.entries(checked)) {
      assert.deepEqual([...(allowed.get(column) ?? ['(no constraint found)'])].sort(), [...list].sort(), column);
    }
  });
});
