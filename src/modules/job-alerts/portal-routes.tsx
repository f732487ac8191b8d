import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { localReturnPath } from '../../core/http/forms.ts';
import { input, parseForm } from '../../core/http/input.ts';
import { defineNotices } from '../../core/http/notices.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import type { PortalDefinition, PortalGuards } from '../../core/portal/definition.ts';
import { portalPreHandlers } from '../../core/portal/guards.ts';
import { signedInChrome } from '../jobmaster-login/pages.tsx';
import { parseSearch } from '../job-search/service.ts';
import { addPostingAction, addSearchAction } from '../job-search/slots.ts';
import { addAccountLinks } from '../jobmaster-login/slots.ts';
import { alertQuery, MAX_ALERT_NAME, MAX_ALERTS, MAX_BOOKMARKS, type JobAlerts } from './service.ts';
import { AlertFormPage, AlertForm, AlertsPage, BookmarkButton, BookmarksPage, LoginToBookmark, MessagePage, UnsubscribePage } from './pages.tsx';

export const bookmarkNotices = defineNotices(
  'jobmaster.merkliste',
  {
    gemerkt: 'Das Stellenangebot steht auf Ihrer Merkliste.',
    entfernt: 'Das Stellenangebot ist von Ihrer Merkliste entfernt.',
    voll: `Ihre Merkliste ist voll: Sie können höchstens ${MAX_BOOKMARKS} Stellenangebote merken. Entfernen Sie zuerst ein anderes.`,
  },
  { germanOnly: true },
);

export const alertNotices = defineNotices(
  'jobmaster.suchauftraege',
  {
    angelegt: 'Der Suchauftrag ist angelegt. Neue passende Stellenangebote senden wir Ihnen höchstens einmal am Tag per E-Mail.',
    geloescht: 'Der Suchauftrag ist gelöscht.',
    voll: `Sie haben schon ${MAX_ALERTS} Suchaufträge. Löschen Sie zuerst einen, um einen neuen anzulegen.`,
  },
  { germanOnly: true },
);

const NOT_FOUND = () => new AppError('request.not_found', 404);

