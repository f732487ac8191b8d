import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, migrate, type DatabaseHandle } from './core/db/database.ts';
import { systemClock, type Clock } from './core/clock/clock.ts';
import { createAudit } from './core/audit/audit.ts';
import pino from 'pino';
import { createMailer } from './core/mail/outbox.ts';
import { startMailCatcher } from './core/mail/catcher.ts';
import { mailboxRoutes } from './core/mail/mailbox-routes.tsx';
import { loadMailboxKey } from './core/mail/mailbox-key.ts';
import { createFlowEngine } from './core/flows/engine.ts';
import { createRateLimiter } from './core/attempts/rate-limit.ts';
import { createSessions } from './core/sessions/sessions.ts';
import { startQueue, type Queue } from './core/jobs/queue.ts';
import { runRetention } from './modules/registration/retention.ts';
import { createServer } from './core/http/server.ts';
import { seeOther } from './core/http/render.ts';
import { loadSecrets } from './core/config/secrets.ts';
import type { PlatformDeps } from './core/deps.ts';
import type { Module } from './core/module.ts';
import type { Mailer } from './core/mail/outbox.ts';
import type { Db } from './core/db/database.ts';
import type { PortalDefinition, PortalGuards, PortalServices } from './core/portal/definition.ts';
import { accountGuard } from './modules/login/guard.ts';
import { PortalRegistry } from './core/portal/registry.ts';
import { arbeitgeberPortal } from './portals/arbeitgeber/portal.ts';
import { partnerPortal } from './portals/partner/portal.ts';
import { jobmasterPortal } from './portals/jobmaster/portal.ts';
import { registrationModule } from './modules/registration/module.ts';
import { accountsModule } from './modules/accounts/module.ts';
import { loginModule } from './modules/login/module.ts';
import { passwordResetModule } from './modules/password-reset/module.ts';
import { appInstallModule } from './modules/app-install/module.ts';
import { usersModule } from './modules/users/module.ts';
import { postboxModule } from './modules/postbox/module.ts';
import { providerIksModule } from './modules/provider-iks/module.ts';
import { eavisModule } from './modules/eavis/module.ts';
import { ikRegisterModule } from './modules/ik-register/module.ts';
import { auditLogModule } from './modules/audit-log/module.ts';
import { jobmasterBackofficeModule } from './modules/jobmaster-backoffice/module.ts';
import { jobSearchModule } from './modules/job-search/module.ts';
import { jobPostingsModule } from './modules/job-postings/module.ts';
import { jobmasterLoginModule } from './modules/jobmaster-login/module.ts';
import { jobmasterAccountModule } from './modules/jobmaster-account/module.ts';
import { jobmasterEmployersModule } from './modules/jobmaster-employers/module.ts';
import { jobAlertsModule } from './modules/job-alerts/module.ts';
import { jobmasterRegistrationModule } from './modules/jobmaster-registration/module.ts';
import { identProviderModule } from './modules/ident-provider/module.ts';
import { createIdentProvider } from './modules/ident-provider/provider.ts';
import { identRoutes } from './modules/ident-provider/routes.tsx';
import { mailDeliveryModule } from './core/mail/staff-routes.tsx';
import { createDevices } from './modules/devices/devices.ts';
import { createLoginService } from './modules/login/service.ts';
import { createPasswordReset } from './modules/password-reset/service.ts';
import { createDeviceResets } from './modules/devices/device-reset.ts';
import { createStaff } from './core/staff/service.ts';
import { createPostbox } from './modules/postbox/service.ts';
import { createCompanyUsers } from './modules/users/service.ts';
import { createEavis } from './modules/eavis/service.ts';
import { createProviderIks } from './modules/provider-iks/service.ts';
import { createIkRegister } from './modules/ik-register/service.ts';
import { createInsured } from './modules/insured/service.ts';
import { insuredModule } from './modules/insured/module.ts';
import { createIdentDevices } from './modules/ident-devices/service.ts';
import { identDevicesApi } from './modules/ident-devices/api.ts';
import { identAppRoutes } from './apps/ident/routes.tsx';
import { createIdentLogin } from './modules/ident-login/service.ts';
import { identLoginRoutes } from './modules/ident-login/routes.ts';
import { createEpaAccess } from './modules/epa-access/service.ts';
import { allEpaEvents, auditEpaEvents, protocolEpaEvents } from './modules/epa-access/events.ts';
import { epaApi } from './modules/epa-access/api.ts';
import { createEpaRepresentation } from './modules/epa-representation/service.ts';
import { epaRepresentationRoutes } from './modules/epa-representation/api.ts';
import { epaAccessModule } from './modules/epa-access/module.ts';
import { createEpaProtocol } from './modules/epa-protocol/service.ts';
import { epaProtocolModule } from './modules/epa-protocol/module.ts';
import { createEpaRecords } from './modules/epa-records/service.ts';
import { epaRecordsModule } from './modules/epa-records/module.ts';
import { epaRecordsApi } from './modules/epa-records/api-routes.ts';
import { epaProtocolApi } from './modules/epa-protocol/api-routes.ts';
import { backofficeRoutes } from './portals/backoffice/routes.tsx';
import { authenticatorApi } from './modules/devices/app-api.ts';
import { authenticatorAppRoutes } from './apps/authenticator/routes.tsx';
import { setCatalogueBrand } from './core/i18n/catalogue.ts';
import type { AuditEntry } from './core/audit/audit.ts';
import { createMetrics, type Metrics } from './core/ops/metrics.ts';
import { createHealth, type Health } from './core/ops/health.ts';
import { opsRoutes, timeRequests } from './core/ops/routes.ts';
import { listenMetrics, type MetricsServer } from './core/ops/internal-server.ts';

