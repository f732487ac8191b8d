import Html from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../../core/module.ts';
import type { PortalDefinition } from '../../core/portal/definition.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { Layout } from '../../core/ui/layout.tsx';
import { ErrorSummary, Field, Select } from '../../core/ui/components.tsx';
import { sendHtml } from '../../core/http/render.ts';
import { isId } from '../../core/ids/secrets.ts';
import { t } from '../../core/i18n/de.ts';
import { createJobSearch, kindLabel, KINDS, RADII, DEFAULT_RADIUS, MAX_TEXT, MAX_PLACE, parseSearch, type SearchHit, type SearchResult, type SearchErrors } from './service.ts';
import { postingActions, searchActions } from './slots.ts';

const LABELS: Record<string, string> = { was: 'Was', wo: 'Wo (Ort oder PLZ)', umkreis: 'Umkreis', art: 'Art', beginn: 'Beginn ab', sortierung: 'Sortierung' };
const GONE = 'Diese Stelle ist nicht mehr verfügbar';

/** 'YYYY-MM-DD' as 'dd.mm.yyyy'. */
export function germanDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** "ab August 2027" for a posting that starts some time in a month, else the day. */
export function startText(startsOn: string | null, startsMonth: boolean): string {
  if (!startsOn) return 'nach Vereinbarung';
  if (!startsMonth) return germanDay(startsOn);
  const month = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${startsOn}T00:00:00Z`));
  return `ab ${month}`;
}

/** Plain text as paragraphs and `- ` lists, every character escaped: an employer's text is never HTML. */
export function TextBlocks(props: { text: string }) {
  const blocks: ({ list: false; lines: string[] } | { list: true; items: string[] })[] = [];
  for (const raw of props.text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const last = blocks[blocks.length - 1];
    if (!line) {
      blocks.push({ list: false, lines: [] });
      continue;
    }
    if (/^[-•*]\s+/.test(line)) {
      const item = line.replace(/^[-•*]\s+/, '');
      if (last?.list) last.items.push(item);
      else blocks.push({ list: true, items: [item] });
    } else if (last && !last.list) last.lines.push(line);
    else blocks.push({ list: false, lines: [line] });
  }
  return (
    <>
      {blocks.map((b) =>
        b.list ? (
          <ul>
            {b.items.map((item) => (
              <li safe>{item}</li>
            ))}
          </ul>
        ) : b.lines.length ? (
          <p>{b.lines.map((l, i) => (i ? <br /> : '') + Html.escapeHtml(l)).join('')}</p>
        ) : (
          ''
        ),
      )}
    </>
  );
}

/** JSON for a <script> block: no `<`, `>`, `&` or line separators that could end it or confuse a parser. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const EMPLOYMENT_TYPE: Record<string, string> = { ausbildung: 'OTHER', praktikum: 'INTERN', duales_studium: 'OTHER', job: 'FULL_TIME' };

function queryString(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function SearchForm(props: { base: string; values: Record<string, string>; errors: Record<string, string> }) {
  const v = props.values;
  return (
    <form method="get" action={`${props.base}/suche`} class="search-form" role="search" aria-label="Stellenangebote suchen">
      <Field name="was" label={LABELS.was!} value={v.was} error={props.errors.was} maxlength={MAX_TEXT} hint="z. B. Kaufmann, Pflege, Informatik" />
      <Field name="wo" label={LABELS.wo!} value={v.wo} error={props.errors.wo} maxlength={MAX_PLACE} autocomplete="postal-code" />
      <Select
        name="umkreis"
        label={LABELS.umkreis!}
        value={v.umkreis || String(DEFAULT_RADIUS)}
        error={props.errors.umkreis}
        options={[...RADII.map((r) => ({ value: String(r), label: `${r} km` })), { value: 'bundesweit', label: 'bundesweit' }]}
      />
      <Select name="art" label={LABELS.art!} value={v.art} error={props.errors.art} placeholder="Alle" options={KINDS.map((k) => ({ value: k.value, label: k.label }))} />
      <Field name="beginn" label={LABELS.beginn!} value={v.beginn} error={props.errors.beginn} maxlength={7} hint="Monat als JJJJ-MM, z. B. 2027-08" />
      <Select
        name="sortierung"
        label={LABELS.sortierung!}
        value={v.sortierung || 'relevanz'}
        error={props.errors.sortierung}
        options={[
          { value: 'relevanz', label: 'Relevanz' },
          { value: 'datum', label: 'Datum' },
        ]}
      />
      <button type="submit" class="button">
        Suchen
      </button>
    </form>
  );
}

function Hit(props: { base: string; hit: SearchHit }) {
  const h = props.hit;
  return (
    <li class="card">
      <h3>
        <a href={`${props.base}/stellen/${h.id}`} safe>
          {h.title}
        </a>
      </h3>
      <dl class="facts">
        <dt>Arbeitgeber</dt>
        <dd safe>{h.companyName}</dd>
        <dt>Ort</dt>
        <dd>
          <span safe>{`${h.postalCode} ${h.city}`}</span>
          {h.distanceKm !== null ? ` (${Math.round(h.distanceKm)} km entfernt)` : ''}
        </dd>
        <dt>Art</dt>
        <dd safe>{kindLabel(h.kind)}</dd>
        <dt>Beginn</dt>
        <dd safe>{startText(h.startsOn, h.startsMonth)}</dd>
        <dt>Bewerbungsschluss</dt>
        <dd safe>{h.applyUntil ? germanDay(h.applyUntil) : 'keiner'}</dd>
      </dl>
    </li>
  );
}

function Results(props: { base: string; values: Record<string, string>; result: SearchResult }) {
  const { result, values, base } = props;
  const link = (changes: Record<string, string | undefined>) => `${base}/suche${queryString({ ...values, seite: undefined, ...changes })}`;
  const all = Object.values(result.facets).reduce((a, b) => a + b, 0);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" aria-live="polite">
        {result.total === 1 ? '1 Stellenangebot' : `${result.total} Stellenangebote`}
        {result.place ? <span safe>{` bei ${result.place.postalCode} ${result.place.place}`}</span> : ''}
      </h2>
      <nav aria-label="Nach Art filtern" class="facets">
        <ul>
          <li>
            {values.art ? <a href={link({ art: undefined })}>{`Alle Arten (${all})`}</a> : <strong>{`Alle Arten (${all})`}</strong>}
          </li>
          {KINDS.map((k) => (
            <li>
              {values.art === k.value ? (
                <strong aria-current="true">{`${k.label} (${result.facets[k.value]})`}</strong>
              ) : (
                <a href={link({ art: k.value })}>{`${k.label} (${result.facets[k.value]})`}</a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {result.hits.length ? (
        <ol class="results">
          {result.hits.map((hit) => (
            <Hit base={base} hit={hit} />
          ))}
        </ol>
      ) : (
        <p>Zu Ihrer Suche gibt es zurzeit keine Stellenangebote. Versuchen Sie einen anderen Begriff oder einen größeren Umkreis.</p>
      )}
      {result.pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {result.page > 1 ? <a href={link({ seite: String(result.page - 1) })}>Vorherige Seite</a> : ''}
          <span>{`Seite ${result.page} von ${result.pages}`}</span>
          {result.page < result.pages ? <a href={link({ seite: String(result.page + 1) })}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}
    </section>
  );
}

function SearchPage(props: { chrome: PortalChrome; base: string; values: Record<string, string>; errors: SearchErrors; result: SearchResult | null; actions?: string }) {
  const errors = Object.fromEntries(Object.entries(props.errors).map(([k, code]) => [k, t(code)]));
  return (
    <Layout title="Suche" chrome={props.chrome}>
      <h1>Stellenangebote suchen</h1>
      <ErrorSummary errors={errors} labels={LABELS} />
      <SearchForm base={props.base} values={props.values} errors={errors} />
      {props.actions ?? ''}
      {props.result ? <Results base={props.base} values={props.values} result={props.result} /> : ''}
    </Layout>
  );
}

type PostingRow = Extract<Awaited<ReturnType<ReturnType<typeof createJobSearch>['posting']>>, { found: true }>['posting'];

function postingJsonLd(p: PostingRow, url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: p.title,
    description: p.requirements ? `${p.description}\n\nAnforderungen:\n${p.requirements}` : p.description,
    datePosted: (p.published_at ? new Date(p.published_at) : new Date(p.created_at)).toISOString().slice(0, 10),
    ...(p.apply_until ? { validThrough: p.apply_until } : {}),
    employmentType: EMPLOYMENT_TYPE[p.kind] ?? 'OTHER',
    hiringOrganization: { '@type': 'Organization', name: p.company_name },
    jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', postalCode: p.postal_code, addressLocality: p.city, addressCountry: 'DE' } },
    url,
  };
}

function PostingPage(props: { chrome: PortalChrome; base: string; posting: PostingRow; url: string; actions?: string }) {
  const p = props.posting;
  const contact = p.last_name ? [p.salutation, p.contact_title, p.first_name, p.last_name].filter(Boolean).join(' ') : null;
  return (
    <Layout title={p.title} chrome={props.chrome}>
      <script type="application/ld+json">{scriptJson(postingJsonLd(p, props.url))}</script>
      <p>
        <a href={`${props.base}/suche`}>Zur Suche</a>
      </p>
      <h1 safe>{p.title}</h1>
      {p.logo_file_id ? (
        <p>
          <img src={`${props.base}/logos/${p.employer_id}?v=${p.logo_file_id}`} alt={`Firmenlogo von ${p.company_name}`} height="80" />
        </p>
      ) : (
        ''
      )}
      <dl class="facts">
        <dt>Art</dt>
        <dd safe>{kindLabel(p.kind)}</dd>
        <dt>Arbeitgeber</dt>
        <dd safe>{p.company_name}</dd>
        <dt>Ort</dt>
        <dd safe>{`${p.postal_code} ${p.city}`}</dd>
        <dt>Beginn</dt>
        <dd safe>{startText(p.starts_on, p.starts_month)}</dd>
        <dt>Bewerbungsschluss</dt>
        <dd safe>{p.apply_until ? germanDay(p.apply_until) : 'keiner'}</dd>
      </dl>
      {props.actions ?? ''}
      <section aria-labelledby="desc-title">
        <h2 id="desc-title">Beschreibung</h2>
        <TextBlocks text={p.description} />
      </section>
      {p.requirements ? (
        <section aria-labelledby="req-title">
          <h2 id="req-title">Anforderungen</h2>
          <TextBlocks text={p.requirements} />
        </section>
      ) : (
        ''
      )}
      {contact ? (
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">Ansprechpartner</h2>
          <p>
            <span safe>{contact}</span>
            <br />
            Telefon: <span safe>{p.phone ?? ''}</span>
            <br />
            E-Mail: <a href={`mailto:${encodeURI(p.email ?? '')}`} safe>{p.email ?? ''}</a>
          </p>
        </section>
      ) : (
        ''
      )}
      {p.apply_url || p.apply_email ? (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title">Bewerbung</h2>
          {p.apply_url && /^https?:\/\//i.test(p.apply_url) ? (
            <p>
              <a class="button" href={p.apply_url} rel="noopener noreferrer nofollow">
                Jetzt bewerben
              </a>
            </p>
          ) : (
            ''
          )}
          {p.apply_email ? (
            <p>
              Bewerbung per E-Mail an <a href={`mailto:${encodeURI(p.apply_email)}`} safe>{p.apply_email}</a>
            </p>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function GonePage(props: { chrome: PortalChrome; base: string; title: string }) {
  return (
    <Layout title={props.title} chrome={props.chrome}>
      <h1 safe>{props.title}</h1>
      <p>
        <a href={`${props.base}/suche`}>Weitere Stellenangebote finden Sie in der Suche.</a>
      </p>
    </Layout>
  );
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The public search, each posting's page and the sitemap: GET only, without login or script. */
export async function jobSearchRoutes(app: FastifyInstance, ctx: ModuleContext, portal: PortalDefinition) {
  const { base, chrome } = portal;
  const search = createJobSearch({ db: ctx.db, clock: ctx.clock });

  app.get(`${base}/suche`, async (request, reply) => {
    const raw = (request.query && typeof request.query === 'object' ? request.query : {}) as Record<string, unknown>;
    const { query, errors, values } = parseSearch(raw);
    if (Object.keys(errors).length) return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={errors} result={null} />, 422);
    const outcome = await search.search(query);
    if (!outcome.ok) return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={outcome.errors} result={null} />, 422);
    const actions = await searchActions(app, portal.key, request, reply, values);
    return sendHtml(reply, <SearchPage chrome={chrome} base={base} values={values} errors={{}} result={outcome.result} actions={actions} />);
  });

  app.get<{ Params: { id: string } }>(`${base}/stellen/:id`, async (request, reply) => {
    const id = request.params.id;
    const found = isId(id) ? await search.posting(id) : { found: false as const };
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