/** Merkliste and Suchaufträge of a job starter (manual 004); employers and visitors have none. */
export async function jobAlertsRoutes(app: FastifyInstance, deps: PlatformDeps, portal: PortalDefinition, guards: PortalGuards, service: JobAlerts) {
  const { chrome, base, key } = portal;
  const { sessions } = deps;
  const signedIn = portalPreHandlers(guards).account;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const own = signedInChrome(chrome, 'applicant');

  /** The signed-in applicant; anybody else (an employer) is told there is no such page. */
  async function applicantOf(request: FastifyRequest) {
    const who = await service.applicant(request.accountId, key);
    if (!who) throw NOT_FOUND();
    return who;
  }

  /** Who looks at a public page: an applicant, somebody else signed in, or nobody. */
  async function viewer(request: FastifyRequest): Promise<'anonymous' | 'other' | { id: string }> {
    const session = await sessions.load(request);
    if (!session || session.portal !== key || !session.accountId) return 'anonymous';
    const who = await service.applicant(session.accountId, key);
    return who ? { id: who.id } : 'other';
  }

  // "Mein Konto" of a job starter leads to both lists; employers have neither
  const lists = [
    { href: `${base}/merkliste`, label: 'Merkliste' },
    { href: `${base}/suchauftraege`, label: 'Suchaufträge' },
  ];
  addAccountLinks(app, key, (role) => (role === 'applicant' ? lists : []));

  addPostingAction(app, key, async (request, reply, postingId) => {
    const who = await viewer(request);
    if (who === 'other') return '';
    if (who === 'anonymous') {
      const back = localReturnPath(`${base}/stellen/${postingId}`, `${base}/suche`);
      return String(<LoginToBookmark href={`${base}/login?zurueck=${encodeURIComponent(back)}`} />);
    }
    const saved = await service.isBookmarked(who.id, postingId);
    return String(<BookmarkButton base={base} csrf={csrf(request, reply)} postingId={postingId} saved={saved} notice={bookmarkNotices.read(request)} refused={bookmarkNotices.code(request) === 'voll'} />);
  });

  addSearchAction(app, key, async (request, reply, values) => {
    const who = await viewer(request);
    if (typeof who === 'string') return '';
    return String(<AlertForm base={base} csrf={csrf(request, reply)} query={alertQuery(values)} />);
  });

  app.post<{ Params: { id: string } }>(`${base}/merkliste/:id`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const id = request.params.id;
    if (!isId(id)) throw NOT_FOUND();
    const outcome = await service.bookmark(who.id, id);
    if (outcome === 'unknown') return seeOther(reply, `${base}/stellen/${id}`);
    return seeOther(reply, bookmarkNotices.after(`${base}/stellen/${id}`, outcome === 'full' ? 'voll' : 'gemerkt'));
  });

  app.post<{ Params: { id: string } }>(`${base}/merkliste/:id/entfernen`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const id = request.params.id;
    if (!isId(id)) throw NOT_FOUND();
    await service.unbookmark(who.id, id);
    const list = `${base}/merkliste`;
    const back = localReturnPath(parseForm(request, { zurueck: input.raw(300) }).values.zurueck, `${base}/stellen/${id}`);
    return seeOther(reply, bookmarkNotices.after(back === list ? list : `${base}/stellen/${id}`, 'entfernt'));
  });

  app.get(`${base}/merkliste`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const bookmarks = await service.bookmarks(who.id);
    return sendHtml(reply, <BookmarksPage chrome={own} base={base} csrf={csrf(request, reply)} bookmarks={bookmarks} notice={bookmarkNotices.read(request)} />);
  });

  app.get(`${base}/suchauftraege`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const alerts = await service.alerts(who.id);
    return sendHtml(reply, <AlertsPage chrome={own} base={base} csrf={csrf(request, reply)} alerts={alerts} notice={alertNotices.read(request)} refused={alertNotices.code(request) === 'voll'} />);
  });

  app.post(`${base}/suchauftraege`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const { body } = parseForm(request, {});
    const raw: Record<string, unknown> = {};
    for (const field of ['was', 'wo', 'umkreis', 'art', 'beginn', 'sortierung']) if (body[field] !== undefined) raw[field] = body[field];
    const { errors, values } = parseSearch(raw);
    // a search the search page would not run is not saved: back to the search, which names what is wrong
    if (Object.keys(errors).length) return seeOther(reply, `${base}/suche`);
    const query = alertQuery(values);
    const named = parseForm(request, { name: input.text({ max: MAX_ALERT_NAME, required: false }) });
    if (named.errors.name) {
      const name = typeof body.name === 'string' ? body.name.slice(0, MAX_ALERT_NAME * 2) : '';
      return sendHtml(reply, <AlertFormPage chrome={own} base={base} csrf={csrf(request, reply)} query={query} name={name} error={t(named.errors.name)} />, 422);
    }
    const outcome = await service.createAlert(who.id, query, named.values.name || null);
    return seeOther(reply, alertNotices.after(`${base}/suchauftraege`, outcome === 'full' ? 'voll' : 'angelegt'));
  });

  app.post<{ Params: { id: string } }>(`${base}/suchauftraege/:id/loeschen`, { preHandler: signedIn }, async (request, reply) => {
    const who = await applicantOf(request);
    const id = request.params.id;
    if (!isId(id) || !(await service.deleteAlert(who.id, id))) throw NOT_FOUND();
    return seeOther(reply, alertNotices.after(`${base}/suchauftraege`, 'geloescht'));
  });

  // the mail's link: no login, the signature stands for the mailbox that got it
  const unsubscribePath = (id: string, sig: string) => `${base}/suchauftraege/abbestellen/${id}/${sig}`;

  app.get<{ Params: { id: string; sig: string } }>(`${base}/suchauftraege/abbestellen/:id/:sig`, async (request, reply) => {
    const { id, sig } = request.params;
    const alert = isId(id) ? await service.alertBySignature(id, sig) : null;
    if (!alert) throw NOT_FOUND();
    return sendHtml(reply, <UnsubscribePage chrome={chrome} base={base} csrf={csrf(request, reply)} action={unsubscribePath(id, sig)} alert={alert} />);
  });

  app.post<{ Params: { id: string; sig: string } }>(`${base}/suchauftraege/abbestellen/:id/:sig`, async (request, reply) => {
    const { id, sig } = request.params;
    if (!isId(id) || !(await service.unsubscribe(id, sig))) throw NOT_FOUND();
    return sendHtml(reply, <MessagePage chrome={chrome} base={base} title="Suchauftrag abbestellt" text="Der Suchauftrag ist gelöscht. Sie erhalten keine E-Mails mehr zu dieser Suche." />);
  });
}