export interface SystemOptions {
  clock?: Clock;
  /** an already open database (tests share one per suite) */
  database?: DatabaseHandle;
  mailPollSeconds?: number;
  mailRetryDelaySeconds?: number;
  schedule?: boolean;
  /** delivery attempts per mail before it is marked failed (tests: a few) */
  mailAttempts?: number;
}

export interface System {
  app: FastifyInstance;
  deps: PlatformDeps;
  database: DatabaseHandle;
  queue: Queue;
  mailboxSmtpPort: number | null;
  /** the mailbox's key when HOST is not loopback (printed with its URL by `npm start`) */
  mailboxKey: string | null;
  jobs: { retention(): Promise<number>; housekeeping(): Promise<void>; mailSweep(): Promise<number> };
  health: Health;
  metrics: Metrics;
  /** the internal /metrics listener on 127.0.0.1 when METRICS_PORT is set (closed by close(), after the main server) */
  metricsServer: MetricsServer | null;
  /** /readyz answers 503 from now on, so a load balancer sends the next requests elsewhere; close() follows */
  drain(): void;
  /**
   * Drains, stops taking connections, lets requests in flight end (for `graceMs`, 3 s unless told;
   * then their connections are cut), stops the jobs and closes the mail and the database.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Every module the system has, in the order their staff pages are mounted; a portal lists the
 * names of those whose pages it shows.
 */
export const modules: readonly Module[] = [
  registrationModule,
  accountsModule,
  loginModule,
  passwordResetModule,
  appInstallModule,
  usersModule,
  postboxModule,
  providerIksModule,
  eavisModule,
  ikRegisterModule,
  auditLogModule,
  jobmasterBackofficeModule,
  mailDeliveryModule,
  jobSearchModule,
  jobPostingsModule,
  jobmasterLoginModule,
  jobmasterAccountModule,
  jobmasterEmployersModule,
  jobAlertsModule,
  jobmasterRegistrationModule,
  insuredModule,
  identProviderModule,
  epaAccessModule,
  epaRecordsModule,
  epaProtocolModule,
];

/** Every portal: a function of the configuration and a few services that gives its definition. */
export const portals: readonly ((config: Config, services: PortalServices) => PortalDefinition)[] = [arbeitgeberPortal, partnerPortal, jobmasterPortal];

/** Every portal's definition, checked against the modules: what the server, its jobs and the CLI read. */
export function definePortals(config: Config, services: PortalServices, registry = new PortalRegistry()): PortalRegistry {
  registry.define(portals.map((define) => define(config, services)));
  for (const portal of registry.all()) {
    const unknown = portal.modules.filter((name) => !modules.some((m) => m.name === name));
    if (unknown.length) throw new Error(`portal ${portal.key} lists unknown modules: ${unknown.join(', ')}`);
  }
  return registry;
}

/**
 * The services and the portal registry on an open, migrated database, without HTTP or jobs: the
 * system builds on them, and so does the CLI when no server runs. The mailer comes from the caller
 * (the system's delivers through the queue; the CLI's stores nothing).
 */
export function createServices(config: Config, input: { db: Db; clock: Clock; mailer: Mailer; onAudit?: (entry: AuditEntry) => void }): PlatformDeps {
  const { db, clock, mailer } = input;
  const secrets = loadSecrets(config);
  const audit = createAudit(db, clock, { onRecord: input.onAudit });
  const flows = createFlowEngine(db, clock, secrets.sessionSecret);
  const rateLimiter = createRateLimiter(db, clock);
  const secure = config.publicUrl.startsWith('https:');
  const sessions = createSessions(db, clock, { secret: secrets.sessionSecret, secure });
  const hmacKey = secrets.sessionSecret;
  const devices = createDevices({ db, clock, audit, flows, hmacKey });
  // filled below, once the services the definitions use exist; read only after that
  const registry = new PortalRegistry();
  const ikRegister = createIkRegister({ db, clock, audit, config });
  const insured = createInsured({ db, clock, audit, insurers: config.insurers, hmacKey, config });
  const identDevices = createIdentDevices({ db, clock, audit, flows, insurers: config.insurers, insured });
  const epaProtocol = createEpaProtocol({ db, clock });
  const ident = createIdentProvider({ db, clock, audit, config, fileKey: secrets.fileKey, secret: secrets.sessionSecret });
  const deps: PlatformDeps = {
    config,
    db,
    clock,
    audit,
    mailer,
    flows,
    rateLimiter,
    sessions,
    insurers: config.insurers,
    fileKey: secrets.fileKey,
    hmacKey,
    devices,
    login: createLoginService({ db, clock, audit, flows, rateLimiter, hmacKey }),
    passwordReset: createPasswordReset({ db, clock, audit, flows, mailer, rateLimiter, hmacKey }),
    deviceResets: createDeviceResets({ db, clock, audit }),
    staff: createStaff({ db, clock, audit, key: secrets.fileKey, insurerIds: config.insurers.map((i) => i.id) }),
    portals: registry,
    postbox: createPostbox({ db, clock, audit, mailer, key: secrets.fileKey }),
    companyUsers: createCompanyUsers({ db, clock, audit, flows, mailer, devices }),
    eavis: createEavis({ db, clock, audit, mailer, config, insurers: config.insurers, portals: registry }),
    ikRegister,
    providerIks: createProviderIks({ db, clock, audit, mailer, key: secrets.fileKey, ikRegister, portals: registry }),
    insured,
    identDevices,
    ident,
    identLogin: createIdentLogin({ db, clock, audit, rateLimiter, ident, devices: identDevices }),
    epaAccess: createEpaAccess({ db, clock, config, mailer, rateLimiter, keys: ident.keys, hmacKey, events: allEpaEvents(protocolEpaEvents(epaProtocol), auditEpaEvents(audit)) }),
    epaRecords: createEpaRecords({ db, clock, audit, fileKey: secrets.fileKey, protocol: epaProtocol, insurers: config.insurers }),
    epaProtocol,
    epaRepresentation: createEpaRepresentation({ db, clock, config, audit, mailer, rateLimiter, protocol: epaProtocol }),
  };
  definePortals(config, deps, registry);
  return deps;
}

/** A portal's own pages first (the partner portal's cookie notice guards every page after it), then its modules' pages. */
async function mountPortal(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const requireAccount = accountGuard(deps, portal);
  const guards: PortalGuards = { requireAccount, requireMember: portal.memberGuard?.(deps, requireAccount) };
  await portal.pages?.(app, deps, portal, guards);
  for (const name of portal.modules) await modules.find((m) => m.name === name)!.portalRoutes?.(app, deps, portal, guards);
}

/** Wires the whole system: database → migrations → mail → services and portals → jobs → HTTP. main.ts, the tests and the benchmarks start here. */
export async function startSystem(config: Config, options: SystemOptions = {}): Promise<System> {
  setCatalogueBrand(config.INSURER_BRAND);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.PFORTE_DATA_DIR }));
  const ownsDatabase = !options.database;
  await migrate(database.db);
  const { db } = database;

  const mailLog = pino({ level: config.LOG_LEVEL, name: 'mail' });
  const catcher = config.embeddedMailbox ? await startMailCatcher(db, clock, { host: '127.0.0.1', port: config.MAILBOX_SMTP_PORT }) : null;
  const mailer = createMailer(db, clock, {
    url: config.SMTP_URL ?? `smtp://127.0.0.1:${catcher!.port}`,
    from: config.MAIL_FROM,
  }, {
    maxAttempts: options.mailAttempts,
    // a failed attempt is logged with the mail id and the error only, never the recipient's links
    warn: (data, message) => mailLog.warn(data, message),
  });
  const metrics = createMetrics({ db, pool: database.poolUse });
  const health = createHealth(db);
  const deps = createServices(config, { db, clock, mailer, onAudit: (entry) => metrics.audited(entry) });
  const { audit, flows, sessions, rateLimiter } = deps;
  const secure = config.publicUrl.startsWith('https:');

  const jobs = {
    retention: () => runRetention({ db, clock, audit }),
    mailSweep: () => mailer.sweepUnqueued(),
    housekeeping: async () => {
      for (const module of modules) await module.housekeeping?.(deps);
      await flows.sweepExpired();
      await sessions.sweep();
      await rateLimiter.sweep();
    },
  };
  const queue = await startQueue(
    database,
    metrics.countingFailures({ deliverMail: (id: string) => mailer.deliver(id), retention: jobs.retention, housekeeping: jobs.housekeeping, mailSweep: jobs.mailSweep }),
    {
      mailRetryDelaySeconds: options.mailRetryDelaySeconds ?? 30,
      mailAttempts: options.mailAttempts,
      pollingIntervalSeconds: options.mailPollSeconds ?? 1,
      schedule: options.schedule ?? true,
    },
  );
  mailer.bindQueue((id, executor) => queue.enqueueMail(id, executor));
  // mails left without a job (released by `pforte mail retry`, taken from a killed process, or stored
  // before jobs committed with them) are queued before the first request
  await mailer.releaseOrphans(queue.orphanedMailIds);
  await mailer.sweepUnqueued();

  const app = await createServer({ sessions, logLevel: config.LOG_LEVEL, secure, trustProxy: config.trustProxy });
  timeRequests(app, metrics);
  await app.register(async (scope) => opsRoutes(scope, { health, metrics, metricsToken: config.METRICS_TOKEN }));
  // the first portal is the address's home
  app.get('/', async (_request, reply) => seeOther(reply, `${deps.portals.all()[0]!.base}/`));
  for (const portal of deps.portals.all()) await app.register(async (scope) => mountPortal(scope, deps, portal));
  await app.register(async (scope) => authenticatorApi(scope, deps));
  await app.register(async (scope) => authenticatorAppRoutes(scope, deps));
  await app.register(async (scope) => backofficeRoutes(scope, deps, modules));
  await app.register(async (scope) => identRoutes(scope, deps));
  await app.register(async (scope) => identDevicesApi(scope, deps));
  await app.register(async (scope) => identAppRoutes(scope, deps));
  await app.register(async (scope) => identLoginRoutes(scope, deps));
  await app.register(async (scope) => epaApi(scope, deps, [epaRecordsApi, epaProtocolApi, epaRepresentationRoutes]));
  const mailboxKey = catcher ? loadMailboxKey(config) : null;
  if (catcher) await app.register(async (scope) => mailboxRoutes(scope, db, { key: mailboxKey, secure }));
  await app.ready();
  // last, so a start that fails before leaves no listener behind
  const metricsServer = config.METRICS_PORT === undefined ? null : await listenMetrics(metrics, config.METRICS_PORT);

  return {
    app,
    deps,
    database,
    queue,
    mailboxSmtpPort: catcher?.port ?? null,
    mailboxKey,
    jobs,
    health,
    metrics,
    metricsServer,
    drain: () => health.drain(),
    async close(options = {}) {
      health.drain();
      // app.close() stops taking connections at once and waits for the open ones to end. A keep-alive
      // connection whose request has been answered would stay open for its idle timeout (72 s), so idle
      // ones are closed as they become idle; requests in flight get `graceMs`, then connections still
      // open (a client that never read its answer, a half-sent upload refused early) are cut
      const reap = setInterval(() => app.server.closeIdleConnections(), 200);
      const cut = setTimeout(() => app.server.closeAllConnections(), options.graceMs ?? 3_000);
      await app.close();
      clearInterval(reap);
      clearTimeout(cut);
      // scraped until the main server is closed, so the drain's last figures can still be read
      await metricsServer?.close();
      await queue.stop();
      mailer.close();
      await catcher?.close();
      if (ownsDatabase) await database.close();
    },
  };
}
