import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { isId } from '../../core/ids/secrets.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { guard } from '../../core/http/guards.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { invitationMail, invitationToExistingMail } from '../registration/mails.ts';
import { LinkProblemPage } from '../registration/pages/wizard.tsx';
import { ActivationCodePage } from '../registration/pages/device.tsx';
import { salutations, titles } from '../registration/form.ts';
import { AcceptInvitationPage, UsersPage } from './pages.tsx';

const INVITE_LIMIT = { points: 20, windowMs: 60 * 60_000 };
/** After a redirect to the Nutzerverwaltung. */
const userNotices = defineNotices('users', {
  eingeladen: 'Die Einladung wurde per E-Mail versendet. Sie ist 7 Tage gültig.',
  gesperrt: 'Der Nutzer ist gesperrt; seine Sitzungen wurden beendet.',
  entsperrt: 'Der Nutzer ist entsperrt.',
  entfernt: 'Der Nutzer wurde entfernt.',
  'admin-gegeben': 'Der Nutzer hat jetzt Administrationsrechte.',
  'admin-entzogen': 'Die Administrationsrechte wurden entzogen.',
  'recht-gegeben': 'Der Nutzer darf jetzt Zahlungsavise abrufen.',
  'recht-entzogen': 'Der Nutzer darf keine Zahlungsavise mehr abrufen.',
});
type UserNotice = (typeof userNotices.codes)[number];

