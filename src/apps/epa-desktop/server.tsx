import Html from '@kitajs/html';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import type { Clock } from '../../core/clock/clock.ts';
import { systemClock } from '../../core/clock/clock.ts';
import { lockDataDir } from '../../core/control/data-dir-lock.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { ErrorPage } from '../../core/http/error-page.tsx';
import { formBody } from '../../core/http/forms.ts';
import { checkMultipartToken } from '../../core/http/multipart.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { securityHeaders } from '../../core/http/security-headers.ts';
import { t } from '../../core/i18n/de.ts';
import { fromProjectRoot } from '../../core/paths.ts';
import { articleBySlug } from './articles.tsx';
import type { Signed } from './layout.tsx';
import { INFO_PAGES } from './legal.tsx';
import { createLocalUsers, type LocalUser, type LocalUsers } from './local-users.ts';
import { createLaunchGate, LAUNCH_PATH } from './launch-gate.ts';
import { LaunchForwardPage, LaunchRequiredPage, LoginPage, NewUserPage, SignedInPage } from './local-user-pages.tsx';
import { ArticlePage, InfoPageView, KnowledgePage, OverviewPage, ProfilePage } from './overview-pages.tsx';
import { actingFor } from './representation/acting.ts';
import { softwareVersion } from './product.ts';
import { createDesktopSessions, type DesktopSessions } from './sessions.ts';
import { startNotices } from './start-notices.ts';
import { createEpaLogin } from './epa-login/section.tsx';
import { embeddedAssets, serveEmbeddedAssets } from './executable/assets.ts';

/** What a part of the client (the ePA login, Dokumente …) gets to build its screens on. */
export interface DesktopContext {
  users: LocalUsers;
  sessions: DesktopSessions;
  /** the ePA server's origin (--server) */
  server: string;
  dataDir: string;
  clock: Clock;
  /** The logged-in local user with what the header needs; undefined when nobody is (the route then sends the login). */
  signedIn(request: FastifyRequest, reply: FastifyReply): { user: LocalUser; signed: Signed } | undefined;
}

/**
 * The extension point behind the Übersicht's tile "Elektronische Patientenakte (ePA)": `entry` is
 * where the tile leads, `routes` adds the section's screens, `logout` ends what the section holds for
 * a local user when the user's session ends ("Abmelden"). The default is the ePA login of manual 003
 * §4 (epa-login/section.tsx).
 */
export interface EpaSection {
  entry: string;
  routes(app: FastifyInstance, ctx: DesktopContext): void | Promise<void>;
  logout?(user: LocalUser): Promise<void>;
}

export interface DesktopOptions {
  dataDir: string;
  server: string;
  /** 0: a free port */
  port?: number;
  clock?: Clock;
  epa?: EpaSection;
  logLevel?: string;
}

export interface Desktop {
  app: FastifyInstance;
  /** http://127.0.0.1:<port>/ (a browser the program did not open gets "Bitte öffnen Sie den ePA-Client über das Programm" there) */
  url: string;
  /** A fresh address that lets in the browser opening it (once, within 2 minutes; launch-gate.ts). */
  launchUrl(): string;
  /** the data folder (0700): where the launch page for the browser is written */
  dataDir: string;
  close(): Promise<void>;
}

const publicDir = fileURLToPath(fromProjectRoot('public/'));
const ownAssets = fileURLToPath(fromProjectRoot('src/apps/epa-desktop/assets/'));
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const overviewNotices = defineNotices('epa-desktop/uebersicht', { angelegt: 'Ihr lokaler Benutzer wurde angelegt. Sie sind angemeldet.' }, { germanOnly: true });

