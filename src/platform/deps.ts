import type { Config } from '../config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './clock/clock.ts';
import type { Audit } from './audit/audit.ts';
import type { Mailer } from './mail/outbox.ts';
import type { FlowEngine } from './flows/engine.ts';
import type { RateLimiter } from './ratelimit/rate-limit.ts';
import type { Sessions } from './sessions/sessions.ts';
import type { Insurer } from './config/insurers.ts';
import type { Devices } from './mfa/devices.ts';
import type { LoginService } from './login/service.ts';
import type { PasswordReset } from './login/password-reset.ts';
import type { DeviceResets } from './mfa/device-reset.ts';
import type { Staff } from './staff/service.ts';
import type { PortalProfiles } from './registration/portal-profile.ts';
import type { Postbox } from './postbox/service.ts';
import type { CompanyUsers } from './accounts/company-users.ts';
import type { Eavis } from './eavis/service.ts';
import type { ProviderIks } from './providers/iks.ts';
import type { IkRegister } from './ik-register/service.ts';

/** Everything a service may use, wired once in app.ts; tests pass their own clock. */
export interface PlatformDeps {
  config: Config;
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  flows: FlowEngine;
  rateLimiter: RateLimiter;
  sessions: Sessions;
  insurers: Insurer[];
  fileKey: Buffer;
  /** key for HMACs that must not be computable offline (activation codes, security codes) */
  hmacKey: string;
  devices: Devices;
  login: LoginService;
  passwordReset: PasswordReset;
  deviceResets: DeviceResets;
  staff: Staff;
  /** filled by the portals at start; read by the back office */
  portals: PortalProfiles;
  postbox: Postbox;
  companyUsers: CompanyUsers;
  /** electronic payment advices of the Gesundheitspartnerservice */
  eavis: Eavis;
  ikRegister: IkRegister;
  providerIks: ProviderIks;
}
