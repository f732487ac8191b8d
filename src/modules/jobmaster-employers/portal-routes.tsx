import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError, type Checked } from '../../core/errors/app-error.ts';
import { emailField, textField } from '../../core/http/forms.ts';
import { coded, input, parseForm, parseQuery } from '../../core/http/input.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { signedInChrome } from '../jobmaster-login/pages.tsx';
import { salutations, titles } from '../registration/form.ts';
import { createJobmasterEmployers, MAX_LOGO_BYTES, type Actor } from './service.ts';
import { CompanyEditPage, ContactFormPage, ContactProblemPage, ContactRemovePage, LogoPage, ProfilePage } from './pages.tsx';

const profileNotices = defineNotices(
  'jobmaster.unternehmensdaten',
  {
    daten: 'Ihre Unternehmensdaten wurden gespeichert.',
    logo: 'Ihr Firmenlogo wurde gespeichert.',
    'logo-entfernt': 'Ihr Firmenlogo wurde entfernt.',
    'kontakt-neu': 'Der Ansprechpartner wurde hinzugefügt.',
    'kontakt-geaendert': 'Der Ansprechpartner wurde geändert.',
    'kontakt-entfernt': 'Der Ansprechpartner wurde entfernt.',
  },
  { germanOnly: true },
);

/** Logo uploads per account and hour. */
const LOGO_LIMIT = { points: 30, windowMs: 60 * 60_000 };

const postalCode = coded((value): Checked<string> => {
  const v = (value ?? '').trim();
  if (!v) return { ok: false, code: 'field.required' };
  return /^[0-9]{5}$/.test(v) ? { ok: true, value: v } : { ok: false, code: 'plz.invalid' };
});

const phone = coded((value): Checked<string> => {
  const v = textField(value, { max: 40 });
  if (!v.ok) return v;
  return /^\+?[0-9 ()/-]{3,40}$/.test(v.value) ? v : { ok: false, code: 'phone.invalid' };
});

const choice = (list: readonly string[], required: boolean) =>
  coded((value): Checked<string> => {
    if (!value) return required ? { ok: false, code: 'field.required' } : { ok: true, value: '' };
    return list.includes(value) ? { ok: true, value } : { ok: false, code: 'field.invalid_choice' };
  });

const COMPANY_FIELDS = {
  companyName: input.text({ max: 150 }),
  street: input.text({ max: 100 }),
  houseNumber: input.text({ max: 10 }),
  postalCode,
  city: input.text({ max: 100 }),
};

const CONTACT_FIELDS = {
  salutation: choice(salutations, true),
  title: choice(titles, false),
  firstName: input.text({ max: 100 }),
  lastName: input.text({ max: 100 }),
  phone,
  email: coded(emailField),
};

/** What a form shows again: each field as typed, cut to a sane length. */
const shown = (body: Record<string, string | undefined>, names: string[]) => Object.fromEntries(names.map((n) => [n, (body[n] ?? '').slice(0, 300)]));

/**
 * Manual 004 "Unternehmensdaten" (with the logo) and "Ihre Ansprechpartner", for the signed-in
 * employer; any other account gets "not found". The public logo of released employers is served
 * for their postings.
 */
