import { portalMail } from '../../core/portal/definition.ts';
import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { Company } from './service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, Notice, Select, TextArea, UPLOAD_ACCEPT, formatDateTime } from '../../core/ui/components.tsx';
import { isId } from '../../core/ids/secrets.ts';
import { AppError, type ErrorCode, type FieldErrors } from '../../core/errors/app-error.ts';
import { t } from '../../core/i18n/de.ts';
import { input, parseFormFields } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { AttachmentList } from './pages.tsx';
import { staffGuards } from '../../core/staff/guards.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { Table } from '../../core/ui/table.tsx';


/** The insurer's side of the postbox: incoming messages of its companies, answers, letters (PDF). */
/** After a reply or a letter. */
const inboxNotices = defineNotices('postbox.staff', {
  beantwortet: 'Die Antwort wurde in das Postfach des Unternehmens gestellt.',
  brief: 'Der Brief wurde in das Postfach des Unternehmens gestellt.',
}, { germanOnly: true });

export async function backofficePostboxRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>,
) {
  const { postbox, sessions, audit } = deps;
  const pre = staffGuards({ requireStaff });
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;
  /** "Betriebsnummer 12345678", "IK-Nummer 123456789": whose postbox, in its portal's words */
  const sender = (m: { portal: string; company: string }) => `${deps.portals.find(m.portal)?.identifier.label ?? 'Kennung'} ${m.company}`;
  /** the portals whose postbox staff can write to; each says how its postboxes are addressed */
  const addressable = () => deps.portals.all().filter((p) => p.postboxAddressee);
  const identifierLabel = () => [...new Set(addressable().map((p) => p.identifier.label))].join(' bzw. ');

  async function messageFor(member: StaffMember, id: string, ip: string | null) {
    if (!isId(id)) throw new AppError('request.not_found', 404);
    const m = await postbox.byId(id);
    if (!m || (member.role === 'clerk' && m.insurer_id !== member.insurerId)) {
      await audit.record({ actor: `staff:${member.id}`, action: 'backoffice.postbox_denied', subject: id.slice(0, 64), ip, outcome: 'denied' });
      throw new AppError('request.not_found', 404);
    }
    return m;
  }

  async function send(member: StaffMember, company: Company, input: { subject: string; body: string; files: { name: string; bytes: Buffer }[]; letter: boolean; inReplyTo?: string }, ip: string | null) {
    const profile = deps.portals.find(company.portal);
    if (!profile) throw new AppError('request.not_found', 404);
    const recipients = await postbox.recipients(company);
    await postbox.create(
      company,
      { direction: 'to_company', kind: input.letter ? 'letter' : 'message', subject: input.subject, body: input.body, files: input.files, authorStaffId: member.id, inReplyTo: input.inReplyTo ?? null },
      { recipients, mail: portalMail(profile, 'postboxNotice')({ insurerName: insurerName(company.insurerId), letter: input.letter }) },
      `staff:${member.id}`,
      ip,
    );
  }

  app.get(`${BO}/postfach`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const items = await postbox.inbox(member.role === 'admin' ? 'all' : [member.insurerId!]);
    const notice = inboxNotices.read(request);
    return sendHtml(
      reply,
      <Layout title="Postfach" chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1>Postfach: Nachrichten der Unternehmen</h1>
        {notice ? (
          <Notice kind="success">
            <p safe>{notice}</p>
          </Notice>
        ) : (
          ''
        )}
        <p>
          <a class="button button--secondary" href={`${BO}/postfach/brief`}>
            Brief veröffentlichen
          </a>
        </p>
        {items.length ? (
          <Table heads={['Eingang', 'Absender', 'Betreff', 'Kasse', 'Status']}>
            {items.map((m) => (
              <tr class={m.unread ? 'unread' : ''}>
                <td>{formatDateTime(new Date(m.created_at))}</td>
                <td safe>{sender(m)}</td>
                <td>
                  <a href={`${BO}/postfach/${m.id}`} safe>
                    {m.subject}
                  </a>
                </td>
                <td safe>{insurerName(m.insurer_id)}</td>
                <td>{m.unread ? <strong>ungelesen</strong> : 'gelesen'}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>Keine Nachrichten.</p>
        )}
      </Layout>,
    );
  });

  function AnswerForm(props: { id: string; csrf: string; errors?: Record<string, string>; body?: string }) {
    const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
    return (
      <form method="post" action={`${BO}/postfach/${props.id}/antworten`} enctype="multipart/form-data" class="card" novalidate>
        <CsrfField token={props.csrf} />
        <h2>Antworten</h2>
        <ErrorSummary errors={e} labels={{ body: 'Antwort', files: 'Anhänge' }} />
        <TextArea name="body" label="Antwort" value={props.body} error={e.body} rows={6} maxlength={10000} required />
        <FileField name="files" label="Anhänge" error={e.files} hint="Bis zu fünf Dateien, zusammen höchstens 10 MB." accept={UPLOAD_ACCEPT} multiple />
        <button type="submit" class="button">
          Antwort senden
        </button>
      </form>
    );
  }

  app.get(`${BO}/postfach/brief`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    return sendHtml(reply, <LetterPage member={member} csrf={csrf(request, reply)} />);
  });

  function LetterPage(props: { member: StaffMember; csrf: string; values?: Record<string, string>; errors?: Record<string, string> }) {
    const e = Object.fromEntries(Object.entries(props.errors ?? {}).map(([k, v]) => [k, t(v)]));
    const v = props.values ?? {};
    const insurers = props.member.role === 'admin' ? deps.insurers : deps.insurers.filter((i) => i.id === props.member.insurerId);
    return (
      <Layout title="Brief veröffentlichen" chrome={chrome}>
        <StaffBar chrome={chrome} staff={props.member} csrf={props.csrf} insurers={deps.insurers} />
        <h1>Brief veröffentlichen</h1>
        <ErrorSummary errors={e} labels={{ portal: 'Portal', identifier: identifierLabel(), insurerId: 'Kasse', subject: 'Betreff', files: 'Brief (PDF)' }} />
        <form method="post" action={`${BO}/postfach/brief`} enctype="multipart/form-data" novalidate>
          <CsrfField token={props.csrf} />
          <Select name="portal" label="Portal" options={addressable().map((p) => ({ value: p.key, label: `${p.name} (${p.identifier.label})` }))} value={v.portal} error={e.portal} />
          <div class="row">
            <Field name="identifier" label={identifierLabel()} value={v.identifier} error={e.identifier} maxlength={9} inputmode="numeric" required />
            <Select name="insurerId" label="Kasse" options={insurers.map((i) => ({ value: i.id, label: i.name }))} value={v.insurerId} error={e.insurerId} />
          </div>
          <Field name="subject" label="Betreff" value={v.subject} error={e.subject} maxlength={200} required />
          <FileField name="files" label="Brief (PDF)" error={e.files} accept=".pdf,application/pdf" />
          <button type="submit" class="button">
            Veröffentlichen
          </button>
        </form>
      </Layout>
    );
  }

  app.post(`${BO}/postfach/brief`, { config: { uploads: true }, preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const form = await readMultipart(request, sessions);
    const errors: FieldErrors = {};
    const profile = deps.portals.find(form.fields.portal ?? '');
    if (!profile?.postboxAddressee) errors.portal = 'field.invalid_choice';
    const addressee = profile?.postboxAddressee ? await profile.postboxAddressee(form.fields.identifier ?? '') : null;
    if (addressee && !addressee.ok) errors.identifier = addressee.code;
    const insurerId = member.role === 'clerk' ? member.insurerId! : (form.fields.insurerId ?? '');
    if (!deps.insurers.some((i) => i.id === insurerId)) errors.insurerId = 'field.invalid_choice';
    const parsed = parseFormFields(form.fields, { subject: input.text({ max: 200 }) });
    const subject = parsed.values.subject;
    if (parsed.errors.subject) errors.subject = parsed.errors.subject as ErrorCode;
    if (form.files.length !== 1) errors.files = 'postbox.letter_pdf';
    const values = { portal: (form.fields.portal ?? '').slice(0, 40), identifier: (form.fields.identifier ?? '').slice(0, 20), insurerId, subject: (form.fields.subject ?? '').slice(0, 200) };
    const again = (status: number) => sendHtml(reply, <LetterPage member={member} csrf={csrf(request, reply)} values={values} errors={errors} />, status);
    if (Object.keys(errors).length || !profile || !addressee?.ok || subject === undefined) return again(422);
    const company: Company = { portal: profile.key, company: addressee.company, insurerId };
    if ((await postbox.recipients(company)).length === 0) {
      errors.identifier = 'postbox.no_company';
      return again(422);
    }
    const { sniffUploadType } = await import('../../core/files/upload-rules.ts');
    const type = await sniffUploadType(form.files[0]!.bytes);
    if (!type.ok || type.ext !== 'pdf') {
      errors.files = 'postbox.letter_pdf';
      return again(422);
    }
    try {
      await send(member, company, { subject, body: `Ihre ${deps.config.INSURER_BRAND} hat Ihnen einen Brief in Ihr Postfach gestellt. Sie finden ihn im Anhang.`, files: form.files, letter: true }, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.fields.files) {
        errors.files = error.fields.files;
        return again(422);
      }
      throw error;
    }
    return seeOther(reply, inboxNotices.after(`${BO}/postfach`, 'brief'));
  });

  app.get(`${BO}/postfach/:id`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const m = await messageFor(member, (request.params as { id: string }).id, request.ip);
    const company = { portal: m.portal, company: m.company, insurerId: m.insurer_id };
    const data = await postbox.read(company, m.id, `insurer:${m.insurer_id}`);
    return sendHtml(
      reply,
      <Layout title={m.subject} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <p>
          <a href={`${BO}/postfach`}>← Postfach</a>
        </p>
        <h1 safe>{m.subject}</h1>
        <p class="small">
          <span safe>{sender(m)}</span>, {formatDateTime(new Date(m.created_at))}
        </p>
        <div class="message-body" safe>
          {m.body}
        </div>
        <AttachmentList files={data.files} href={(f) => `${BO}/postfach/${m.id}/anhaenge/${f.id}`} />
        {m.direction === 'to_insurer' ? <AnswerForm id={m.id} csrf={csrf(request, reply)} /> : ''}
      </Layout>,
    );
  });

  app.post(`${BO}/postfach/:id/antworten`, { config: { uploads: true }, preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const m = await messageFor(member, (request.params as { id: string }).id, request.ip);
    const form = await readMultipart(request, sessions);
    const parsed = parseFormFields(form.fields, { body: input.message(10_000) });
    const body = parsed.values.body;
    const errors: FieldErrors = {};
    if (parsed.errors.body) errors.body = parsed.errors.body as ErrorCode;
    const company = { portal: m.portal, company: m.company, insurerId: m.insurer_id };
    if (body !== undefined) {
      try {
        await send(member, company, { subject: `AW: ${m.subject}`.slice(0, 200), body, files: form.files, letter: false, inReplyTo: m.id }, request.ip);
        return seeOther(reply, inboxNotices.after(`${BO}/postfach`, 'beantwortet'));
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields.files) throw error;
        errors.files = error.fields.files;
      }
    }
    return sendHtml(
      reply,
      <Layout title="Fehler: Antworten" chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <h1 safe>{m.subject}</h1>
        <AnswerForm id={m.id} csrf={csrf(request, reply)} errors={errors} body={(form.fields.body ?? '').slice(0, 10_000)} />
      </Layout>,
      422,
    );
  });

  app.get(`${BO}/postfach/:id/anhaenge/:fileId`, { preHandler: pre.staff }, async (request, reply) => {
    const member = request.staff;
    const m = await messageFor(member, (request.params as { id: string }).id, request.ip);
    const fileId = (request.params as { fileId: string }).fileId;
    if (!isId(fileId)) throw new AppError('request.not_found', 404);
    const file = await postbox.attachment({ portal: m.portal, company: m.company, insurerId: m.insurer_id }, m.id, fileId);
    return sendFile(reply, file);
  });
}
