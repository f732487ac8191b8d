import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../core/db/schema.ts';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { PostingKind } from '../../core/db/values.ts';
import type { SearchCode } from './messages.ts';
import { ensurePlzCentroids } from './plz.ts';

export const PAGE_SIZE = 20;
export const RADII = [10, 25, 50, 100, 200] as const;
export const DEFAULT_RADIUS = 25;
export const MAX_TEXT = 200;
export const MAX_PLACE = 100;

/** The kinds of offer with the words the manual uses for them. */
export const KINDS: readonly { value: PostingKind; label: string }[] = [
  { value: 'ausbildung', label: 'Ausbildung' },
  { value: 'praktikum', label: 'Praktikum' },
  { value: 'duales_studium', label: 'Duales Studium' },
  { value: 'job', label: 'Job' },
];
export const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;

export type Sort = 'relevanz' | 'datum';

export interface SearchQuery {
  text?: string;
  kind?: PostingKind;
  /** a five-digit PLZ or a place name */
  where?: string;
  /** km around `where`; null is bundesweit */
  radiusKm?: number | null;
  /** 'YYYY-MM': postings that start in this month or later, and those without a fixed start */
  startsFrom?: string;
  sort?: Sort;
  page?: number;
}

export interface Place {
  postalCode: string;
  place: string;
  lat: number;
  lon: number;
}

export interface SearchHit {
  id: string;
  title: string;
  kind: PostingKind;
  companyName: string;
  postalCode: string;
  city: string;
  startsOn: string | null;
  startsMonth: boolean;
  applyUntil: string | null;
  publishedAt: Date | null;
  distanceKm: number | null;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  /** how many postings of each kind the other filters find */
  facets: Record<PostingKind, number>;
  page: number;
  pages: number;
  place: Place | null;
}

export type SearchErrors = Partial<Record<'was' | 'wo' | 'umkreis' | 'art' | 'beginn' | 'sortierung', SearchCode>>;

/** Today in Europe/Berlin as 'YYYY-MM-DD': a deadline holds through its whole day there. */
export function berlinToday(clock: Clock): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(clock.now());
}

/**
 * A posting's weighted search document: its title (A), its employer's name (B), its description and
 * requirements (C). `posting` and `employer` are the aliases of job_postings and jobmaster_employers.
 */
export function postingSearchDocument(posting = 'p', employer = 'e'): RawBuilder<string> {
  const p = (column: string) => sql.ref(`${posting}.${column}`);
  return sql<string>`setweight(to_tsvector('german', coalesce(${p('title')}, '')), 'A')
    || setweight(to_tsvector('german', coalesce(${sql.ref(`${employer}.company_name`)}, '')), 'B')
    || setweight(to_tsvector('german', coalesce(${p('description')}, '') || ' ' || coalesce(${p('requirements')}, '')), 'C')`;
}

/**
 * Writes a posting's search document and its place (the centroid of its PLZ) from the posting and its
 * employer's name. Whatever writes a posting, or renames an employer, calls this in the same transaction.
 */
export async function refreshSearch(trx: Kysely<Database>, postingId: string): Promise<void> {
  await ensurePlzCentroids(trx);
  await sql`
    update job_postings p set
      search = ${postingSearchDocument('p', 'e')},
      lat = (select c.lat from plz_centroids c where c.postal_code = p.postal_code),
      lon = (select c.lon from plz_centroids c where c.postal_code = p.postal_code)
    from jobmaster_employers e
    where e.id = p.employer_id and p.id = ${postingId}
  `.execute(trx);
}

/** A five-digit PLZ, or a place name (any case; a place with several PLZ is found at its first). */
export async function findPlace(db: Kysely<Database>, where: string): Promise<Place | null> {
  const value = where.trim();
  const plz = /^([0-9]{5})(\s|$)/.exec(value)?.[1];
  await ensurePlzCentroids(db);
  const query = db.selectFrom('plz_centroids').select(['postal_code', 'place', 'lat', 'lon']);
  const row = plz
    ? await query.where('postal_code', '=', plz).executeTakeFirst()
    : await query.where(sql<boolean>`lower(place) = lower(${value})`).orderBy('postal_code').limit(1).executeTakeFirst();
  return row ? { postalCode: row.postal_code, place: row.place, lat: row.lat, lon: row.lon } : null;
}

/** What a visitor may see: active, not past its deadline (Berlin time), by a released employer. */
export function visible(today: string): RawBuilder<boolean> {
  return sql<boolean>`p.status = 'active' and (p.apply_until is null or p.apply_until >= ${today}) and e.status = 'released'`;
}

