import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import type { Sessions } from '../sessions/sessions.ts';
import { AppError } from '../errors/app-error.ts';
import { t } from '../i18n/de.ts';
import { ErrorPage } from './error-page.tsx';
import { sendHtml } from './render.ts';
import { MAX_TOTAL_BYTES } from '../files/upload-rules.ts';

export interface ServerOptions {
  sessions: Sessions;
  logLevel: string;
  secure: boolean;
  /** only behind a load balancer that sets X-Forwarded-For; otherwise clients could pick their IP */
  trustProxy: boolean;
}

const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url));

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/mailbox/api/');
}

/** Fastify with the platform's defaults: headers, cookies, forms, uploads, CSRF, error pages. */
export async function createServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, {
    // keep what the browser sent, so a name with path parts is refused instead of silently cut
    preservePath: true,
    // the services check their own budgets (certificate: 2 files, postbox: 5); one more is read to report it
    limits: { fileSize: MAX_TOTAL_BYTES + 1, files: 6, fields: 10, fieldSize: 64 * 1024, parts: 20 },
  });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/assets/', maxAge: '1h', index: false });

  // CSRF: every state-changing urlencoded form carries the token bound to the session cookie.
  // Multipart forms are checked by their route, which reads the token field before any file.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || wantsJson(request)) return;
    if (request.isMultipart()) return;
    const token = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!options.sessions.verifyCsrf(request, token)) throw new AppError('csrf.invalid', 403);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'request.not_found', message: t('request.not_found') });
    return sendHtml(reply, ErrorPage({ code: 'request.not_found', requestId: request.id }), 404);
  });

  app.setErrorHandler(async (error, request, reply) => {
    let code = 'request.internal';
    let status = 500;
    if (error instanceof AppError) {
      code = error.code;
      status = error.status;
    } else if ((error as any).code === 'FST_ERR_CTP_BODY_TOO_LARGE' || (error as any).code === 'FST_REQ_FILE_TOO_LARGE') {
      code = 'request.too_large';
      status = 413;
    } else if (typeof (error as any).statusCode === 'number' && (error as any).statusCode >= 400 && (error as any).statusCode < 500) {
      code = (error as any).statusCode === 429 ? 'request.rate_limited' : 'request.malformed';
      status = (error as any).statusCode;
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, status }, 'request refused');
    if (wantsJson(request)) {
      const details = error instanceof AppError && Object.keys(error.fields).length ? { details: error.fields } : {};
      return reply.code(status).send({ error: code, message: t(code), requestId: request.id, ...details });
    }
    return sendHtml(reply, ErrorPage({ code, requestId: request.id }), status);
  });

  return app;
}
