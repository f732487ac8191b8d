import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { ConsentDocument } from '../../core/consents/documents.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { formBody, type FormBody } from '../../core/http/forms.ts';
import { input, parseQuery } from '../../core/http/input.ts';
import { sendHtml } from '../../core/http/render.ts';
import { t } from '../../core/i18n/de.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { securityQuestionText } from '../../core/passwords/security-question.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { NoticePage } from '../../core/ui/notice-page.tsx';
import { signedInChrome } from '../jobmaster-login/pages.tsx';
import { accountMails } from './mails.ts';
import { createJobmasterAccount, MARKETING } from './service.ts';
import { ConsentsPage, DeletePage, EmailConfirmPage, EmailPage, HandoverAcceptPage, HandoverPage, PasswordPage, type ConsentView } from './pages.tsx';

/** What a refused form shows: the fields' codes (422), or a notice (a lock, 429). */
function refusal(error: unknown): { errors?: Record<string, string>; notice?: string; status: number } {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'form.invalid') return { errors: error.fields as Record<string, string>, status: 422 };
  if (error.code === 'login.temporarily_locked' || error.code === 'account.answer_locked') return { notice: t(error.code), status: error.status };
  throw error;
}

/** The form's values to show again: never a password or an answer. */
function kept(body: Record<string, string>) {
  const { salutation = '', title = '', firstName = '', lastName = '', phone = '', email = '', contactId = '', question = '' } = body;
  const cut = (s: string) => s.slice(0, 254);
  return { salutation: cut(salutation), title: cut(title), firstName: cut(firstName), lastName: cut(lastName), phone: cut(phone), email: cut(email), contactId: cut(contactId), question: cut(question) };
}

