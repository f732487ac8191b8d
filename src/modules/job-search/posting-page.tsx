import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { Layout } from '../../core/ui/layout.tsx';
import { kindLabel, type createJobSearch } from './service.ts';

export const GONE = 'Diese Stelle ist nicht mehr verfügbar';

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

export function PostingPage(props: { chrome: PortalChrome; base: string; posting: PostingRow; url: string; actions?: string }) {
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

export function GonePage(props: { chrome: PortalChrome; base: string; title: string }) {
  return (
    <Layout title={props.title} chrome={props.chrome}>
      <h1 safe>{props.title}</h1>
      <p>
        <a href={`${props.base}/suche`}>Weitere Stellenangebote finden Sie in der Suche.</a>
      </p>
    </Layout>
  );
}