function distanceSql(place: Place): RawBuilder<number> {
  return sql<number>`(12742 * asin(least(1, sqrt(
    power(sin(radians(p.lat - ${place.lat}) / 2), 2)
    + cos(radians(${place.lat})) * cos(radians(p.lat)) * power(sin(radians(p.lon - ${place.lon}) / 2), 2)))))`;
}

/**
 * The text search. Plain words also find the longer words they begin, as German compounds are one
 * word ("Pflege" finds "Pflegefachmann", "Lager" finds "Lagerlogistik"): each word becomes a prefix
 * term, all of them required. A query with websearch syntax (quotes, "or", a leading "-") keeps its
 * meaning through `websearch_to_tsquery`.
 */
export function textQuery(text: string): RawBuilder<unknown> {
  const words = text.split(/\s+/).filter(Boolean);
  const plain = words.every((w) => /^[\p{L}\p{N}]+$/u.test(w) && w.toLowerCase() !== 'or');
  if (!plain) return sql`websearch_to_tsquery('german', ${text})`;
  // each word is only letters and digits, so it cannot carry tsquery syntax
  const prefixed = words.map((w) => `${w}:*`).join(' & ');
  return sql`to_tsquery('german', ${prefixed})`;
}

export function createJobSearch(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    findPlace: (where: string) => findPlace(db, where),

    /**
     * The visible postings that match; the caller has checked the query's fields (parseSearch).
     * A place that is not known is the field error `search.unknown_place`.
     */
    async search(query: SearchQuery): Promise<{ ok: true; result: SearchResult } | { ok: false; errors: SearchErrors }> {
      const today = berlinToday(clock);
      const text = query.text?.trim() ? query.text.trim() : null;
      let place: Place | null = null;
      if (query.where?.trim()) {
        place = await findPlace(db, query.where);
        if (!place) return { ok: false, errors: { wo: 'search.unknown_place' } };
      }
      const radius = place ? (query.radiusKm === undefined ? DEFAULT_RADIUS : query.radiusKm) : null;
      const tsquery = text ? textQuery(text) : null;

      const filters: RawBuilder<unknown>[] = [visible(today)];
      if (tsquery) filters.push(sql`p.search @@ ${tsquery}`);
      // a posting without a fixed start ("nach Vereinbarung") can begin in any month, so it stays in
      if (query.startsFrom) filters.push(sql`(p.starts_on is null or p.starts_on >= ${`${query.startsFrom}-01`})`);
      if (place && radius !== null) {
        const dLat = radius / 111.2;
        const dLon = radius / (111.2 * Math.max(0.01, Math.cos((place.lat * Math.PI) / 180)));
        filters.push(sql`p.lat between ${place.lat - dLat} and ${place.lat + dLat} and p.lon between ${place.lon - dLon} and ${place.lon + dLon}`);
        filters.push(sql`${distanceSql(place)} <= ${radius}`);
      }
      const from = sql`from job_postings p join jobmaster_employers e on e.id = p.employer_id`;
      const where = sql.join(filters, sql` and `);

      const facetRows = await sql<{ kind: PostingKind; n: number | string }>`select p.kind, count(*) as n ${from} where ${where} group by p.kind`.execute(db);
      const facets = Object.fromEntries(KINDS.map((k) => [k.value, 0])) as Record<PostingKind, number>;
      for (const row of facetRows.rows) facets[row.kind] = Number(row.n);
      const total = query.kind ? facets[query.kind] : Object.values(facets).reduce((a, b) => a + b, 0);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(Math.max(1, query.page ?? 1), pages);

      const all = query.kind ? sql.join([where, sql`p.kind = ${query.kind}`], sql` and `) : where;
      const rank = tsquery ? sql`ts_rank(p.search, ${tsquery})` : sql`0`;
      const order = query.sort === 'datum' || !tsquery
        ? sql`p.published_at desc nulls last, p.id`
        : sql`rank desc, p.published_at desc nulls last, p.id`;
      const rows = await sql<{
        id: string; title: string; kind: PostingKind; company_name: string; postal_code: string; city: string;
        starts_on: string | null; starts_month: boolean; apply_until: string | null; published_at: Date | string | null; distance: number | null; rank: number;
      }>`
        select p.id, p.title, p.kind, e.company_name, p.postal_code, p.city, p.starts_on, p.starts_month, p.apply_until, p.published_at,
          ${place ? sql`case when p.lat is null then null else ${distanceSql(place)} end` : sql`null`} as distance, ${rank} as rank
        ${from} where ${all}
        order by ${order}
        limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}
      `.execute(db);
      const hits = rows.rows.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        companyName: r.company_name,
        postalCode: r.postal_code,
        city: r.city,
        startsOn: r.starts_on,
        startsMonth: r.starts_month,
        applyUntil: r.apply_until,
        publishedAt: r.published_at === null ? null : new Date(r.published_at),
        distanceKm: r.distance === null ? null : Number(r.distance),
      }));
      return { ok: true, result: { hits, total, facets, page, pages, place } };
    },

    /** One visible posting with its employer and contact, or why it is not shown. */
    async posting(id: string) {
      const row = await db
        .selectFrom('job_postings as p')
        .innerJoin('jobmaster_employers as e', 'e.id', 'p.employer_id')
        .leftJoin('jobmaster_contacts as c', 'c.id', 'p.contact_id')
        .select([
          'p.id', 'p.title', 'p.kind', 'p.starts_on', 'p.starts_month', 'p.postal_code', 'p.city', 'p.description', 'p.requirements',
          'p.apply_until', 'p.apply_url', 'p.apply_email', 'p.status', 'p.published_at', 'p.created_at',
          'e.id as employer_id', 'e.company_name', 'e.status as employer_status', 'e.logo_file_id',
          'c.salutation', 'c.title as contact_title', 'c.first_name', 'c.last_name', 'c.phone', 'c.email',
        ])
        .where('p.id', '=', id)
        .executeTakeFirst();
      if (!row) return { found: false as const };
      const today = berlinToday(clock);
      const shown = row.status === 'active' && row.employer_status === 'released' && (row.apply_until === null || row.apply_until >= today);
      return { found: true as const, shown, posting: row };
    },

    /** Every visible posting's id and when it last changed, for the sitemap. */
    async visibleIds(): Promise<{ id: string; updatedAt: Date }[]> {
      const rows = await sql<{ id: string; updated_at: Date | string }>`
        select p.id, p.updated_at from job_postings p join jobmaster_employers e on e.id = p.employer_id
        where ${visible(berlinToday(clock))} order by p.published_at desc nulls last, p.id limit 50000
      `.execute(db);
      return rows.rows.map((r) => ({ id: r.id, updatedAt: new Date(r.updated_at) }));
    },
  };
}

