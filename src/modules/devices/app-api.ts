import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { jsonObject } from '../../core/http/input.ts';
import { bearerToken as bearer, withoutCookies } from '../../core/http/bearer.ts';

const ACTIVATE_LIMIT = { points: 20, windowMs: 60 * 60_000 };
const LOGIN_LIMIT = { points: 60, windowMs: 10 * 60_000 };
/** every challenge is a row until it expires (2 minutes): an address gets as many as logins it may try */
const CHALLENGE_LIMIT = { points: 60, windowMs: 10 * 60_000 };

/** What the app shows of a waiting login: its code, or only that the code timed out. */
function codeView(pending: { code: string; expiresAt: string; expired: boolean; startedAt: string }) {
  return { pending: true, code: pending.expired ? null : pending.code, expiresAt: pending.expiresAt, expired: pending.expired, startedAt: pending.startedAt };
}

/**
 * The JSON API of the 2-factor app (PWA and terminal program alike):
 * activate a device, log in with a signed nonce and the PIN, read and refresh the security code.
 */
export async function authenticatorApi(app: FastifyInstance, deps: PlatformDeps) {
  const { devices, login, rateLimiter } = deps;
  const base = '/api/authenticator';
  withoutCookies(app);

  app.post(`${base}/activate`, async (request, reply) => {
    await rateLimiter.enforce(`activate:ip:${request.ip}`, ACTIVATE_LIMIT);
    const b = jsonObject(request);
    const result = await devices.activate({ email: b.email, activationCode: b.activationCode, publicKey: b.publicKey, pin: b.pin, kind: b.kind }, request.ip);
    return reply.code(201).send(result);
  });

  app.post(`${base}/challenge`, async (request) => {
    await rateLimiter.enforce(`challenge:ip:${request.ip}`, CHALLENGE_LIMIT);
    return devices.challenge();
  });

  app.post(`${base}/login`, async (request) => {
    await rateLimiter.enforce(`applogin:ip:${request.ip}`, LOGIN_LIMIT);
    const b = jsonObject(request);
    return devices.login({ deviceId: b.deviceId, nonce: b.nonce, signature: b.signature, pin: b.pin }, request.ip);
  });

  app.get(`${base}/code`, async (request) => {
    const session = await devices.authenticate(bearer(request));
    const pending = await login.pendingCode(session.accountId);
    return pending ? codeView(pending) : { pending: false };
  });

  // "Akzeptieren" (manual 001 step 5): after the login data were entered again on the login page,
  // the new login's code at once instead of at the next poll. It never revives a timed-out code.
  app.post(`${base}/accept`, async (request) => {
    const session = await devices.authenticate(bearer(request));
    const pending = await login.pendingCode(session.accountId);
    if (!pending) throw new AppError('app.no_pending_login', 404);
    return codeView(pending);
  });

  app.post(`${base}/logout`, async (request, reply) => {
    await devices.logout(bearer(request));
    return reply.code(204).send();
  });
}
