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
import type { PortalProfiles } from './core/portal/profile.ts';
import { arbeitgeberRoutes } from './portals/arbeitgeber/routes.tsx';
import { partnerRoutes } from './portals/partner/routes.tsx';
import { createDevices } from './modules/devices/devices.ts';
import { createLoginService } from './modules/login/service.ts';
import { createPasswordReset } from './modules/password-reset/service.ts';
import { createDeviceResets } from './modules/devices/device-reset.ts';
import { createStaff } from './portals/backoffice/staff/service.ts';
import { createPostbox } from './modules/postbox/service.ts';
import { createCompanyUsers } from './modules/users/service.ts';
import { createEavis } from './modules/eavis/service.ts';
import { createProviderIks } from './modules/provider-iks/service.ts';
import { createIkRegister } from './modules/ik-register/service.ts';
import { backofficeRoutes } from './portals/backoffice/routes.tsx';
import { authenticatorApi } from './modules/devices/app-api.ts';
import { authenticatorAppRoutes } from './apps/authenticator/routes.tsx';
import { setCatalogueBrand } from './core/i18n/catalogue.ts';

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
  close(): Promise<void>;
}

/** Wires the whole system: database → migrations → mail → jobs → HTTP. main.ts and the tests both start here. */
export async function startSystem(config: Config, options: SystemOptions = {}): Promise<System> {
  const secrets = loadSecrets(config);
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
  const audit = createAudit(db, clock);
  const flows = createFlowEngine(db, clock, secrets.sessionSecret);
  const rateLimiter = createRateLimiter(db, clock);
  const secure = config.publicUrl.startsWith('https:');
  const sessions = createSessions(db, clock, { secret: secrets.sessionSecret, secure });
  const hmacKey = secrets.sessionSecret;
  const devices = createDevices({ db, clock, audit, flows, hmacKey });
  const portals: PortalProfiles = new Map();
  const ikRegister = createIkRegister({ db, clock, audit, config });
  const login = createLoginService({ db, clock, audit, flows, rateLimiter, hmacKey });
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
    login,
    passwordReset: createPasswordReset({ db, clock, audit, flows, mailer, rateLimiter, hmacKey }),
    deviceResets: createDeviceResets({ db, clock, audit }),
    staff: createStaff({ db, clock, audit, key: secrets.fileKey, insurerIds: config.insurers.map((i) => i.id) }),
    portals,
    postbox: createPostbox({ db, clock, audit, mailer, key: secrets.fileKey }),
    companyUsers: createCompanyUsers({ db, clock, audit, flows, mailer, devices }),
    // the portals fill this map when their routes start; services read it when they make a mail
    eavis: createEavis({ db, clock, audit, mailer, config, insurers: config.insurers, portals }),
    ikRegister,
    providerIks: createProviderIks({ db, clock, audit, mailer, key: secrets.fileKey, ikRegister }),
  };

  const jobs = {
    retention: () => runRetention({ db, clock, audit }),
    mailSweep: () => mailer.sweepUnqueued(),
    housekeeping: async () => {
      await deps.companyUsers.sweepExpired();
      // IK requests without a certificate end after 30 days; requests of an IK activated for another provider are refused
      await deps.providerIks.sweepExpiredRequests();
      const ikMail = portals.get('partner')?.ikDecisionMail;
      if (ikMail) await deps.providerIks.settleCompeting((input) => ikMail({ ...input, insurerName: config.insurers.find((i) => i.id === input.insurerId)?.name ?? '' }));
      await flows.sweepExpired();
      await sessions.sweep();
      await rateLimiter.sweep();
      await login.sweepAttempts();
    },
  };
  const queue = await startQueue(
    database,
    { deliverMail: (id) => mailer.deliver(id), retention: jobs.retention, housekeeping: jobs.housekeeping, mailSweep: jobs.mailSweep },
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
  app.get('/', async (_request, reply) => seeOther(reply, '/arbeitgeber/'));
  await app.register(async (scope) => arbeitgeberRoutes(scope, deps));
  await app.register(async (scope) => partnerRoutes(scope, deps));
  await app.register(async (scope) => authenticatorApi(scope, deps));
  await app.register(async (scope) => authenticatorAppRoutes(scope, deps));
  await app.register(async (scope) => backofficeRoutes(scope, deps));
  const mailboxKey = catcher ? loadMailboxKey(config) : null;
  if (catcher) await app.register(async (scope) => mailboxRoutes(scope, db, { key: mailboxKey, secure }));
  await app.ready();

  return {
    app,
    deps,
    database,
    queue,
    mailboxSmtpPort: catcher?.port ?? null,
    mailboxKey,
    jobs,
    async close() {
      // requests in flight get a few seconds; then connections still open (a client that never
      // read its answer, a half-sent upload refused early) are cut instead of holding the shutdown
      const cut = setTimeout(() => app.server.closeAllConnections(), 3_000);
      await app.close();
      clearTimeout(cut);
      await queue.stop();
      mailer.close();
      await catcher?.close();
      if (ownsDatabase) await database.close();
    },
  };
}
