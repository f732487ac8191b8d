import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';
import { t } from '../../core/i18n/de.ts';
import { jsonObject } from '../../core/http/input.ts';
import { withoutCookies } from '../../core/http/bearer.ts';
import { berlinTime } from './mails.ts';
import type { EpaAccess } from './service.ts';

/** Where the record service's JSON API is mounted. */
export const EPA_API = '/epa/api/v1';

/**
 * Routes another module adds to the record API (documents, Protokoll, representation): they get the
 * API's scope (paths relative to EPA_API, JSON errors, no cookies, no CSRF token) and the access
 * service, whose `requireDevice(request)` is the guard every record route calls first.
 */
export type EpaRoutes = (api: FastifyInstance, access: EpaAccess, deps: PlatformDeps) => Promise<void> | void;

/** The `WWW-Authenticate` challenge of a refused login (RFC 9449 §7.1), by our code. */
const CHALLENGES: Partial<Record<ErrorCode, string>> = {
  'epa.token_missing': 'DPoP algs="ES256"',
  'epa.token_invalid': 'DPoP error="invalid_token", algs="ES256"',
  'epa.token_expired': 'DPoP error="invalid_token", error_description="expired", algs="ES256"',
  'epa.proof_invalid': 'DPoP error="invalid_dpop_proof", algs="ES256"',
  'epa.proof_replayed': 'DPoP error="invalid_dpop_proof", error_description="replayed", algs="ES256"',
};

/** The message of a refusal; a wait names its end ("… ab 07.12.2026, 21:47 Uhr …"). */
function messageOf(error: AppError): string {
  const until = error.details.until ? new Date(error.details.until) : null;
  if (error.code === 'epa.registration_wait' && until) return `${t(error.code)} Sie können ab ${berlinTime(until)} ein Gerät erneut freischalten.`;
  if (error.code === 'epa.code_locked' && until) return `${t(error.code)} Sie können ab ${berlinTime(until)} wieder ein Gerät freischalten.`;
  return t(error.code);
}

/** A refusal as JSON, with its challenge or Retry-After; anything else goes on to the server's handler. */
async function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (!(error instanceof AppError)) throw error;
  const challenge = CHALLENGES[error.code];
  if (challenge) reply.header('www-authenticate', challenge);
  if (error.details.retryAfter) reply.header('retry-after', error.details.retryAfter);
  if (error.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: error.code, status: error.status }, 'request refused');
  const fields = { ...error.fields, ...error.details };
  return reply.code(error.status).send({ error: error.code, message: messageOf(error), requestId: request.id, ...(Object.keys(fields).length ? { details: fields } : {}) });
}

/** The device routes of "Endgerät freischalten" and "Registrierte Geräte". */
function deviceRoutes(api: FastifyInstance, access: EpaAccess) {
  /** Who calls and whether this device is unlocked: what the client asks after each Ident login. */
  api.get('/session', async (request) => {
    const caller = await access.authenticate(request);
    return { kvnr: caller.kvnr, device: caller.deviceId ? { id: caller.deviceId, name: caller.deviceName } : null };
  });

  api.post('/devices', async (request, reply) => {
    const caller = await access.authenticate(request);
    const b = jsonObject(request);
    return reply.code(201).send(await access.register(caller, { name: b.name }, request.ip, request.headers['user-agent']));
  });

  api.post('/devices/confirm', async (request) => {
    const caller = await access.authenticate(request);
    const b = jsonObject(request);
    return access.confirm(caller, { code: b.code }, request.ip);
  });

  api.get('/devices', async (request) => {
    const caller = await access.requireDevice(request);
    return { devices: await access.list(caller) };
  });

  api.patch<{ Params: { id: string } }>('/devices/:id', async (request) => {
    const caller = await access.requireDevice(request);
    const b = jsonObject(request);
    return { device: await access.rename(caller, request.params.id, { name: b.name }, request.ip) };
  });

  api.delete<{ Params: { id: string } }>('/devices/:id', async (request, reply) => {
    const caller = await access.requireDevice(request);
    await access.remove(caller, request.params.id, request.ip);
    return reply.code(204).send();
  });
}

/**
 * The ePA record service's API at /epa/api/v1 (issue 15 §5): a scope of its own whose refusals are
 * JSON with `WWW-Authenticate: DPoP …` where the login is at fault. The device routes are this
 * module's; `more` are other modules' routes in the same scope (see EpaRoutes).
 */
export async function epaApi(app: FastifyInstance, deps: PlatformDeps, more: readonly EpaRoutes[] = []) {
  await app.register(
    async (api) => {
      withoutCookies(api);
      api.setErrorHandler(answerError);
      deviceRoutes(api, deps.epaAccess);
      for (const routes of more) await routes(api, deps.epaAccess, deps);
    },
    { prefix: EPA_API },
  );
}