/** Nutzerverwaltung of the company administrator, and accepting an invitation. */
export async function userRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const { chrome, base: BASE, key: PORTAL } = portal;
  const features = portal.users ?? { adminRights: false, adviceRight: false };
  const { companyUsers, sessions, config, db, rateLimiter } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  async function admin(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    const session = await sessions.load(request);
    if (!session || session.portal !== PORTAL || !session.accountId) {
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    return session.accountId;
  }
  const signedIn = guard('accountId', admin);

  const page = async (request: FastifyRequest, reply: FastifyReply, adminId: string, extra: { email?: string; error?: string; notice?: string; actionError?: string } = {}, status = 200) =>
    sendHtml(reply, <UsersPage chrome={chrome} csrf={csrf(request, reply)} users={await companyUsers.list(adminId)} features={features} {...extra} />, status);

  app.get(`${BASE}/nutzer`, { preHandler: signedIn }, async (request, reply) => {
    const adminId = request.accountId;
    return page(request, reply, adminId, { notice: userNotices.read(request) });
  });

  app.post(`${BASE}/nutzer`, { preHandler: signedIn }, async (request, reply) => {
    const adminId = request.accountId;
    await rateLimiter.enforce(`invite:account:${adminId}`, INVITE_LIMIT);
    const { values, errors, body } = parseForm(request, { email: input.email });
    if (!values.email) return page(request, reply, adminId, { email: (body.email ?? '').slice(0, 254), error: errors.email }, 422);
    const me = await db.selectFrom('accounts').select(['first_name', 'last_name']).where('id', '=', adminId).executeTakeFirstOrThrow();
    const adminName = `${me.first_name} ${me.last_name}`;
    await companyUsers.invite(
      adminId,
      values.email,
      {
        invitation: (link) => invitationMail(portal.words, { adminName, link }),
        toExisting: () => invitationToExistingMail(portal.words, { adminName, loginUrl: `${config.publicUrl}${BASE}/login` }),
      },
      (token) => `${config.publicUrl}${BASE}/einladung?token=${token}`,
      request.ip,
    );
    return seeOther(reply, userNotices.after(`${BASE}/nutzer`, 'eingeladen'));
  });

  const actions: [string, (a: string, u: string, ip: string) => Promise<void>, UserNotice][] = [
    ['sperren', (a, u, ip) => companyUsers.setLocked(a, u, true, ip), 'gesperrt'],
    ['entsperren', (a, u, ip) => companyUsers.setLocked(a, u, false, ip), 'entsperrt'],
    ['entfernen', (a, u, ip) => companyUsers.remove(a, u, ip), 'entfernt'],
  ];
  if (features.adminRights) {
    actions.push(['admin-geben', (a, u, ip) => companyUsers.setRole(a, u, 'admin', ip), 'admin-gegeben']);
    actions.push(['admin-entziehen', (a, u, ip) => companyUsers.setRole(a, u, 'user', ip), 'admin-entzogen']);
  }
  if (features.adviceRight) {
    actions.push(['zahlungsavise-geben', (a, u, ip) => companyUsers.setAdviceAccess(a, u, true, ip), 'recht-gegeben']);
    actions.push(['zahlungsavise-entziehen', (a, u, ip) => companyUsers.setAdviceAccess(a, u, false, ip), 'recht-entzogen']);
  }
  for (const [path, run, notice] of actions) {
    app.post(`${BASE}/nutzer/:id/${path}`, { preHandler: signedIn }, async (request, reply) => {
      const adminId = request.accountId;
      const id = (request.params as { id: string }).id;
      if (!isId(id)) throw new AppError('request.not_found', 404);
      try {
        await run(adminId, id, request.ip);
      } catch (error) {
        // a rule that stops the action (last administrator, a lock by the insurer): the list with the reason
        if (error instanceof AppError && error.status === 409) return page(request, reply, adminId, { actionError: error.code }, 409);
        throw error;
      }
      if (id === adminId && (path === 'entfernen' || path === 'admin-entziehen')) {
        await sessions.end(request, reply);
        return seeOther(reply, `${BASE}/`);
      }
      return seeOther(reply, userNotices.after(`${BASE}/nutzer`, notice));
    });
  }

  app.get(`${BASE}/einladung`, async (request, reply) => {
    const q = parseQuery(request, { token: input.one, flow: input.one });
    if (q.token !== undefined) {
      try {
        const flow = await companyUsers.openInvitation(q.token);
        return seeOther(reply, `${BASE}/einladung?flow=${flow.id}`);
      } catch (error) {
        if (error instanceof AppError && error.code.startsWith('token.')) {
          return sendHtml(reply, <LinkProblemPage chrome={chrome} csrf={csrf(request, reply)} code={error.code} />, error.status);
        }
        throw error;
      }
    }
    const flow = await companyUsers.loadInvitation(q.flow);
    // after accepting, within the flow's hour: the button makes a code for the first device
    if (flow.state === 'done') return codePage(request, reply, flow, null, await deps.devices.hasDeviceInUse(flow.data.accountId));
    return sendHtml(reply, <AcceptInvitationPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} email={flow.data.email} />);
  });

  const codePage = (request: FastifyRequest, reply: FastifyReply, flow: { id: string; data: { email: string } }, code: string | null, registered: boolean) =>
    sendHtml(
      reply,
      <ActivationCodePage
        chrome={chrome}
        brand={config.INSURER_BRAND}
        csrf={csrf(request, reply)}
        action={`${BASE}/einladung/aktivierungscode?flow=${encodeURIComponent(flow.id)}`}
        email={flow.data.email}
        code={code}
        registered={registered}
        next={`${BASE}/login`}
      />,
      registered && code === null && request.method === 'POST' ? 409 : 200,
    );

  // never by opening the page: the code comes from the button (POST, CSRF), and not once a device is registered
  app.post(`${BASE}/einladung/aktivierungscode`, async (request, reply) => {
    const flow = await companyUsers.loadInvitation(parseQuery(request, { flow: input.one }).flow);
    const code = await companyUsers.activationCode(flow);
    return codePage(request, reply, flow, code, code === null);
  });

  app.post(`${BASE}/einladung`, async (request, reply) => {
    const flow = await companyUsers.loadInvitation(parseQuery(request, { flow: input.one }).flow);
    const form = parseForm(request, { firstName: input.text({ max: 100 }), lastName: input.text({ max: 100 }) });
    const { body } = form;
    const errors: Record<string, string> = {};
    if (!(salutations as readonly string[]).includes(body.salutation ?? '')) errors.salutation = body.salutation ? 'field.invalid_choice' : 'field.required';
    if (body.title && !(titles as readonly string[]).includes(body.title)) errors.title = 'field.invalid_choice';
    Object.assign(errors, form.errors);
    const { firstName, lastName } = form.values;
    const values = { salutation: (body.salutation ?? '').slice(0, 20), title: (body.title ?? '').slice(0, 20), firstName: (body.firstName ?? '').slice(0, 200), lastName: (body.lastName ?? '').slice(0, 200) };
    const again = (status: number) =>
      sendHtml(reply, <AcceptInvitationPage chrome={chrome} csrf={csrf(request, reply)} flowId={flow.id} email={flow.data.email} values={values} errors={errors} />, status);
    if (Object.keys(errors).length || firstName === undefined || lastName === undefined) return again(422);
    try {
      await companyUsers.accept(flow, { salutation: body.salutation!, title: body.title || null, firstName, lastName, password: (body.password ?? '').slice(0, 1024) }, (body.passwordRepeat ?? '').slice(0, 1024), request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'form.invalid') {
        Object.assign(errors, error.fields);
        return again(422);
      }
      throw error;
    }
    return seeOther(reply, `${BASE}/einladung?flow=${flow.id}`);
  });
}
