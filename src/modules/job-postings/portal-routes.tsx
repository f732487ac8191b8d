import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { input, parseForm, parseQuery } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { signedInChrome } from '../jobmaster-login/pages.tsx';
import { berlinToday } from '../job-search/service.ts';
import { postingFields, type PostingField } from './form.ts';
import { reminderMail } from './mails.ts';
import { DeletePage, ExtendDonePage, ExtendPage, ExtendProblemPage, FormPage, ListPage } from './pages.tsx';
import { activeCount, createJobPostings, type Employer, type JobPostings } from './service.ts';

export const postingNotices = defineNotices(
  'jobmaster.stellenverwaltung',
  {
    angelegt: 'Das Stellenangebot ist als Entwurf angelegt. Aktivieren Sie es, um es zu veröffentlichen.',
    gespeichert: 'Das Stellenangebot ist gespeichert.',
    aktiviert: 'Das Stellenangebot ist aktiviert und in der Suche zu finden.',
    deaktiviert: 'Das Stellenangebot ist deaktiviert.',
    kopie: 'Kopie angelegt',
    geloescht: 'Das Stellenangebot ist gelöscht.',
  },
  { germanOnly: true },
);

/** The extension link of a reminder mail (the posting's id and the single-use secret). */
export const extensionPath = (base: string, postingId: string, secret: string) => `${base}/stelle-verlaengern?stelle=${encodeURIComponent(postingId)}&token=${encodeURIComponent(secret)}`;