/** Manual 004 "Konto": Passwort, E-Mail Adresse, Einwilligungen, Hauptansprechpartner, Profil löschen. */
export async function jobmasterAccountRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { chrome, base: BASE, key: PORTAL } = portal;
  const { sessions, db, config } = deps;
  const service = createJobmasterAccount(deps, accountMails(config.INSURER_BRAND), PORTAL);
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const signedIn = portalPreHandlers(guards).account;
  const consents = portal.consents as { terms: ConsentDocument; privacy: ConsentDocument; marketing?: ConsentDocument };

  async function who(request: FastifyRequest) {
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'role', 'company'])
      .where('id', '=', request.accountId)
      .where('portal', '=', PORTAL)
      .executeTakeFirst();
    if (!account) throw new AppError('request.not_found', 404);
    return { account, chrome: signedInChrome(chrome, account.role) };
  }

  type SignedIn = Awaited<ReturnType<typeof who>>;
  const body = (request: FastifyRequest) => formBody(request.body);

  /**
   * A signed-in account's form: `change` runs with its fields; refused, the form's page comes back
   * with the errors or the notice (and null), otherwise the signed-in account goes on to its next page.
   */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    change: (accountId: string, form: FormBody, ip: string | null) => Promise<unknown>,
    page: (own: PortalChrome, refused: ReturnType<typeof refusal>, account: SignedIn['account']) => JSX.Element,
  ): Promise<SignedIn | null> {
    const current = await who(request);
    const { account, chrome: own } = current;
    try {
      await change(account.id, body(request), request.ip);
      return current;
    } catch (error) {
      const r = refusal(error);
      await sendHtml(reply, page(own, r, account), r.status);
      return null;
    }
  }

  // Passwort ändern
  app.get(`${BASE}/konto/passwort`, { preHandler: signedIn }, async (request, reply) => {
    const { chrome: own } = await who(request);
    return sendHtml(reply, <PasswordPage chrome={own} csrf={csrf(request, reply)} />);
  });

  app.post(`${BASE}/konto/passwort`, { preHandler: signedIn }, async (request, reply) => {
    const done = await submit(request, reply, service.changePassword, (own, r) => <PasswordPage chrome={own} csrf={csrf(request, reply)} errors={r.errors} notice={r.notice} />);
    if (!done) return reply;
    const { account, chrome: own } = done;
    // the other sessions ended with the change; this one goes on under a new id
    await sessions.bind(request, reply, { portal: PORTAL, accountId: account.id, registrationId: null, staffId: null });
    return sendHtml(reply, <NoticePage chrome={own} heading="Passwort geändert" kind="success" message="Ihr Passwort wurde geändert. Alle anderen Sitzungen Ihres Kontos wurden beendet." link={{ href: `${BASE}/konto`, label: 'Zurück zu Mein Konto' }} />);
  });

  // E-Mail Adresse ändern
  app.get(`${BASE}/konto/email`, { preHandler: signedIn }, async (request, reply) => {
    const { account, chrome: own } = await who(request);
    return sendHtml(reply, <EmailPage chrome={own} csrf={csrf(request, reply)} current={account.email} />);
  });

  app.post(`${BASE}/konto/email`, { preHandler: signedIn }, async (request, reply) => {
    const { account, chrome: own } = await who(request);
    const form = body(request);
    try {
      const sent = await service.requestEmailChange(account.id, form, request.ip, (token) => portal.url(`/konto/email/bestaetigen?token=${token}`));
      return sendHtml(reply, <EmailPage chrome={own} csrf={csrf(request, reply)} current={account.email} sent={sent} />);
    } catch (error) {
      const r = refusal(error);
      return sendHtml(reply, <EmailPage chrome={own} csrf={csrf(request, reply)} current={account.email} email={kept(form).email} errors={r.errors} notice={r.notice} />, r.status);
    }
  });

  const linkProblem = (reply: FastifyReply, title: string, error: unknown, restart: { href: string; label: string }) => {
    if (error instanceof AppError && (error.code.startsWith('token.') || error.code === 'account.email_change_unusable' || error.code === 'account.handover_unusable')) {
      return sendHtml(reply, <NoticePage chrome={chrome} heading={title} kind="error" message={t(error.code)} link={restart} />, error.status);
    }
    throw error;
  };

  app.get(`${BASE}/konto/email/bestaetigen`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    try {
      const { email } = await service.openEmailChange(token);
      return sendHtml(reply, <EmailConfirmPage chrome={chrome} csrf={csrf(request, reply)} token={token ?? ''} email={email} />);
    } catch (error) {
      return linkProblem(reply, 'E-Mail Adresse ändern', error, { href: `${BASE}/login`, label: 'Zum Login' });
    }
  });

  app.post(`${BASE}/konto/email/bestaetigen`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    try {
      await service.confirmEmailChange(token, request.ip);
    } catch (error) {
      return linkProblem(reply, 'E-Mail Adresse ändern', error, { href: `${BASE}/login`, label: 'Zum Login' });
    }
    return sendHtml(reply, <NoticePage chrome={chrome} heading="E-Mail-Adresse geändert" kind="success" message="Ihre E-Mail-Adresse wurde geändert. Bitte melden Sie sich künftig mit der neuen E-Mail-Adresse an." link={{ href: `${BASE}/login`, label: 'Zum Login' }} />);
  });

  // Einwilligungen ändern
  async function consentsPage(request: FastifyRequest, reply: FastifyReply, saved = false) {
    const { account, chrome: own } = await who(request);
    const rows = await service.consents(account.id);
    const view = (doc: ConsentDocument): ConsentView => {
      const row = rows.get(doc.id);
      return {
        title: doc.title,
        version: doc.version,
        href: `${BASE}/${doc.id}`,
        acceptedAt: row ? new Date(row.accepted_at) : null,
        revokedAt: row?.revoked_at ? new Date(row.revoked_at) : null,
        acceptedVersion: row?.version ?? null,
      };
    };
    const marketing = consents.marketing ?? { id: MARKETING, title: 'Einwilligungserklärung', version: '', acceptance: '', validFrom: '', paragraphs: [] };
    return sendHtml(reply, <ConsentsPage chrome={own} csrf={csrf(request, reply)} required={[view(consents.terms), view(consents.privacy)]} marketing={view(marketing)} saved={saved} />);
  }

  app.get(`${BASE}/konto/einwilligungen`, { preHandler: signedIn }, async (request, reply) => consentsPage(request, reply));

  app.post(`${BASE}/konto/einwilligungen`, { preHandler: signedIn }, async (request, reply) => {
    const { account } = await who(request);
    const choice = body(request).marketing;
    if ((choice !== 'erteilen' && choice !== 'widerrufen') || !consents.marketing) throw new AppError('field.invalid_choice', 422);
    await service.setMarketing(account.id, choice === 'erteilen', consents.marketing.version, request.ip);
    return consentsPage(request, reply, true);
  });

  // Hauptansprechpartner wechseln (employers)
  async function handoverPage(request: FastifyRequest, reply: FastifyReply, extra: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; sent?: string } = {}, status = 200) {
    const { account, chrome: own } = await who(request);
    const contacts = await service.contacts(account.id);
    const answer = await db.selectFrom('security_answers').select('question').where('account_id', '=', account.id).executeTakeFirst();
    const question = (answer && securityQuestionText(answer.question)) || 'Kennwortfrage';
    return sendHtml(reply, <HandoverPage chrome={own} csrf={csrf(request, reply)} question={question} contacts={contacts} {...extra} />, status);
  }

  app.get(`${BASE}/konto/hauptansprechpartner`, { preHandler: signedIn }, async (request, reply) => handoverPage(request, reply));

  app.post(`${BASE}/konto/hauptansprechpartner`, { preHandler: signedIn }, async (request, reply) => {
    const { account } = await who(request);
    const form = body(request);
    try {
      await service.requestHandover(account.id, form, request.ip, (token) => portal.url(`/hauptansprechpartner?token=${token}`));
    } catch (error) {
      const r = refusal(error);
      return handoverPage(request, reply, { values: kept(form), errors: r.errors, notice: r.notice }, r.status);
    }
    const contacts = await service.contacts(account.id);
    const chosen = contacts.find((c) => c.id === form.contactId);
    return handoverPage(request, reply, { sent: chosen?.email ?? kept(form).email });
  });

  app.get(`${BASE}/hauptansprechpartner`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    try {
      const { name, email } = await service.openHandover(token);
      return sendHtml(reply, <HandoverAcceptPage chrome={chrome} csrf={csrf(request, reply)} token={token ?? ''} name={name} email={email} />);
    } catch (error) {
      return linkProblem(reply, 'Login übernehmen', error, { href: `${BASE}/`, label: 'Zur Startseite' });
    }
  });

  app.post(`${BASE}/hauptansprechpartner`, async (request, reply) => {
    const { token } = parseQuery(request, { token: input.one });
    const form = body(request);
    try {
      await service.completeHandover(token, form, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'form.invalid') {
        const { name, email } = await service.openHandover(token);
        return sendHtml(reply, <HandoverAcceptPage chrome={chrome} csrf={csrf(request, reply)} token={token ?? ''} name={name} email={email} values={kept(form)} errors={error.fields as Record<string, string>} />, 422);
      }
      return linkProblem(reply, 'Login übernehmen', error, { href: `${BASE}/`, label: 'Zur Startseite' });
    }
    return sendHtml(reply, <NoticePage chrome={chrome} heading="Login übernommen" kind="success" message="Sie sind jetzt Hauptansprechpartner und können sich mit Ihrer E-Mail-Adresse und Ihrem Passwort anmelden." link={{ href: `${BASE}/login`, label: 'Zum Login' }} />);
  });

  // Profil löschen
  app.get(`${BASE}/konto/loeschen`, { preHandler: signedIn }, async (request, reply) => {
    const { account, chrome: own } = await who(request);
    return sendHtml(reply, <DeletePage chrome={own} csrf={csrf(request, reply)} employer={account.role === 'employer'} />);
  });

  app.post(`${BASE}/konto/loeschen`, { preHandler: signedIn }, async (request, reply) => {
    const done = await submit(request, reply, service.deleteProfile, (own, r, a) => <DeletePage chrome={own} csrf={csrf(request, reply)} employer={a.role === 'employer'} errors={r.errors} notice={r.notice} />);
    if (!done) return reply;
    await sessions.end(request, reply);
    return sendHtml(reply, <NoticePage chrome={chrome} heading="Profil gelöscht" kind="success" message="Ihr Profil wurde gelöscht. Auf Wiedersehen! Wir haben Ihnen eine Bestätigung per E-Mail gesendet." link={{ href: `${BASE}/`, label: 'Zur Startseite' }} />);
  });
}
