import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import { collecting, english, tIn } from '../i18n/catalogue.ts';
import { isLocale, LOCALE_COOKIE, negotiateLocale, pageContext, type PageContext } from '../i18n/locale.ts';
import { translateHtml } from '../i18n/translate-html.ts';
import { localReturnPath } from './forms.ts';
import { seeOther } from './render.ts';

/** The insurer's staff work in German (SPEC §8: German first); the test mailbox is a tool, not a portal. */
const GERMAN_ONLY = ['/backoffice', '/mailbox'];

const contexts = new WeakMap<FastifyRequest, PageContext>();

function switchable(url: string): boolean {
  return !GERMAN_ONLY.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
}

/**
 * German or English for every page: the request's language is chosen by the switch (a cookie for
 * the browser session) or else by Accept-Language, and pages rendered in German are translated on
 * the way out when it is English. German answers pass untouched.
 */
export function languageSupport(app: FastifyInstance, options: { secure: boolean }) {
  app.addHook('onRequest', (request, _reply, done) => {
    const open = switchable(request.url);
    const ctx: PageContext = {
      locale: open ? negotiateLocale(request.cookies[LOCALE_COOKIE], request.headers['accept-language']) : 'de',
      path: request.url,
      switchable: open,
    };
    contexts.set(request, ctx);
    pageContext.run(ctx, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const ctx = contexts.get(request);
    if (!ctx || typeof payload !== 'string') return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (ctx.locale === 'en') {
      if (type.startsWith('text/html')) return translateHtml(payload, english, 'en');
      if (type.startsWith('application/json')) return translateJsonMessage(payload);
      return payload;
    }
    // a test walking the portals asks which German texts have no English one; the page stays German
    if (collecting() && ctx.switchable && type.startsWith('text/html')) translateHtml(payload, english, 'en');
    return payload;
  });

  app.get<{ Params: { lang: string }; Querystring: { weiter?: unknown } }>('/sprache/:lang', async (request, reply) => {
    const lang = request.params.lang;
    if (!isLocale(lang)) throw new AppError('request.not_found', 404);
    // No CSRF token here: another site that sets this cookie changes only the language of the pages,
    // no data and no right, so a plain link (which works without JavaScript) is enough.
    reply.setCookie(LOCALE_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure });
    return seeOther(reply, localReturnPath(request.query.weiter, '/'));
  });
}

/** The JSON API's error answers carry their text in `message` (the app shows it). */
function translateJsonMessage(payload: string): string {
  if (!payload.includes('"message"')) return payload;
  try {
    const body = JSON.parse(payload) as unknown;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return payload;
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message !== 'string') return payload;
    // an error's text by its code from en.ts; any other message through the catalogue
    const text = typeof error === 'string' && message === tIn(error, 'de') ? tIn(error, 'en') : english(message);
    return text === undefined ? payload : JSON.stringify({ ...body, message: text });
  } catch {
    return payload;
  }
}
