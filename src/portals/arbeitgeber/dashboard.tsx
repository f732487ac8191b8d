import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import type { PlatformDeps } from '../../core/deps.ts';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { AccountCard, DashboardHead } from '../../modules/login/pages.tsx';
import { sendHtml } from '../../core/http/render.ts';
import { PostboxCard } from '../../modules/postbox/pages.tsx';
import { postboxCompany } from '../../modules/postbox/portal-routes.tsx';
import { BASE, PORTAL } from './chrome.ts';

/** Manual 001 step 6: "Startseite von Mein AOK Arbeitgeberservice – Dashboard". */
export async function dashboardRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  guards: PortalGuards,
) {
  const pre = portalPreHandlers(guards);
  app.get(`${BASE}/startseite`, { preHandler: pre.account }, async (request, reply) => {
    const accountId = request.accountId;
    const row = await deps.db
      .selectFrom('accounts')
      .select(['email', 'title', 'first_name', 'last_name', 'previous_login_at', 'role', 'company as identifier', 'company_insurer_id as insurer_id'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const name = [row.title, row.first_name, row.last_name].filter(Boolean).join(' ');
    const company = postboxCompany(PORTAL, { company: row.identifier, company_insurer_id: row.insurer_id });
    const unread = company ? await deps.postbox.unreadCount(company, `account:${accountId}`) : 0;
    const insurer = deps.insurers.find((i) => i.id === row.insurer_id)?.name ?? '';
    return sendHtml(
      reply,
      <DashboardPage
        chrome={chrome}
        csrf={deps.sessions.csrfToken(request, reply)}
        name={name}
        email={row.email}
        insurer={insurer}
        betriebsnummer={row.identifier ?? ''}
        lastLogin={row.previous_login_at ? new Date(row.previous_login_at) : null}
        unread={unread}
        isAdmin={row.role === 'admin'}
      />,
    );
  });
}

/** Manual 001 step 6: the dashboard. */
export function DashboardPage(props: {
  chrome: PortalChrome;
  csrf: string;
  name: string;
  email: string;
  insurer: string;
  betriebsnummer: string;
  lastLogin: Date | null;
  unread: number;
  isAdmin: boolean;
}) {
  return (
    <Layout title="Startseite" chrome={props.chrome}>
      <DashboardHead chrome={props.chrome} csrf={props.csrf} />
      <p>
        Willkommen, <strong safe>{props.name}</strong>.
      </p>
      <PostboxCard base={BASE} unread={props.unread} />
      {props.isAdmin ? (
        <section class="card" aria-labelledby="users-title">
          <h2 id="users-title">Nutzerverwaltung</h2>
          <p>Laden Sie weitere Mitarbeiterinnen und Mitarbeiter Ihres Unternehmens ein und verwalten Sie deren Zugänge.</p>
          <a class="button button--secondary" href={`${BASE}/nutzer`}>
            Nutzer verwalten
          </a>
        </section>
      ) : (
        ''
      )}
      <AccountCard
        email={props.email}
        identifier={{ label: 'Betriebsnummer', value: props.betriebsnummer }}
        brand={props.chrome.registration?.brand ?? 'AOK'}
        insurer={props.insurer}
        lastLogin={props.lastLogin}
      />
    </Layout>
  );
}
