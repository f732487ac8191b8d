import assert from 'node:assert/strict';
import type { TestSystem } from './system.ts';
import { PASSWORD } from './journeys.ts';
import { createRegistrationService } from '../../src/modules/registration/service.ts';
import { checkIk } from '../../src/core/identifiers/checks.ts';
import { newId } from '../../src/core/ids/secrets.ts';
import type { ProviderMember } from '../../src/modules/eavis/service.ts';
import { main as pforte } from '../../src/cli.ts';

const PROFILE = {
  portal: 'partner',
  confirmationMail: () => ({ subject: 'Bestätigung Ihrer E-Mail-Adresse (Test)', text: 'x', html: '<p>x</p>' }),
  accountExistsMail: () => ({ subject: 'Zugang besteht (Test)', text: 'x', html: '<p>x</p>' }),
  nothingToConfirmMail: () => ({ subject: 'Nichts zu bestätigen (Test)', text: 'x', html: '<p>x</p>' }),
  confirmLink: (token: string) => `http://test/confirm/${token}`,
  statusLink: (token: string) => `http://test/status/${token}`,
};

/** A valid IK from eight digits (the check digit computed by trying). */
export function ik(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (checkIk(prefix + d).ok) return prefix + d;
  throw new Error('no IK');
}

let serial = 0;

/**
 * A provider for the eAvis tests: an active LE-Admin, a user with the advice right, one without,
 * and its IK numbers (status active, eAvis none).
 * Accounts go through the real services (registration, activation by the CLI, which records the
 * first IK as managed, invitation). The further IKs are made-up numbers outside the IK register,
 * which "IK-Verwaltung" would refuse: their rows are inserted as after the insurer's check.
 */
export async function providerWithIks(t: TestSystem, iks: string[], insurerId = 'by') {
  const deps = t.system.deps;
  const registration = createRegistrationService({ db: deps.db, clock: deps.clock, audit: deps.audit, mailer: deps.mailer, flows: deps.flows, insurers: deps.insurers }, PROFILE);
  const n = ++serial;
  const adminEmail = `le-admin.${n}.${Date.now()}@praxis.example`;
  const flow = await registration.startForm();
  await registration.register(flow.id, { insurerId, identifier: iks[0]!, salutation: 'Frau', title: null, firstName: 'Lea', lastName: `Admin ${n}`, email: adminEmail, password: PASSWORD, consents: [{ document: 'nutzungsbedingungen', version: '1' }] }, null);
  const out: string[] = [];
  assert.equal(await pforte(['accounts', 'activate', '--email', adminEmail, '--portal', 'partner'], { database: t.system.database, clock: t.clock, out: (l) => out.push(l) }), 0, out.join('\n'));
  const adminRow = await deps.db.selectFrom('accounts').select(['id', 'company']).where('email', '=', adminEmail).executeTakeFirstOrThrow();
  const admin: ProviderMember = { accountId: adminRow.id, company: adminRow.company! };

  const invite = async (email: string) => {
    let token = '';
    const mail = { subject: 'Einladung (Test)', text: 'x', html: '<p>x</p>' };
    await deps.companyUsers.invite(adminRow.id, email, { invitation: () => mail, toExisting: () => mail }, (tok) => (token = tok), null);
    const invitation = await deps.companyUsers.openInvitation(token);
    await deps.companyUsers.accept(invitation, { salutation: 'Herr', title: null, firstName: 'Nils', lastName: `Nutzer ${n}`, password: PASSWORD }, PASSWORD, null);
    const id = (await deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    return { member: { accountId: id, company: admin.company } as ProviderMember, email };
  };
  const user = await invite(`nutzer.${n}.${Date.now()}@praxis.example`);
  const plain = await invite(`ohne-recht.${n}.${Date.now()}@praxis.example`);
  await deps.companyUsers.setAdviceAccess(adminRow.id, user.member.accountId, true, null);

  const ids: Record<string, string> = {};
  const first = await deps.db.selectFrom('provider_iks').select('id').where('ik', '=', iks[0]!).where('status', '=', 'active').executeTakeFirstOrThrow();
  ids[iks[0]!] = first.id;
  for (const number of iks.slice(1)) {
    ids[number] = newId();
    await deps.db
      .insertInto('provider_iks')
      .values({ id: ids[number]!, company: admin.company, ik: number, insurer_id: insurerId, status: 'active', requested_by: admin.accountId, requested_at: deps.clock.now(), decided_at: deps.clock.now() })
      .execute();
  }
  return { admin, adminEmail, user: user.member, userEmail: user.email, plain: plain.member, plainEmail: plain.email, ids };
}

export type TestProvider = Awaited<ReturnType<typeof providerWithIks>>;
