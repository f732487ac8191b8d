import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { jsonObject } from '../../core/http/input.ts';
import { seeOther } from '../../core/http/render.ts';
import { withoutCookies } from '../../core/http/bearer.ts';
import { identPath } from '../ident-provider/paths.ts';
import type { LoginRequestView } from '../ident-provider/pages.tsx';
import { QrLogin, renewPath, statusPath } from './page.tsx';
import type { Requester } from './requests.ts';
import { LOGIN_REQUEST_API } from './link.ts';

/** The page's script; without it the page works with "Weiter". */
export const LOGIN_PAGE_SCRIPT = '/assets/build/ident-login.js';

function requester(request: FastifyRequest, view: LoginRequestView): Requester {
  return { clientId: view.clientId, clientName: view.clientName, ip: request.ip, userAgent: request.headers['user-agent'] };
}

/** The QR code's part of the login page `view` (a new request when it has none yet). */
export async function qrPart(deps: PlatformDeps, request: FastifyRequest, view: LoginRequestView, csrf: string): Promise<string> {
  const page = await deps.identLogin.forPage(view.uid, requester(request, view));
  return QrLogin({ uid: view.uid, page, brand: deps.config.INSURER_BRAND, publicUrl: deps.config.publicUrl, csrf });
}

/**
 * The QR login's routes. The page's two (its request's state, a new QR code) answer only the browser
 * that started the login: the provider finds the login by that browser's cookie. The app's answer with
 * JSON and read no cookie; the request id or short code finds the login, the device's signature answers it.
 */
export async function identLoginRoutes(app: FastifyInstance, deps: PlatformDeps) {
  const { ident, identLogin } = deps;

  async function ownLogin(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply): Promise<LoginRequestView> {
    const view = await ident.loginRequest(request.raw, reply.raw, request.params.uid);
    if (!view) throw new AppError('ident.login_expired', 404);
    return view;
  }

  app.get<{ Params: { uid: string }; Querystring: { request?: string } }>(statusPath(':uid'), async (request, reply) => {
    const view = await ownLogin(request, reply);
    const status = await identLogin.status(view.uid, request.query.request);
    if (!status) throw new AppError('ident.login_expired', 404);
    return reply.header('cache-control', 'no-store').send(view.returnTo ? { ...status, state: 'approved' } : status);
  });

  app.post<{ Params: { uid: string } }>(renewPath(':uid'), async (request, reply) => {
    const view = await ownLogin(request, reply);
    if (!view.returnTo) await identLogin.renew(view.uid, requester(request, view));
    return seeOther(reply, identPath(`/interaction/${view.uid}`));
  });

  await app.register(async (api) => {
    withoutCookies(api);
    api.post(LOGIN_REQUEST_API, async (request) => {
      const b = jsonObject(request);
      return identLogin.lookup(b.code !== undefined ? { code: b.code } : { id: b.id }, request.ip);
    });
    api.post(`${LOGIN_REQUEST_API}/challenge`, async (request) => {
      const b = jsonObject(request);
      return identLogin.challenge(b.id, b.deviceId, b.purpose, request.ip);
    });
    api.post(`${LOGIN_REQUEST_API}/approve`, async (request) => {
      const b = jsonObject(request);
      return identLogin.approve({ id: b.id, number: b.number, deviceId: b.deviceId, nonce: b.nonce, signature: b.signature, pin: b.pin }, request.ip);
    });
    api.post(`${LOGIN_REQUEST_API}/decline`, async (request, reply) => {
      const b = jsonObject(request);
      await identLogin.decline({ id: b.id, deviceId: b.deviceId, nonce: b.nonce, signature: b.signature }, request.ip);
      return reply.code(204).send();
    });
  });
}
