import type { FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { signedInChrome } from './pages.tsx';

// a page asks once per request, whichever of its parts asks
const answered = new WeakMap<FastifyRequest, Promise<PortalChrome>>();

/**
 * The header of a portal's page for whoever opens it: while an account of the portal is signed in,
 * the header of its role ("Konto", an employer's "Stellenverwaltung"); otherwise the public one with
 * "Login". It only reads: one session read (none without a cookie) and the account's role, and it
 * sets no cookie, so an anonymous visit stays as anonymous as before.
 */
export function chromeFor(deps: Pick<PlatformDeps, 'db' | 'sessions'>, portal: Pick<PortalDefinition, 'key' | 'chrome'>) {
  async function resolve(request: FastifyRequest): Promise<PortalChrome> {
    const session = await deps.sessions.load(request);
    if (!session || session.portal !== portal.key || !session.accountId) return portal.chrome;
    const account = await deps.db.selectFrom('accounts').select('role').where('id', '=', session.accountId).where('portal', '=', portal.key).executeTakeFirst();
    return account ? signedInChrome(portal.chrome, account.role) : portal.chrome;
  }
  return function chrome(request: FastifyRequest): Promise<PortalChrome> {
    let found = answered.get(request);
    if (!found) answered.set(request, (found = resolve(request)));
    return found;
  };
}