export async function jobmasterEmployerRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards) {
  const { chrome, base: BASE } = portal;
  const { sessions } = deps;
  const service = createJobmasterEmployers(deps, portal.key);
  const signedIn = portalPreHandlers(guards).account;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const own = signedInChrome(chrome, 'employer');
  const profile = `${BASE}/unternehmen`;

  /** The signed-in account's employer; an applicant (or an account without one) finds nothing here. */
  async function employerOf(request: FastifyRequest) {
    const employer = await service.employerOf(request.accountId);
    if (!employer) throw new AppError('request.not_found', 404);
    const actor: Actor = { accountId: request.accountId, ip: request.ip };
    return { employer, actor };
  }

  const contactId = (request: FastifyRequest) => {
    const id = (request.params as { id?: string }).id;
    if (!isId(id)) throw new AppError('request.not_found', 404);
    return id;
  };

  app.get(`${BASE}/unternehmen`, { preHandler: signedIn }, async (request, reply) => {
    const { employer } = await employerOf(request);
    const contacts = await service.contacts(employer.id);
    return sendHtml(reply, <ProfilePage chrome={own} csrf={csrf(request, reply)} employer={employer} contacts={contacts} notice={profileNotices.read(request)} />);
  });

  app.get(`${BASE}/unternehmen/bearbeiten`, { preHandler: signedIn }, async (request, reply) => {
    const { employer: e } = await employerOf(request);
    const values = { companyName: e.company_name, street: e.street, houseNumber: e.house_number, postalCode: e.postal_code, city: e.city };
    return sendHtml(reply, <CompanyEditPage chrome={own} csrf={csrf(request, reply)} betriebsnummer={e.betriebsnummer} values={values} />);
  });

  app.post(`${BASE}/unternehmen/bearbeiten`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    const form = parseForm(request, COMPANY_FIELDS);
    if (!form.ok) {
      const values = shown(form.body, Object.keys(COMPANY_FIELDS));
      return sendHtml(reply, <CompanyEditPage chrome={own} csrf={csrf(request, reply)} betriebsnummer={employer.betriebsnummer} values={values} errors={form.errors as Record<string, string>} />, 422);
    }
    await service.updateCompany(employer.id, form.values, actor);
    return seeOther(reply, profileNotices.after(profile, 'daten'));
  });

  app.get(`${BASE}/unternehmen/logo`, { preHandler: signedIn }, async (request, reply) => {
    await employerOf(request);
    return sendHtml(reply, <LogoPage chrome={own} csrf={csrf(request, reply)} />);
  });

  app.post(`${BASE}/unternehmen/logo`, { config: { uploads: true }, preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    // decoding and re-encoding an image is the costliest thing a signed-in employer can ask for
    await deps.rateLimiter.enforce(`jobmaster-logo:account:${request.accountId}`, LOGO_LIMIT);
    const form = await readMultipart(request, sessions, { maxBytes: MAX_LOGO_BYTES });
    const refuse = (code: string, status: number) => sendHtml(reply, <LogoPage chrome={own} csrf={csrf(request, reply)} error={code} />, status);
    if (form.tooLarge) return refuse('logo.too_large', 413);
    const file = form.files[0];
    if (!file || form.files.length !== 1) return refuse('logo.none', 422);
    try {
      await service.setLogo(employer.id, file, actor);
    } catch (error) {
      if (error instanceof AppError && error.fields.logo) return refuse(error.fields.logo, error.status);
      throw error;
    }
    return seeOther(reply, profileNotices.after(profile, 'logo'));
  });

  app.post(`${BASE}/unternehmen/logo/entfernen`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    await service.removeLogo(employer.id, actor);
    return seeOther(reply, profileNotices.after(profile, 'logo-entfernt'));
  });

  /** The employer's own logo on its profile, whether released or not. */
  app.get(`${BASE}/unternehmen/logo/bild`, { preHandler: signedIn }, async (request, reply) => {
    const { employer } = await employerOf(request);
    const logo = await service.logo(employer.id, { publicOnly: false });
    if (!logo) throw new AppError('request.not_found', 404);
    return sendImage(request, reply, logo, 'private, no-cache');
  });

  /**
   * A released employer's logo, as its postings show it. The postings link it with `?v=<file id>`:
   * that address never changes its content, so it may be cached for good; without it, briefly.
   */
  app.get(`${BASE}/logos/:employerId`, async (request, reply) => {
    const employerId = (request.params as { employerId?: string }).employerId;
    if (!isId(employerId)) throw new AppError('request.not_found', 404);
    const logo = await service.logo(employerId, { publicOnly: true });
    if (!logo) throw new AppError('request.not_found', 404);
    const { v } = parseQuery(request, { v: input.one });
    return sendImage(request, reply, logo, v === logo.id ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  });

  app.get(`${BASE}/ansprechpartner/neu`, { preHandler: signedIn }, async (request, reply) => {
    await employerOf(request);
    return sendHtml(reply, <ContactFormPage chrome={own} csrf={csrf(request, reply)} values={{}} />);
  });

  app.post(`${BASE}/ansprechpartner/neu`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    const form = parseForm(request, CONTACT_FIELDS);
    if (!form.ok) {
      return sendHtml(reply, <ContactFormPage chrome={own} csrf={csrf(request, reply)} values={shown(form.body, Object.keys(CONTACT_FIELDS))} errors={form.errors as Record<string, string>} />, 422);
    }
    await service.addContact(employer.id, { ...form.values, title: form.values.title || null }, actor);
    return seeOther(reply, profileNotices.after(profile, 'kontakt-neu'));
  });

  app.get(`${BASE}/ansprechpartner/:id`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    const c = await service.contact(employer.id, contactId(request), actor);
    if (c.is_main) throw new AppError('request.not_found', 404);
    const values = { salutation: c.salutation, title: c.title ?? '', firstName: c.first_name, lastName: c.last_name, phone: c.phone, email: c.email };
    return sendHtml(reply, <ContactFormPage chrome={own} csrf={csrf(request, reply)} contactId={c.id} values={values} />);
  });

  app.post(`${BASE}/ansprechpartner/:id`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    const id = contactId(request);
    const c = await service.contact(employer.id, id, actor);
    if (c.is_main) throw new AppError('request.not_found', 404);
    const form = parseForm(request, CONTACT_FIELDS);
    if (!form.ok) {
      return sendHtml(reply, <ContactFormPage chrome={own} csrf={csrf(request, reply)} contactId={id} values={shown(form.body, Object.keys(CONTACT_FIELDS))} errors={form.errors as Record<string, string>} />, 422);
    }
    await service.updateContact(employer.id, id, { ...form.values, title: form.values.title || null }, actor);
    return seeOther(reply, profileNotices.after(profile, 'kontakt-geaendert'));
  });

  /** The confirmation page, with the other contacts to choose from while active postings name this one. */
  async function removePage(request: FastifyRequest, reply: FastifyReply, employerId: string, actor: Actor, error?: { code: string; status: number; replacement?: string }) {
    const contact = await service.contact(employerId, contactId(request), actor);
    if (contact.is_main) return sendHtml(reply, <ContactProblemPage chrome={own} code="contact.main_not_removable" />, 409);
    const postings = await service.activePostingsOf(contact.id);
    const others = (await service.contacts(employerId)).filter((o) => o.id !== contact.id);
    return sendHtml(
      reply,
      <ContactRemovePage chrome={own} csrf={csrf(request, reply)} contact={contact} postings={postings} others={others} error={error?.code} replacement={error?.replacement} />,
      error?.status ?? 200,
    );
  }

  app.get(`${BASE}/ansprechpartner/:id/entfernen`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    return removePage(request, reply, employer.id, actor);
  });

  app.post(`${BASE}/ansprechpartner/:id/entfernen`, { preHandler: signedIn }, async (request, reply) => {
    const { employer, actor } = await employerOf(request);
    const id = contactId(request);
    const { values } = parseForm(request, { replacement: input.raw(100) });
    try {
      await service.removeContact(employer.id, id, values.replacement || undefined, actor);
    } catch (error) {
      if (error instanceof AppError && error.code === 'contact.main_not_removable') return sendHtml(reply, <ContactProblemPage chrome={own} code={error.code} />, 409);
      if (error instanceof AppError && error.fields.replacement) {
        return removePage(request, reply, employer.id, actor, { code: error.fields.replacement, status: 422, replacement: values.replacement });
      }
      throw error;
    }
    return seeOther(reply, profileNotices.after(profile, 'kontakt-entfernt'));
  });
}

/** An image of ours (re-encoded on upload), inline, never sniffed into anything else, with its cache rule. */
function sendImage(request: FastifyRequest, reply: FastifyReply, logo: { mime: string; etag: string; bytes: Buffer }, cacheControl: string) {
  const etag = `"${logo.etag}"`;
  reply
    .header('cache-control', cacheControl)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('content-disposition', 'inline; filename="Firmenlogo"');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.header('content-type', logo.mime).send(logo.bytes);
}
