import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import type { Sessions } from '../sessions/sessions.ts';
import { AppError, type ErrorCode } from '../errors/app-error.ts';
import { t } from '../i18n/de.ts';
import { compiled, fromProjectRoot } from '../paths.ts';
import { ErrorPage } from './error-page.tsx';
import { sendHtml } from './render.ts';
import { MAX_TOTAL_BYTES } from '../files/upload-rules.ts';
import { checkMultipartToken } from './multipart.ts';
import { languageSupport } from './language.ts';
import { securityHeaders } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route reads files with readMultipart. Only such routes accept a multipart body (its token is
     * checked as the first part, before any file); any other route refuses one, so no route can forget it.
     */
    uploads?: boolean;
    /** A route whose files may be larger than the platform's 10 MB (an ePA document: 25 MB): its own per-file limit. */
    uploadMaxBytes?: number;
    /**
     * The route never reads the session cookie: it is authenticated by a bearer token, a device signature
     * or a secret in the body (the 2-factor app's API). A forged cross-site request carries no ambient
     * authority there, so it needs no CSRF token. Every other state-changing route does.
     */
    withoutCookie?: boolean;
  }
}

/** A route as Fastify registered it: the list tests walk so that a new route cannot skip the checks. */
export interface RegisteredRoute {
  method: string;
  url: string;
  uploads: boolean;
  withoutCookie: boolean;
  /** the source folders that registered it ("src/modules/insured"), so a test can send the fields its module reads */
  folders: string[];
}

/** The folders under src/ on the stack (the server's own file left out): where a route is being registered. */
function registeringFolders(): string[] {
  // only the tests read them, and they run the TypeScript; compiled, the stack would name the .ts
  // files only through the source map, parsed whole at start for this (some 15 MB kept)
  if (compiled) return [];
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const folders = stack
    .split('\n')
    .filter((line) => !line.includes('node_modules'))
    .map((line) => /\/(src(?:\/[\w-]+)*)\/[\w.-]+\.tsx?:\d+/.exec(line)?.[1])
    .filter((f): f is string => f !== undefined && f !== 'src/core/http');
  return [...new Set(folders)];
}

const routeLists = new WeakMap<FastifyInstance, () => RegisteredRoute[]>();

/** Every route registered on the server made by createServer (HEAD routes Fastify adds for GET included). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return routeLists.get(app)?.() ?? [];
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ServerOptions {
  sessions: Sessions;
  logLevel: string;
  secure: boolean;
  /** proxies in front that append to X-Forwarded-For (0: none); only that many hops are believed, so a client cannot pick its address */
  trustProxy: number;
}

const publicDir = fileURLToPath(fromProjectRoot('public/'));

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/mailbox/api/') || request.url.startsWith('/epa/api/');
}

/** Fastify with the platform's defaults: headers, cookies, forms, uploads, CSRF, error pages. */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: 256 * 1024,
    // hop 0 is the socket's peer: the nearest proxy; the address a proxy further out wrote is not believed
    trustProxy: options.trustProxy > 0 ? (_address: string, hop: number) => hop < options.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });

  // collected before any route exists, so the list holds every route of every scope
  // (config is read when asked: a scope's own onRoute hook, which runs after this one, may still add to it)
  const routes: { method: string; options: { url: string; config?: unknown }; folders: string[] }[] = [];
  routeLists.set(app, () =>
    routes.map(({ method, options: o, folders }) => {
      const config = (o.config ?? {}) as { uploads?: boolean; withoutCookie?: boolean };
      return { method, url: o.url, uploads: config.uploads === true, withoutCookie: config.withoutCookie === true, folders };
    }),
  );
  app.addHook('onRoute', (route) => {
    const folders = registeringFolders();
    for (const method of [route.method].flat()) routes.push({ method, options: route, folders });
  });

  await securityHeaders(app, { secure: options.secure });
  await app.register(cookie);
  languageSupport(app, { secure: options.secure });
  await app.register(formbody);
  await app.register(multipart, {
    // keep what the browser sent, so a name with path parts is refused instead of silently cut
    preservePath: true,
    // the services check their own budgets (certificate: 2 files, postbox: 5); one more is read to report it
    limits: { fileSize: MAX_TOTAL_BYTES + 1, files: 6, fields: 10, fieldSize: 64 * 1024, parts: 20 },
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h', index: false });

  // CSRF: every state-changing request needs the token bound to the session cookie, whatever its
  // encoding. Urlencoded forms carry it in the body; a multipart body must start with it (checked here,
  // before any file is read) and only reaches routes that declared `uploads`; any other body (JSON,
  // text …) is refused after the token check, since no form of ours sends one. Exempt are only routes
  // that declared `withoutCookie` (see FastifyContextConfig above).
  app.addHook('preHandler', async (request) => {
    // a request no route matched changes nothing: it gets its 404
    if (!STATE_CHANGING.has(request.method) || request.is404) return;
    const config = request.routeOptions.config as { uploads?: boolean; withoutCookie?: boolean };
    if (config.withoutCookie) return;
    if (request.isMultipart()) {
      await checkMultipartToken(request, options.sessions);
      if (!config.uploads) throw new AppError('request.unsupported_type', 415);
      return;
    }
    const body = request.body;
    const token = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)._csrf : undefined;
    if (!options.sessions.verifyCsrf(request, token)) throw new AppError('csrf.invalid', 403);
    const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (body !== undefined && type !== 'application/x-www-form-urlencoded') throw new AppError('request.unsupported_type', 415);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'request.not_found', message: t('request.not_found') });
    return sendHtml(reply, ErrorPage({ code: 'request.not_found', requestId: request.id }), 404);
  });

  app.setErrorHandler(async (error, request, reply) => {
    let code: ErrorCode = 'request.internal';
    let status = 500;
    if (error instanceof AppError) {
      code = error.code;
      status = error.status;
    } else if (fastifyCode(error) === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyCode(error) === 'FST_REQ_FILE_TOO_LARGE') {
      code = 'request.too_large';
      status = 413;
    } else {
      const statusCode = clientStatus(error);
      if (statusCode !== null) {
        code = statusCode === 429 ? 'request.rate_limited' : 'request.malformed';
        status = statusCode;
      }
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    if (wantsJson(request)) {
      const fields = error instanceof AppError ? { ...error.fields, ...error.details } : {};
      const details = Object.keys(fields).length ? { details: fields } : {};
      return reply.code(status).send({ error: code, message: t(code), requestId: request.id, ...details });
    }
    return sendHtml(reply, ErrorPage({ code, requestId: request.id }), status);
  });

  return app;
}

/** Fastify's and its plugins' errors carry a `code` and a `statusCode`; anything else thrown carries neither. */
function fastifyCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** A 4xx that Fastify or a plugin decided (a malformed body, a refused content type), else null. */
function clientStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  const { statusCode } = error;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : null;
}
