import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../../platform/deps.ts';
import type { PortalChrome } from '../../../platform/ui/layout.tsx';
import type { Company } from '../../../platform/postbox/service.ts';
import { isId } from '../../../platform/ids/secrets.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { textField } from '../../../platform/http/forms.ts';
import { readMultipart } from '../../../platform/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../../platform/http/render.ts';
import { BASE, PORTAL } from '../chrome.ts';
import { NewMessagePage, PostboxMessagePage, PostboxPage } from './pages.tsx';

const SEND_LIMIT = { points: 30, windowMs: 60 * 60_000 };

/** The employer's postbox (manual 000 step 15): open after the first login, shared by the company's users. */
export async function postboxRoutes(app: FastifyInstance, deps: PlatformDeps, chrome: PortalChrome) {
  const { postbox, sessions, db, rateLimiter } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

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
      .executeTakeFirst();
    if (!row || row.status !== 'active' || !row.company || !row.company_insurer_id) {
      await seeOther(reply, `${BASE}/login`);
      return null;
    }
    // an administrator's postbox opens with the first login, which completes the registration
    if (row.registration_status && row.registration_status !== 'completed') throw new AppError('postbox.not_yet', 409);
    return { accountId: session.accountId, company: { portal: PORTAL, company: row.company, insurerId: row.company_insurer_id } };
  }

  const messageId = (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(`${BASE}/postfach`, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    const items = await postbox.list(me.company, `account:${me.accountId}`);
    const notice = (request.query as Record<string, unknown>).gesendet === '1' ? 'Ihre Nachricht wurde an Ihre AOK gesendet.' : undefined;
    return sendHtml(reply, <PostboxPage chrome={chrome} items={items} notice={notice} />);
  });

  app.get(`${BASE}/postfach/neu`, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    const replyTo = (request.query as Record<string, unknown>).antwort;
    let subject = '';
    if (typeof replyTo === 'string' && isId(replyTo)) {
      const original = await postbox.read(me.company, replyTo, `account:${me.accountId}`);
      subject = `AW: ${original.message.subject}`.slice(0, 200);
    }
    return sendHtml(reply, <NewMessagePage chrome={chrome} csrf={csrf(request, reply)} subject={subject} replyTo={subject ? (replyTo as string) : undefined} />);
  });

  app.post(`${BASE}/postfach/neu`, { config: { uploads: true } }, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    if (!(await rateLimiter.hit(`postbox:account:${me.accountId}`, SEND_LIMIT)).allowed) throw new AppError('request.rate_limited', 429);
    const form = await readMultipart(request, sessions);
    const subject = textField(form.fields.subject, { max: 200 });
    const body = (form.fields.body ?? '').normalize('NFC').trim();
    const errors: Record<string, string> = {};
    if (!subject.ok) errors.subject = subject.code;
    if (!body) errors.body = 'field.required';
    else if (body.length > 10_000) errors.body = 'field.too_long';
    if (form.tooLarge) errors.files = 'upload.too_large';
    const replyTo = typeof form.fields.replyTo === 'string' && isId(form.fields.replyTo) ? form.fields.replyTo : null;
    const again = (status: number) =>
      sendHtml(reply, <NewMessagePage chrome={chrome} csrf={csrf(request, reply)} subject={(form.fields.subject ?? '').slice(0, 200)} body={(form.fields.body ?? '').slice(0, 10_000)} replyTo={replyTo ?? undefined} errors={errors} />, status);
    if (Object.keys(errors).length || !subject.ok) return again(form.tooLarge ? 413 : 422);
    try {
      if (replyTo) await postbox.read(me.company, replyTo, `account:${me.accountId}`);
      await postbox.create(
        me.company,
        { direction: 'to_insurer', kind: 'message', subject: subject.value, body, files: form.files, authorAccountId: me.accountId, inReplyTo: replyTo },
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
    return seeOther(reply, `${BASE}/postfach?gesendet=1`);
  });

  app.get(`${BASE}/postfach/:id`, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    const data = await postbox.read(me.company, messageId(request), `account:${me.accountId}`);
    return sendHtml(reply, <PostboxMessagePage chrome={chrome} csrf={csrf(request, reply)} data={data} />);
  });

  app.post(`${BASE}/postfach/:id/ungelesen`, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    await postbox.markUnread(me.company, messageId(request), `account:${me.accountId}`);
    return seeOther(reply, `${BASE}/postfach`);
  });

  app.get(`${BASE}/postfach/:id/anhaenge/:fileId`, async (request, reply) => {
    const me = await companyOf(request, reply);
    if (!me) return reply;
    const fileId = (request.params as { fileId: string }).fileId;
    if (!isId(fileId)) throw new AppError('request.not_found', 404);
    const file = await postbox.attachment(me.company, messageId(request), fileId);
    return sendFile(reply, file);
  });
}
