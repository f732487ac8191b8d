import type { Config } from '../config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './clock/clock.ts';
import type { Audit } from './audit/audit.ts';
import type { Mailer } from './mail/outbox.ts';
import type { FlowEngine } from './flows/engine.ts';
import type { RateLimiter } from './attempts/rate-limit.ts';
import type { Sessions } from './sessions/sessions.ts';
import type { Insurer } from './config/insurers.ts';
import type { Devices } from '../modules/devices/devices.ts';
import type { LoginService } from '../modules/login/service.ts';
import type { PasswordReset } from '../modules/password-reset/service.ts';
import type { DeviceResets } from '../modules/devices/device-reset.ts';
import type { Staff } from './staff/service.ts';
import type { PortalRegistry } from './portal/registry.ts';
import type { Postbox } from '../modules/postbox/service.ts';
import type { CompanyUsers } from '../modules/users/service.ts';
import type { Eavis } from '../modules/eavis/service.ts';
import type { ProviderIks } from '../modules/provider-iks/service.ts';
import type { IkRegister } from '../modules/ik-register/service.ts';
import type { IdentProvider } from '../modules/ident-provider/provider.ts';
import type { Insured } from '../modules/insured/service.ts';
import type { IdentDevices } from '../modules/ident-devices/service.ts';
import type { IdentLogin } from '../modules/ident-login/service.ts';
import type { EpaAccess } from '../modules/epa-access/service.ts';
import type { EpaRecords } from '../modules/epa-records/service.ts';
import type { EpaProtocol } from '../modules/epa-protocol/service.ts';
import type { EpaRepresentation } from '../modules/epa-representation/service.ts';

/** Everything a service may use, wired once in composition.ts; tests pass their own clock. */
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
  /** every portal's definition, complete before any route, job or command runs */
  portals: PortalRegistry;
  postbox: Postbox;
  companyUsers: CompanyUsers;
  /** electronic payment advices of the Gesundheitspartnerservice */
  eavis: Eavis;
  ikRegister: IkRegister;
  providerIks: ProviderIks;
  /** insured persons (Versicherte), their ePA registration and the Ident app's activation */
  insured: Insured;
  /** the AOK Ident OpenID Provider at /ident; the approval calls its completeLogin */
  ident: IdentProvider;
  /** the AOK Ident app's devices: activation, GesundheitsID-Code, approval, "Geräte" */
  identDevices: IdentDevices;
  /** the QR login: the login page's requests and the app's answers to them */
  identLogin: IdentLogin;
  /** who may call the ePA record service: DPoP-bound tokens and the unlocked devices */
  epaAccess: EpaAccess;
  /** the documents of each person's ePA, encrypted per record */
  epaRecords: EpaRecords;
  /** the insured's Protokoll of every access to their ePA; `record(entry)` for every module that acts on it */
  epaProtocol: EpaProtocol;
  /** Vertretung für Angehörige: naming, confirming, ending, and `actingFor(request, caller)` for every record route */
  epaRepresentation: EpaRepresentation;
}
