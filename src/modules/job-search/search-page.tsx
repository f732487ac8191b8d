import Html from '@kitajs/html';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import { Layout } from '../../core/ui/layout.tsx';
import { ErrorSummary, Field, Select } from '../../core/ui/components.tsx';
import { t } from '../../core/i18n/de.ts';
import { kindLabel, KINDS, RADII, DEFAULT_RADIUS, MAX_TEXT, MAX_PLACE, type SearchHit, type SearchResult, type SearchErrors } from './service.ts';
import { germanDay, startText } from './posting-page.tsx';

const LABELS: Record<string, string> = { was: 'Was', wo: 'Wo (Ort oder PLZ)', umkreis: 'Umkreis', art: 'Art', beginn: 'Beginn ab', sortierung: 'Sortierung' };

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

export function SearchPage(props: { chrome: PortalChrome; base: string; values: Record<string, string>; errors: SearchErrors; result: SearchResult | null; actions?: string }) {
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
