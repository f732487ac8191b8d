import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../core/module.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import { sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import { createJobSearch, parseSearch } from './service.ts';
import { postingActions, searchActions } from './slots.ts';
import { GONE, GonePage, PostingPage } from './posting-page.tsx';
import { SearchPage } from './search-page.tsx';
import { chromeFor } from '../jobmaster-login/chrome.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The public search, each posting's page and the sitemap: GET only, without login or script; the header is that of whoever is signed in. */
export async function jobSearchRoutes(app: FastifyInstance, ctx: ModuleContext, portal: PortalDefinition) {
  const { base } = portal;
  const chromeOf = chromeFor(ctx, portal);
  const search = createJobSearch({ db: ctx.db, clock: ctx.clock });

  app.get(`${base}/suche`, async (request, reply) => {
    const raw = (request.query && typeof request.query === 'object' ? request.query : {}) as Record<string, unknown>;
    const { query, errors, values } = parseSearch(raw);
    const chrome = await chromeOf(request);
    if (Object.keys(errors).length) return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={errors} result={null} />, 422);
    const outcome = await search.search(query);
    if (!outcome.ok) return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={outcome.errors} result={null} />, 422);
    const actions = await searchActions(app, portal.key, request, reply, values);
    return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={{}} result={outcome.result} actions={actions} />);
  });

  app.get<{ Params: { id: string } }>(`${base}/stellen/:id`, async (request, reply) => {
    const id = request.params.id;
    const found = isId(id) ? await search.posting(id) : { found: false as const };
    const chrome = await chromeOf(request);
    if (!found.found) return sendHtml(reply, <GonePage chrome={chrome} base={base} title="Diese Stelle gibt es nicht" />, 404);
    if (!found.shown) return sendHtml(reply, <GonePage chrome={chrome} base={base} title={GONE} />, 410);
    const actions = await postingActions(app, portal.key, request, reply, id);
    return sendHtml(reply, <PostingPage chrome={chrome} base={base} posting={found.posting} url={portal.url(`/stellen/${id}`)} actions={actions} />);
  });

  app.get(`${base}/sitemap.xml`, async (_request, reply) => {
    const postings = await search.visibleIds();
    const entry = (loc: string, lastmod?: Date) => `  <url><loc>${xml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`;
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      entry(portal.url('/')),
      entry(portal.url('/suche')),
      ...postings.map((p) => entry(portal.url(`/stellen/${p.id}`), p.updatedAt)),
      '</urlset>',
      '',
    ].join('\n');
    return reply.header('cache-control', 'no-store').type('application/xml; charset=utf-8').send(body);
  });
}
