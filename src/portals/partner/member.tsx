import Html from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { MemberNeed, PortalMember } from '../../core/portal/member.ts';
import type { AccountGuard, MemberGuard } from '../../core/portal/definition.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { t } from '../../core/i18n/de.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { Notice } from '../../core/ui/components.tsx';
import { BASE, PORTAL } from './context.ts';

/**
 * The signed-in member of a provider, or null after answering: a redirect to the login when nobody
 * is signed in; a 403 page when `need` is 'admin' and the member is no LE-Admin, or 'advices' and
 * the member may not see payment advices.
 */
export function partnerMemberGuard(
  deps: Pick<PlatformDeps, 'db' | 'sessions'>,
  chrome: PortalChrome,
  requireAccount: AccountGuard,
): MemberGuard {
  const { db, sessions } = deps;
  return async function requireMember(request: FastifyRequest, reply: FastifyReply, need?: MemberNeed): Promise<PortalMember | null> {
    const accountId = await requireAccount(request, reply);
    if (!accountId) return null;
    const row = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'first_name', 'last_name', 'company', 'role', 'advice_access', 'status'])
      .where('id', '=', accountId)
      .where('portal', '=', PORTAL)
      .executeTakeFirst();
    if (!row || row.status !== 'active' || !row.company) {
      await sessions.end(request, reply);
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    const member: PortalMember = {
      accountId: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      company: row.company,
      role: row.role === 'admin' ? 'admin' : 'user',
      adviceAccess: row.role === 'admin' || row.advice_access,
    };
    if ((need === 'admin' && member.role !== 'admin') || (need === 'advices' && !member.adviceAccess)) {
      await sendHtml(
        reply,
        <Layout title="Keine Berechtigung" chrome={chrome}>
          <h1>Keine Berechtigung</h1>
          <Notice kind="warning">
            <p>{t(need === 'admin' ? 'partner.admin_only' : 'partner.advices_only')}</p>
          </Notice>
          <p>
            <a href={`${BASE}/startseite`}>Zur Startseite</a>
          </p>
        </Layout>,
        403,
      );
      return null;
    }
    return member;
  };
}
