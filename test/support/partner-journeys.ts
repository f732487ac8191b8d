import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestSystem } from './system.ts';
import { FormClient } from './browser-client.ts';
import { linkAfter, waitForMail } from './mailbox.ts';
import { PASSWORD, PIN, authenticator, readActivationCode } from './journeys.ts';
import { samplePdf } from './samples.ts';
import { signedInStaff } from './staff.ts';
import { PARTNER_SUBJECTS } from '../../src/portals/partner/words.ts';

let counter = 0;

/** IKs of the shipped demo register (assets/demo/ik-register.csv) with their responsible AOK. */
export const DEMO_IK = { ik: '260326822', insurerId: 'ni' } as const;
export const SECOND_IK = '330422055';

export function provider(overrides: Record<string, string> = {}) {
  counter += 1;
  return {
    ik: DEMO_IK.ik,
    salutation: 'Herr',
    title: 'Dr.',
    firstName: 'Maler',
    lastName: 'Montag',
    email: `le-admin${counter}.${Date.now()}@praxis-beispiel.de`,
    password: PASSWORD,
    passwordRepeat: PASSWORD,
    termsAccepted: 'ja',
    privacyAccepted: 'ja',
    ...overrides,
  };
}

/** For testSystemFor: the shipped demo IK register, which the provider tests register with. */
export const withDemoRegister = { ready: (t: TestSystem) => t.system.deps.ikRegister.seedDemo() };

/** A browser on the provider portal that has accepted the cookie notice. */
export async function partnerClient(t: TestSystem): Promise<FormClient> {
  const client = new FormClient(t.baseUrl);
  await client.get('/partner/');
  assert.match(client.text(), /Akzeptieren/);
  await client.postForm({}, '/partner/cookies');
  assert.equal(client.lastStatus, 200);
  return client;
}

/** Step 1 through the form and the confirmation link from the mail. */
export async function registerProviderAndConfirm(t: TestSystem, fields = provider()) {
  await t.system.deps.ikRegister.seedDemo();
  const client = await partnerClient(t);
  await client.get('/partner/registrierung');
  await client.postForm(fields, '/partner/registrierung');
  assert.equal(client.lastStatus, 200, client.text().slice(0, 400));
  const mail = await waitForMail(t.baseUrl, fields.email, { subject: PARTNER_SUBJECTS.confirmation });
  await client.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
  assert.equal(client.lastStatus, 200);
  return { client, fields };
}

export async function readPartnerActivationCode(client: FormClient): Promise<string> {
  return readActivationCode(client, 'partner');
}

/** Certificate downloaded and uploaded, the terminal app registered as device: ready for the insurer's check. */
export async function completedProviderRegistration(t: TestSystem, fields = provider()) {
  const { client } = await registerProviderAndConfirm(t, fields);
  await client.get('/partner/registrierung/bescheinigung.pdf');
  assert.equal(client.lastStatus, 200);
  await client.get('/partner/registrierung/bescheinigung');
  await client.postFiles('/partner/registrierung/bescheinigung/upload', [{ name: 'Bescheinigung.pdf', bytes: await samplePdf() }]);
  const state = mkdtempSync(join(tmpdir(), 'pforte-partner-'));
  const code = await readPartnerActivationCode(client);
  const activation = await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', PIN, '--state', state]);
  assert.equal(activation.code, 0, activation.err.join('\n'));
  const registration = await t.system.deps.db
    .selectFrom('registrations')
    .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
    .select(['registrations.id', 'accounts.id as account_id'])
    .where('accounts.email', '=', fields.email)
    .where('accounts.portal', '=', 'partner')
    .executeTakeFirstOrThrow();
  return { client, fields, state, registrationId: registration.id, accountId: registration.account_id };
}

/** Logs in with password and the security code the terminal app reads. */
export async function partnerLogin(t: TestSystem, fields: { email: string; password: string }, state: string): Promise<FormClient> {
  const c = await partnerClient(t);
  await c.get('/partner/login');
  await c.postForm({ email: fields.email, password: fields.password }, '/partner/login');
  assert.match(c.lastUrl, /\/partner\/login\/sicherheitscode/, c.text().slice(0, 300));
  const shown = await authenticator(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', state]);
  assert.equal(shown.code, 0, shown.err.join('\n'));
  await c.postForm({ code: shown.out[0]! }, '/partner/login/sicherheitscode');
  assert.match(c.lastUrl, /\/partner\/startseite$/, c.text().slice(0, 300));
  return c;
}

/**
 * A provider whose LE-Admin registered through the pages, was activated by staff in the back
 * office (clerk of the IK's AOK), and is signed in. Returns the LE-Admin's client and the staff client.
 */
export async function activatedProvider(t: TestSystem, fields = provider()) {
  const reg = await completedProviderRegistration(t, fields);
  const insurerId = (await t.system.deps.ikRegister.lookup(fields.ik))!.insurerId!;
  const staff = await signedInStaff(t, 'clerk', insurerId);
  await staff.get(`/backoffice/registrierungen/${reg.registrationId}`);
  await staff.postForm({}, `/backoffice/registrierungen/${reg.registrationId}/aktivieren`);
  assert.match(staff.lastUrl, /aktiviert=1/, staff.text().slice(0, 400));
  const client = await partnerLogin(t, fields, reg.state);
  return { ...reg, client, staff };
}

/** The LE-Admin invites a user, who accepts through the mail, registers the terminal app and signs in. */
export async function invitedPartnerUser(t: TestSystem, admin: FormClient, who: { firstName: string; lastName: string; password: string }) {
  const email = `nutzerin.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@praxis-beispiel.de`;
  await admin.get('/partner/nutzer');
  await admin.postForm({ email }, '/partner/nutzer');
  assert.match(admin.lastUrl, /hinweis=eingeladen/);
  const invitation = await waitForMail(t.baseUrl, email, { subject: 'Einladung' });
  const u = await partnerClient(t);
  await u.get(linkAfter(invitation.text, 'Einladung annehmen:'));
  await u.postForm({ salutation: 'Frau', title: '', firstName: who.firstName, lastName: who.lastName, password: who.password, passwordRepeat: who.password }, '/partner/einladung');
  await u.postForm({}, '/partner/einladung/aktivierungscode');
  const code = u.lastHtml.match(/data-code="(\d{8})"/)![1]!;
  const state = mkdtempSync(join(tmpdir(), 'pforte-partner-user-'));
  assert.equal((await authenticator(['activate', '--server', t.baseUrl, '--email', email, '--activation-code', code, '--pin', PIN, '--state', state])).code, 0);
  return { email, client: await partnerLogin(t, { email, password: who.password }, state) };
}
