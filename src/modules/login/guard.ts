import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { seeOther } from '../../core/http/render.ts';

/**
 * A portal's account guard: the signed-in account of this portal, or null after sending the
 * browser to a fresh login that says a login is needed. Every portal's definition carries one.
 */
export function accountGuard(deps: Pick<PlatformDeps, 'sessions' | 'login'>, portal: { key: string; base: string }) {
  return async function requireAccount(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const session = await deps.sessions.load(request);
    if (session && session.portal === portal.key && session.accountId) return session.accountId;
    const flow = await deps.login.start(portal.key);
    await seeOther(reply, `${portal.base}/login?flow=${flow.id}&hinweis=${encodeURIComponent('login.required')}`);
    return null;
  };
}