/** Manual 004 "Stellenverwaltung": the list, Hinzufügen, Bearbeiten, Aktivieren/Deaktivieren, Kopieren, Löschen, and the reminder's Verlängern. */
export async function jobPostingsRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards, service: JobPostings = createJobPostings(deps, portal.key)) {
  const { chrome, base: ROOT } = portal;
  const BASE = `${ROOT}/stellenverwaltung`;
  const { sessions } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const signedIn = portalPreHandlers(guards).account;
  const own = signedInChrome(chrome, 'employer');
  const ip = (request: FastifyRequest) => request.ip ?? null;

  /** Only an employer's account has a Stellenverwaltung; for anybody else the page does not exist. */
  async function employerOf(request: FastifyRequest): Promise<Employer> {
    const employer = await service.employerOf(request.accountId);
    if (!employer) throw new AppError('request.not_found', 404);
    return employer;
  }

  const idOf = (request: FastifyRequest) => String((request.params as { id?: unknown }).id ?? '');

  async function listPage(request: FastifyRequest, reply: FastifyReply, employer: Employer, error?: string, status = 200) {
    const rows = await service.list(employer);
    return sendHtml(
      reply,
      <ListPage
        chrome={own}
        csrf={csrf(request, reply)}
        rows={rows}
        active={activeCount(rows, berlinToday(deps.clock))}
        released={employer.released}
        notice={error ? undefined : postingNotices.read(request)}
        error={error}
      />,
      status,
    );
  }

  app.get(BASE, { preHandler: signedIn }, async (request, reply) => listPage(request, reply, await employerOf(request)));

  app.get(`${BASE}/neu`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const contacts = await service.contacts(employer.employerId);
    const main = contacts.find((c) => c.is_main)?.id ?? '';
    return sendHtml(reply, <FormPage chrome={own} csrf={csrf(request, reply)} id={null} values={{ ansprechpartner: main }} contacts={contacts} />);
  });

  /** The form as sent, checked; a refused form is shown again with its values and answers 422. */
  async function checked(request: FastifyRequest, reply: FastifyReply, employer: Employer, id: string | null) {
    const form = parseForm(request, postingFields);
    const result = await service.check(employer, { values: form.values, errors: form.errors, body: form.body });
    if (result.ok) return result.values;
    const values = Object.fromEntries(Object.keys(postingFields).map((k) => [k, (form.body[k] ?? '').slice(0, 12_000)])) as Record<PostingField, string>;
    const contacts = await service.contacts(employer.employerId);
    await sendHtml(reply, <FormPage chrome={own} csrf={csrf(request, reply)} id={id} values={values} errors={result.errors} contacts={contacts} />, 422);
    return null;
  }

  app.post(`${BASE}/neu`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const values = await checked(request, reply, employer, null);
    if (!values) return reply;
    await service.create(employer, values, ip(request));
    return seeOther(reply, postingNotices.after(BASE, 'angelegt'));
  });

  app.get(`${BASE}/:id`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const p = await service.get(employer, idOf(request), ip(request));
    const contacts = await service.contacts(employer.employerId);
    const values = {
      titel: p.title,
      art: p.kind,
      beginn: p.starts_on ? (p.starts_month ? p.starts_on.slice(0, 7) : p.starts_on) : '',
      ort: p.city,
      plz: p.postal_code,
      beschreibung: p.description,
      anforderungen: p.requirements,
      bewerbungsschluss: p.apply_until ?? '',
      ansprechpartner: p.contact_id ?? '',
      link: p.apply_url ?? '',
      email: p.apply_email ?? '',
    };
    return sendHtml(reply, <FormPage chrome={own} csrf={csrf(request, reply)} id={p.id} values={values} contacts={contacts} notice={postingNotices.read(request)} />);
  });

  app.post(`${BASE}/:id`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const id = idOf(request);
    // another employer's id answers 404 before its form is even read
    await service.get(employer, id, ip(request));
    const values = await checked(request, reply, employer, id);
    if (!values) return reply;
    await service.update(employer, id, values, ip(request));
    return seeOther(reply, postingNotices.after(BASE, 'gespeichert'));
  });

  for (const [path, active] of [['aktivieren', true], ['deaktivieren', false]] as const) {
    app.post(`${BASE}/:id/${path}`, { preHandler: signedIn }, async (request, reply) => {
      const employer = await employerOf(request);
      try {
        await service.setActive(employer, idOf(request), active, ip(request));
      } catch (error) {
        if (error instanceof AppError && error.status === 409) return listPage(request, reply, employer, error.code, 409);
        throw error;
      }
      return seeOther(reply, postingNotices.after(BASE, active ? 'aktiviert' : 'deaktiviert'));
    });
  }

  app.post(`${BASE}/:id/kopieren`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const copy = await service.copy(employer, idOf(request), ip(request));
    return seeOther(reply, postingNotices.after(`${BASE}/${copy}`, 'kopie'));
  });

  app.get(`${BASE}/:id/loeschen`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    const p = await service.get(employer, idOf(request), ip(request));
    return sendHtml(reply, <DeletePage chrome={own} csrf={csrf(request, reply)} id={p.id} title={p.title} />);
  });

  app.post(`${BASE}/:id/loeschen`, { preHandler: signedIn }, async (request, reply) => {
    const employer = await employerOf(request);
    await service.remove(employer, idOf(request), ip(request));
    return seeOther(reply, postingNotices.after(BASE, 'geloescht'));
  });

  // the reminder's link: no login needed, the single-use secret is bound to its posting
  const EXTEND = `${ROOT}/stelle-verlaengern`;
  const linkOf = (request: FastifyRequest) => parseQuery(request, { stelle: input.one, token: input.one });

  app.get(EXTEND, async (request, reply) => {
    const { stelle, token } = linkOf(request);
    try {
      const p = await service.openExtension(stelle, token);
      return sendHtml(reply, <ExtendPage chrome={chrome} csrf={csrf(request, reply)} action={extensionPath(ROOT, p.id, token!)} title={p.title} until={p.apply_until!} extendedTo={p.extendedTo} />);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) return sendHtml(reply, <ExtendProblemPage chrome={chrome} code={error.code} />, error.status);
      throw error;
    }
  });

  app.post(EXTEND, async (request, reply) => {
    const { stelle, token } = linkOf(request);
    try {
      const until = await service.extend(stelle, token, ip(request));
      return sendHtml(reply, <ExtendDonePage chrome={chrome} until={until} />);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('token.')) return sendHtml(reply, <ExtendProblemPage chrome={chrome} code={error.code} />, error.status);
      throw error;
    }
  });
}

/** The reminder mails' words and links, for the job that sends them. */
export function reminderTexts(deps: PlatformDeps, portal: PortalDefinition) {
  return {
    reminder: (title: string, deadline: string, link: string) => reminderMail(deps.config.INSURER_BRAND, title, deadline, link),
    link: (postingId: string, secret: string) => portal.url(extensionPath('', postingId, secret)),
  };
}
