import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { Company } from './service.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { isId } from '../../core/ids/secrets.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { guard } from '../../core/http/guards.ts';
import { input, parseFormFields, parseQuery } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { NewMessagePage, PostboxMessagePage, PostboxPage } from './pages.tsx';

const SEND_LIMIT = { points: 30, windowMs: 60 * 60_000 };

declare module '../../core/http/guards.ts' {
  interface Guarded {
    /** the signed-in person and the company whose postbox they share */
    postboxUser: { accountId: string; company: Company };
  }
}

/** After sending a message: `?gesendet=1`. */
const sentNotice = defineNotices<'gesendet', string>('postbox', { gesendet: (brand) => `Ihre Nachricht wurde an Ihre ${brand} gesendet.` }, { flags: true, sample: 'AOK' });

/** The postbox of a signed-in person's company, or null when the account has none (yet). */
export function postboxCompany(portal: string, account: { company: string | null; company_insurer_id: string | null }): Company | null {
  return account.company && account.company_insurer_id ? { portal, company: account.company, insurerId: account.company_insurer_id } : null;
}

/**
 * "Nachrichten und Briefe im Postfach" (manual 000 step 15, manual 002 §2), the same for every
 * portal: open after the first login, shared by all active users of the company (employer) or
 * provider (accounts.company, the IK of its first registration, with its AOK). The portal
 * brings its address, words and notice mail.
 *
 * In the provider portal every user of the provider reads and writes, not only the LE-Admin:
 * manual 002 makes the LE-Admin "für die Verwaltung des Postfachs verantwortlich", which the
 * LE-Admin does by setting up, locking and removing the users who share it; unlike the payment
 * advices (a right the LE-Admin gives), the manual restricts no one's reading of the postbox.
 */
export async function postboxRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition) {
  const { postbox, sessions, db, rateLimiter } = deps;
  const { chrome, base: BASE, key: PORTAL, words } = portal;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const pages = { chrome, base: BASE, brand: words.brand };

  /** The signed-in user's company; the postbox exists once the registration is completed by the first login. */
  async function companyOf(request: FastifyRequest, reply: FastifyReply): Promise<{ accountId: string; company: Company } | null> {
    const session = await sessions.load(request);
    if (!session || session.portal !== PORTAL || !session.accountId) {
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    const row = await db
      .selectFrom('accounts')
      .leftJoin('registrations', 'registrations.account_id', 'accounts.id')
      .select(['accounts.company', 'accounts.company_insurer_id', 'accounts.status', 'registrations.status as registration_status'])
      .where('accounts.id', '=', session.accountId)
      .where('accounts.portal', '=', PORTAL)
      .executeTakeFirst();
    const company = row ? postboxCompany(PORTAL, row) : null;
    if (!row || row.status !== 'active' || !company) {
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    // an administrator's postbox opens with the first login, which completes the registration
    if (row.registration_status && row.registration_status !== 'completed') throw new AppError('postbox.not_yet', 409);
    return { accountId: session.accountId, company };
  }

  const signedIn = guard('postboxUser', companyOf);

  const messageId = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(`${BASE}/postfach`, { preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    const items = await postbox.list(me.company, `account:${me.accountId}`);
    return sendHtml(reply, <PostboxPage {...pages} items={items} notice={sentNotice.read(request, words.brand)} />);
  });

  app.get(`${BASE}/postfach/neu`, { preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    const replyTo = parseQuery(request, { antwort: input.id }).antwort;
    let subject = '';
    if (replyTo) {
      const original = await postbox.read(me.company, replyTo, `account:${me.accountId}`);
      subject = `AW: ${original.message.subject}`.slice(0, 200);
    }
    return sendHtml(reply, <NewMessagePage {...pages} csrf={csrf(request, reply)} subject={subject} replyTo={subject ? replyTo : undefined} />);
  });

  app.post(`${BASE}/postfach/neu`, { config: { uploads: true }, preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    await rateLimiter.enforce(`postbox:account:${me.accountId}`, SEND_LIMIT);
    const form = await readMultipart(request, sessions);
    const parsed = parseFormFields(form.fields, {
      subject: input.text({ max: 200 }),
      body: input.message(10_000),
      // a reply target that is no id is a new message, not an error
      replyTo: input.id.optional().catch(undefined),
    });
    const { subject, body } = parsed.values;
    const errors: Record<string, string> = {};
    if (parsed.errors.subject) errors.subject = parsed.errors.subject;
    if (parsed.errors.body) errors.body = parsed.errors.body;
    if (form.tooLarge) errors.files = 'upload.too_large';
    const replyTo = parsed.values.replyTo ?? null;
    const again = (status: number) =>
      sendHtml(
        reply,
        <NewMessagePage {...pages} csrf={csrf(request, reply)} subject={(parsed.body.subject ?? '').slice(0, 200)} body={(parsed.body.body ?? '').slice(0, 10_000)} replyTo={replyTo ?? undefined} errors={errors} />,
        status,
      );
    if (Object.keys(errors).length || subject === undefined || body === undefined) return again(form.tooLarge ? 413 : 422);
    try {
      if (replyTo) await postbox.read(me.company, replyTo, `account:${me.accountId}`);
      await postbox.create(
        me.company,
        { direction: 'to_insurer', kind: 'message', subject, body, files: form.files, authorAccountId: me.accountId, inReplyTo: replyTo },
        null,
        `account:${me.accountId}`,
        request.ip,
      );
    } catch (error) {
      if (error instanceof AppError && error.fields.files) {
        errors.files = error.fields.files;
        return again(error.code === 'upload.too_large' ? 413 : 422);
      }
      throw error;
    }
    return seeOther(reply, sentNotice.after(`${BASE}/postfach`, 'gesendet'));
  });

  app.get(`${BASE}/postfach/:id`, { preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    const data = await postbox.read(me.company, messageId(request), `account:${me.accountId}`);
    return sendHtml(reply, <PostboxMessagePage {...pages} csrf={csrf(request, reply)} data={data} />);
  });

  app.post(`${BASE}/postfach/:id/ungelesen`, { preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    await postbox.markUnread(me.company, messageId(request), `account:${me.accountId}`);
    return seeOther(reply, `${BASE}/postfach`);
  });

  app.get(`${BASE}/postfach/:id/anhaenge/:fileId`, { preHandler: signedIn }, async (request, reply) => {
    const me = request.postboxUser;
    const fileId = (request.params as { fileId: string }).fileId;
    if (!isId(fileId)) throw new AppError('request.not_found', 404);
    const file = await postbox.attachment(me.company, messageId(request), fileId);
    return sendFile(reply, file);
  });
}
