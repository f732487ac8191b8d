import assert from 'node:assert/strict';
import * as OTPAuth from 'otpauth';
import type { TestSystem } from './system.ts';
import { FormClient } from './browser-client.ts';
import { main as pforte } from '../../src/cli.ts';

export const STAFF_PASSWORD = 'Backoffice-Passwort-2026';

export interface StaffMember {
  email: string;
  secret: string;
  name?: string;
}

/** A staff account through the operator's CLI (`pforte staff add`), as in operations, with the TOTP secret it prints. */
export async function createStaff(t: TestSystem, input: { email: string; role: 'admin' | 'clerk'; aok?: string; name?: string }): Promise<StaffMember> {
  const lines: string[] = [];
  const args = ['staff', 'add', '--email', input.email, '--password', STAFF_PASSWORD, '--role', input.role, ...(input.name ? ['--name', input.name] : []), ...(input.aok ? ['--aok', input.aok] : [])];
  assert.equal(await pforte(args, { database: t.system.database, fileKey: t.system.deps.fileKey, out: (l) => lines.push(l) }), 0, lines.join('\n'));
  const secret = lines.find((l) => l.includes('base32'))?.split(': ')[1]?.trim();
  assert.ok(secret, `base32 secret printed:\n${lines.join('\n')}`);
  return { email: input.email, secret, name: input.name };
}

/** A staff member with a fresh address. */
export async function addStaff(t: TestSystem, role: 'admin' | 'clerk', aok?: string) {
  const email = `${role}.${aok ?? 'alle'}.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@kasse.example`;
  return createStaff(t, { email, role, aok });
}

/** The code an authenticator app shows at the server's (test) clock. */
export function totpAt(t: TestSystem, secret: string, offsetMs = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: t.clock.now().getTime() + offsetMs });
}

/** Signs a staff member in to the back office (password, then the current TOTP code). */
export async function staffLogin(t: TestSystem, who: { email: string; secret: string }) {
  const c = new FormClient(t.baseUrl);
  await c.get('/backoffice/login');
  await c.postForm({ email: who.email, password: STAFF_PASSWORD }, '/backoffice/login');
  await c.postForm({ code: totpAt(t, who.secret) }, '/backoffice/login/code');
  assert.match(c.lastUrl, /\/backoffice\/registrierungen$/);
  return c;
}

/** A signed-in staff member of the given role, in one step. */
export async function signedInStaff(t: TestSystem, role: 'admin' | 'clerk', aok?: string) {
  return staffLogin(t, await addStaff(t, role, aok));
}