export type JobSearch = ReturnType<typeof createJobSearch>;

/**
 * The search's query string as the form sends it (was, wo, umkreis, art, beginn, sortierung, seite).
 * A field given twice, too long, or with a value not offered is a field error; nothing here throws.
 */
export function parseSearch(raw: Record<string, unknown>): { query: SearchQuery; errors: SearchErrors; values: Record<string, string> } {
  const errors: SearchErrors = {};
  const values: Record<string, string> = {};
  const one = (name: keyof SearchErrors | 'seite'): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      if (name !== 'seite') errors[name] = 'search.repeated';
      return undefined;
    }
    values[name] = value.slice(0, 300);
    return value.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  };
  const query: SearchQuery = {};

  const text = one('was');
  if (text !== undefined) {
    if (text.length > MAX_TEXT) errors.was = 'search.text_too_long';
    else if (text) query.text = text;
  }
  const where = one('wo');
  if (where !== undefined) {
    if (where.length > MAX_PLACE) errors.wo = 'search.place_too_long';
    else if (where) query.where = where;
  }
  const radius = one('umkreis');
  if (radius !== undefined && radius !== '') {
    if (radius === 'bundesweit') query.radiusKm = null;
    else if (/^[0-9]{1,3}$/.test(radius) && (RADII as readonly number[]).includes(Number(radius))) query.radiusKm = Number(radius);
    else errors.umkreis = 'search.invalid_radius';
  }
  const kind = one('art');
  if (kind !== undefined && kind !== '') {
    if (KINDS.some((k) => k.value === kind)) query.kind = kind as PostingKind;
    else errors.art = 'search.invalid_kind';
  }
  const month = one('beginn');
  if (month !== undefined && month !== '') {
    const m = /^([0-9]{4})-([0-9]{2})$/.exec(month);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 2000 && Number(m[1]) <= 2100) query.startsFrom = month;
    else errors.beginn = 'search.invalid_month';
  }
  const sort = one('sortierung');
  if (sort !== undefined && sort !== '') {
    if (sort === 'relevanz' || sort === 'datum') query.sort = sort;
    else errors.sortierung = 'search.invalid_sort';
  }
  const page = one('seite');
  const n = page && /^[0-9]{1,5}$/.test(page) ? Number(page) : 1;
  query.page = Math.max(1, n);
  return { query, errors, values };
}