/** The client's own web server on 127.0.0.1: its screens, served to this computer's browser only. */
export async function startDesktop(options: DesktopOptions): Promise<Desktop> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // two copies of the program on one folder would each keep their own idea of the users' files
  const lock = lockDataDir(options.dataDir);
  let port = 0;
  const origin = () => `http://127.0.0.1:${port}`;
  const users = createLocalUsers(options.dataDir, clock);
  const sessions = createDesktopSessions(() => port);
  const gate = createLaunchGate(() => port, clock);
  const version = softwareVersion();
  const epa = options.epa ?? createEpaLogin();

  const app = Fastify({ logger: { level: options.logLevel ?? 'warn' }, bodyLimit: 64 * 1024, genReqId: () => crypto.randomUUID() });

  // Only this computer, and only by the address the program opened: a web page elsewhere that
  // points a name of its own at 127.0.0.1 (DNS rebinding) sends its own Host and is refused.
  app.addHook('onRequest', async (request, reply) => {
    const remote = request.socket.remoteAddress ?? '';
    if (!LOOPBACK.has(remote) || request.headers.host !== `127.0.0.1:${port}`) {
      return reply.code(403).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(t('epa_desktop.host_refused'));
    }
  });

  // the ePA login's first form ends at the Ident provider's login page (a redirect form-action covers);
  // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own forms
  await securityHeaders(app, { secure: false, formTargets: [new URL(options.server).origin], referrerPolicy: 'same-origin' });
  await app.register(cookie);

  // Only the browser the program opened (launch-gate.ts). Open are the style sheets, the launch address
  // itself, and the ePA login's loopback redirect: it comes from the provider's site without our
  // SameSite cookie, and its single-use state (epa-login/section.tsx) is what lets it in.
  const open = new Set([LAUNCH_PATH, '/callback']);
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && (open.has(route) || route.startsWith('/assets/'))) return;
    if (gate.admits(request)) return;
    return sendHtml(reply, <LaunchRequiredPage />, 403);
  });

  await app.register(formbody);
  // an upload ("Dokument hinzufügen") is read by the route that declared `uploads`, within its own limit
  await app.register(multipart, { preservePath: true, limits: { files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });
  const embedded = embeddedAssets(); // the single executable's copies of these folders
  if (embedded) serveEmbeddedAssets(app, embedded);
  else {
    await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h', index: false, allowedPath: (path) => path.endsWith('.css') || path.endsWith('.svg') });
    await app.register(fastifyStatic, { root: ownAssets, prefix: '/assets/epa/', maxAge: '1h', index: false, decorateReply: false });
  }

  // every form posts its CSRF token, urlencoded, from our own origin
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.is404) return;
    const from = request.headers.origin;
    if (from !== undefined && from !== origin()) throw new AppError('csrf.invalid', 403);
    // a multipart body starts with its token, checked before any file is read; only an upload route takes one
    if (request.isMultipart()) {
      await checkMultipartToken(request, sessions);
      if (!(request.routeOptions.config as { uploads?: boolean }).uploads) throw new AppError('csrf.invalid', 403);
      return;
    }
    const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new AppError('csrf.invalid', 403);
    // the token only: a form with checkboxes repeats a name, which its route reads itself
    const body = request.body;
    const token = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)._csrf : undefined;
    if (!sessions.verifyCsrf(request, token)) throw new AppError('csrf.invalid', 403);
  });

  app.setNotFoundHandler(async (request, reply) => sendHtml(reply, ErrorPage({ code: 'request.not_found', requestId: request.id }), 404));
  app.setErrorHandler(async (error, request, reply) => {
    let code: ErrorCode = 'request.internal';
    let status = 500;
    if (error instanceof AppError) {
      code = error.code;
      status = error.status;
    } else {
      const statusCode = (error as { statusCode?: unknown }).statusCode;
      if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
        code = statusCode === 413 ? 'request.too_large' : 'request.malformed';
        status = statusCode;
      }
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendHtml(reply, ErrorPage({ code, requestId: request.id }), status);
  });

  const ctx: DesktopContext = {
    users,
    sessions,
    server: options.server,
    dataDir: options.dataDir,
    clock,
    signedIn(request, reply) {
      const user = sessions.user(request);
      return user ? { user, signed: { name: user.data.name, csrf: sessions.csrfToken(request, reply), actingFor: actingFor(user)?.name } } : undefined;
    },
  };
  const signedOrNot = (request: FastifyRequest, reply: FastifyReply) => ctx.signedIn(request, reply)?.signed;

  app.get(LAUNCH_PATH, async (request, reply) => {
    // a secret used once is spent; a browser let in before may open a stale address again
    const admitted = gate.admit((request.query as Record<string, unknown>).launch, reply) || gate.admits(request);
    if (!admitted) return sendHtml(reply, <LaunchRequiredPage />, 403);
    reply.header('cache-control', 'no-store');
    // from the launch page on disk (cli.ts launchFile) the navigation is cross-site: a redirect would arrive without the new cookie
    if (request.headers['sec-fetch-site'] === 'cross-site') return sendHtml(reply, <LaunchForwardPage />);
    // the bare address, so that the secret is neither in the address bar nor in the history
    return seeOther(reply, '/');
  });

  app.get('/', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (me) return sendHtml(reply, <SignedInPage signed={me.signed} />);
    return sendHtml(reply, <LoginPage csrf={sessions.csrfToken(request, reply)} notice={startNotices.read(request)} />);
  });

  app.post('/anmelden', async (request, reply) => {
    const form = formBody(request.body);
    const name = (form.benutzername ?? '').slice(0, 200);
    const result = await users.unlock(name, (form.kennwort ?? '').slice(0, 1024));
    if (result.ok) {
      sessions.login(request, reply, result.user);
      return seeOther(reply, '/uebersicht');
    }
    const waitSeconds = 'waitMs' in result ? Math.ceil(result.waitMs / 1000) : undefined;
    const page = <LoginPage csrf={sessions.csrfToken(request, reply)} name={name} error={result.code} waitSeconds={waitSeconds} />;
    if (waitSeconds) reply.header('retry-after', String(waitSeconds));
    return sendHtml(reply, page, waitSeconds ? 429 : 400);
  });

  app.get('/benutzer-anlegen', async (request, reply) => sendHtml(reply, <NewUserPage csrf={sessions.csrfToken(request, reply)} />));

  app.post('/benutzer-anlegen', async (request, reply) => {
    const form = formBody(request.body);
    const values = { name: (form.benutzername ?? '').slice(0, 200), kennwort: form.kennwort, kennwortRepeat: form.kennwortRepeat, terms: form.terms === 'ja' };
    const result = await users.create(values);
    if (!result.ok) {
      const page = <NewUserPage csrf={sessions.csrfToken(request, reply)} name={values.name} terms={values.terms} errors={result.errors} />;
      if (result.waitMs) return sendHtml(reply.header('retry-after', String(Math.ceil(result.waitMs / 1000))), page, 429);
      return sendHtml(reply, page, result.errors.name === 'epa_desktop.users_full' ? 409 : 400);
    }
    sessions.login(request, reply, result.user);
    return seeOther(reply, overviewNotices.after('/uebersicht', 'angelegt'));
  });

  app.post('/abmelden', async (request, reply) => {
    const user = sessions.user(request);
    if (user) await epa.logout?.(user);
    sessions.logout(request, reply);
    return seeOther(reply, startNotices.after('/', 'abgemeldet'));
  });

  app.get('/uebersicht', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    return sendHtml(reply, <OverviewPage signed={me.signed} epaHref={epa.entry} notice={overviewNotices.read(request)} />);
  });

  app.get('/profil', async (request, reply) => {
    const me = ctx.signedIn(request, reply);
    if (!me) return seeOther(reply, '/');
    return sendHtml(reply, <ProfilePage signed={me.signed} version={version} createdAt={me.user.data.createdAt} dataDir={options.dataDir} server={options.server} />);
  });

  app.get('/gesundheitswissen', async (request, reply) => sendHtml(reply, <KnowledgePage signed={signedOrNot(request, reply)} />));
  app.get<{ Params: { slug: string } }>('/gesundheitswissen/:slug', async (request, reply) => {
    const article = articleBySlug(request.params.slug);
    if (!article) throw new AppError('request.not_found', 404);
    return sendHtml(reply, <ArticlePage signed={signedOrNot(request, reply)} article={article} />);
  });
  for (const page of INFO_PAGES) {
    app.get(page.path, async (request, reply) => sendHtml(reply, <InfoPageView signed={signedOrNot(request, reply)} page={page} />));
  }

  await epa.routes(app, ctx);

  try {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    lock.release();
    throw error;
  }
  port = (app.server.address() as { port: number }).port;
  return {
    app,
    url: `${origin()}/`,
    launchUrl: () => `${origin()}${gate.launchPath()}`,
    dataDir: options.dataDir,
    async close() {
      await app.close();
      lock.release();
    },
  };
}
