import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Staff } from '../../../core/staff/service.ts';

export interface DemoAdmin {
  email: string;
  password: string;
  secret: string;
  uri: string;
}

/**
 * The embedded default's back-office administrator: made once, its credentials kept
 * (mode 0600) in the data directory so every start can print them. Never with DATABASE_URL.
 */
export async function ensureDemoAdmin(staff: Staff, dataDir: string): Promise<DemoAdmin | null> {
  const path = join(dataDir, 'demo-admin.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DemoAdmin;
  if ((await staff.count()) > 0) return null;
  const email = 'admin@pforte.example';
  const password = `Demo-${randomBytes(12).toString('base64url')}`;
  const created = await staff.add({ email, password, role: 'admin', name: 'Demo-Administration' }, 'system:demo');
  const admin: DemoAdmin = { email, password, secret: created.secret, uri: created.uri };
  writeFileSync(path, JSON.stringify(admin, null, 2), { mode: 0o600 });
  return admin;
}
