import type { FastifyInstance } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { jsonObject } from '../../core/http/input.ts';
import { bearerToken, withoutCookies } from '../../core/http/bearer.ts';

export const IDENT_API = '/api/ident';

/** Per address, on top of the attempt limits per KVNR and per address that the letter's code has. */
const ACTIVATE_LIMIT = { points: 20, windowMs: 60 * 60_000 };
const LOGIN_LIMIT = { points: 60, windowMs: 10 * 60_000 };
/** every challenge is a row until it expires (2 minutes): an address gets as many as logins it may try */
const CHALLENGE_LIMIT = { points: 60, windowMs: 10 * 60_000 };

/**
 * The JSON API of the AOK Ident app (PWA and terminal program alike): activate a device, open "Geräte"
 * with the device key and the GesundheitsID-Code, list and remove devices. No route reads a cookie.
 * The approval of a login request is the service's `approve`, which the QR login's routes call.
 */
export async function identDevicesApi(app: FastifyInstance, deps: PlatformDeps) {
  const { identDevices, rateLimiter } = deps;
  withoutCookies(app);

  app.post(`${IDENT_API}/activate`, async (request, reply) => {
    await rateLimiter.enforce(`ident-activate:ip:${request.ip}`, ACTIVATE_LIMIT);
    const b = jsonObject(request);
    const input = { kvnr: b.kvnr, activationCode: b.activationCode, pin: b.pin, publicKey: b.publicKey, kind: b.kind, name: b.name };
    return reply.code(201).send(await identDevices.activate(input, { ip: request.ip, userAgent: request.headers['user-agent'] }));
  });

  app.post(`${IDENT_API}/challenge`, async (request) => {
    await rateLimiter.enforce(`ident-challenge:ip:${request.ip}`, CHALLENGE_LIMIT);
    const b = jsonObject(request);
    return identDevices.challenge(b.deviceId, b.purpose);
  });

  app.post(`${IDENT_API}/login`, async (request) => {
    await rateLimiter.enforce(`ident-login:ip:${request.ip}`, LOGIN_LIMIT);
    const b = jsonObject(request);
    return identDevices.login({ deviceId: b.deviceId, nonce: b.nonce, signature: b.signature, pin: b.pin }, request.ip);
  });

  app.get(`${IDENT_API}/devices`, async (request) => ({ devices: await identDevices.list(bearerToken(request)) }));

  app.post(`${IDENT_API}/devices/remove`, async (request, reply) => {
    const b = jsonObject(request);
    await identDevices.remove(bearerToken(request), { deviceId: b.deviceId, nonce: b.nonce, signature: b.signature, remove: b.remove }, request.ip);
    return reply.code(204).send();
  });

  app.post(`${IDENT_API}/logout`, async (request, reply) => {
    await identDevices.logout(bearerToken(request));
    return reply.code(204).send();
  });
}
