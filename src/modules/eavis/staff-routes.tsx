import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, FileField, PageMessages, formatDateTime } from '../../core/ui/components.tsx';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { t } from '../../core/i18n/de.ts';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendFile, sendHtml } from '../../core/http/render.ts';
import { checkIk } from '../../core/identifiers/checks.ts';
import { AdviceItemsTable } from './advice-table.tsx';
import { ADVICE_PAGE_SIZE, MAX_ITEMS, checkAdvice, fieldLabel, formatEuro, germanDay, parseMoney, type StoredAdvice } from './model.ts';
import { CSV_COLUMNS, importAdvices, problemWhere, type ImportProblem } from './import.ts';
import { EavisBatchError } from './service.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';

const ROWS_START = 5;
const ROWS_MORE = 5;
/** the advice fields of the form and, per item row, its fields; amounts are typed in euros */
const ADVICE_FIELDS = ['ik', 'adviceNumber', 'adviceDate', 'valueDate', 'payer', 'iban', 'total'] as const;
const ITEM_FIELDS = ['invoiceNumber', 'invoiceDate', 'invoiced', 'deduction', 'paid', 'reason', 'reference'] as const;
type ItemField = (typeof ITEM_FIELDS)[number];

const ITEM_LABELS: Record<ItemField, string> = {
  invoiceNumber: 'Rechnungsnummer',
  invoiceDate: 'Rechnungsdatum',
  invoiced: 'Rechnungsbetrag (€)',
  deduction: 'Abzug (€)',
  paid: 'Zahlbetrag (€)',
  reason: 'Abzugsgrund',
  reference: 'Referenz',
};
const ADVICE_LABELS: Record<string, string> = {
  ik: 'IK des Zahlungsempfängers',
  adviceNumber: 'Avisnummer',
  adviceDate: 'Avisdatum',
  valueDate: 'Valutadatum',
  payer: 'Zahler',
  iban: 'IBAN des Zahlungsempfängers',
  total: 'Gesamtbetrag (€)',
  items: 'Positionen',
};
/** model field → form field (items.N.x is mapped per row separately) */
const FORM_FIELD: Record<string, string> = { totalCents: 'total', invoicedCents: 'invoiced', paidCents: 'paid', deductionCents: 'deduction', deductionReason: 'reason' };

const itemName = (row: number, field: ItemField) => `p${row}_${field}`;

const EAVIS_STATE: Record<string, string> = {
  requested: 'Teilnahme beantragt',
  end_requested: 'Beendigung beantragt',
};

/**
 * The insurer's side of the eAvis (manual 002): the work list "eAvis-Anträge" (applications
 * and endings to confirm), the published advices, publishing one advice by form and many by
 * a CSV or JSON import (all or nothing).
 */
export async function eavisBackofficeRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  requireStaff: (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>,
) {
  const { eavis, sessions } = deps;
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);
  const insurerName = (id: string) => deps.insurers.find((i) => i.id === id)?.name ?? id;

  // ------------------------------------------------------------------ overview

  async function overview(request: FastifyRequest, reply: FastifyReply, member: StaffMember, messages: { notice?: string; error?: string; status?: number } = {}) {
    const q = request.query as Record<string, unknown>;
    const ikRaw = typeof q.ik === 'string' ? q.ik.trim().slice(0, 20) : '';
    const page = Math.min(10_000, Math.max(1, Number.parseInt(typeof q.seite === 'string' ? q.seite.slice(0, 6) : '1', 10) || 1));
    let ikError: string | undefined;
    let ik: string | undefined;
    if (ikRaw) {
      const r = checkIk(ikRaw);
      if (r.ok) ik = r.value;
      else ikError = r.code;
    }
    const [pending, published] = await Promise.all([eavis.pending(member), eavis.listForStaff(member, { ik, page })]);
    const pages = Math.max(1, Math.ceil(published.total / ADVICE_PAGE_SIZE));
    const link = (p: number) => `${BO}/zahlungsavise?ik=${encodeURIComponent(ik ?? '')}&seite=${p}`;
    const token = csrf(request, reply);
    return sendHtml(
      reply,
      <Layout title={ikError ? 'Fehler: Zahlungsavise' : 'Zahlungsavise'} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={token} insurers={deps.insurers} />
        <h1>Zahlungsavise (eAvis)</h1>
        <PageMessages notice={messages.notice} error={messages.error} />
        <p class="actions actions--left">
          <a class="button" href={`${BO}/zahlungsavise/veroeffentlichen`}>
            Zahlungsavis veröffentlichen
          </a>
          <a class="button button--secondary" href={`${BO}/zahlungsavise/import`}>
            Zahlungsavise importieren
          </a>
        </p>

        <h2>eAvis-Anträge</h2>
        {pending.length ? (
          <div class="table-scroll">
<table class="table">
            <thead>
              <tr>
                <th scope="col">Eingang</th>
                <th scope="col">IK</th>
                <th scope="col">Einrichtung</th>
                <th scope="col">Antrag</th>
                <th scope="col">Kasse</th>
                <th scope="col">Entscheidung</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr>
                  <td>{r.eavis_changed_at ? formatDateTime(new Date(r.eavis_changed_at)) : ''}</td>
                  <td safe>{r.ik}</td>
                  <td safe>{r.institution ?? '(nicht im IK-Register)'}</td>
                  <td safe>{EAVIS_STATE[r.eavis] ?? r.eavis}</td>
                  <td safe>{insurerName(r.insurer_id)}</td>
                  <td>
                    <form method="post" action={`${BO}/zahlungsavise/antraege/${r.id}/bestaetigen`} class="inline">
                      <CsrfField token={token} />
                      <button type="submit" class="button">
                        Bestätigen
                      </button>
                    </form>{' '}
                    <form method="post" action={`${BO}/zahlungsavise/antraege/${r.id}/ablehnen`} class="inline">
                      <CsrfField token={token} />
                      <button type="submit" class="button button--secondary">
                        Ablehnen
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
</div>
        ) : (
          <p>Keine offenen eAvis-Anträge.</p>
        )}

        <h2>Veröffentlichte Zahlungsavise</h2>
        <ErrorSummary errors={ikError ? { ik: t(ikError) } : {}} labels={{ ik: 'IK' }} />
        <form method="get" action={`${BO}/zahlungsavise`} class="filter">
          <div class="row">
            <Field name="ik" label="IK" value={ikRaw} error={ikError ? t(ikError) : undefined} maxlength={9} inputmode="numeric" />
          </div>
          <button type="submit" class="button button--secondary">
            Filtern
          </button>
        </form>
        <p role="status" safe>{`${published.total} Zahlungsavis${published.total === 1 ? '' : 'e'}`}</p>
        {published.rows.length ? (
          <div class="table-scroll">
<table class="table">
            <thead>
              <tr>
                <th scope="col">Veröffentlicht</th>
                <th scope="col">IK</th>
                <th scope="col">Einrichtung</th>
                <th scope="col">Avisnummer</th>
                <th scope="col">Avisdatum</th>
                <th scope="col">Gesamtbetrag</th>
                <th scope="col">Status beim Leistungserbringer</th>
              </tr>
            </thead>
            <tbody>
              {published.rows.map((r) => (
                <tr>
                  <td safe>{formatDateTime(new Date(r.published_at))}</td>
                  <td safe>{r.ik}</td>
                  <td safe>{r.institution ?? ''}</td>
                  <td>
                    <a href={`${BO}/zahlungsavise/${r.id}`} safe>
                      {r.advice_number}
                    </a>
                  </td>
                  <td safe>{germanDay(r.advice_date)}</td>
                  <td safe>{formatEuro(r.total_cents)}</td>
                  <td>{r.deleted ? <strong>vom Leistungserbringer gelöscht</strong> : r.archived_at ? 'archiviert' : r.opened_at ? 'abgerufen' : 'neu'}</td>
                </tr>
              ))}
            </tbody>
          </table>
</div>
        ) : (
          <p>Keine Zahlungsavise.</p>
        )}
        {pages > 1 ? (
          <nav aria-label="Seiten" class="pager">
            {page > 1 ? <a href={link(page - 1)}>Vorherige Seite</a> : ''}
            <span safe>{`Seite ${page} von ${pages}`}</span>
            {page < pages ? <a href={link(page + 1)}>Nächste Seite</a> : ''}
          </nav>
        ) : (
          ''
        )}
      </Layout>,
      messages.status ?? (ikError ? 422 : 200),
    );
  }

  app.get(`${BO}/zahlungsavise`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const q = (request.query as Record<string, unknown>).hinweis;
    const count = Number.parseInt(String((request.query as Record<string, unknown>).anzahl ?? '0'), 10) || 0;
    const notice =
      q === 'bestaetigt'
        ? 'Der Antrag wurde bestätigt. Die Administratoren des Leistungserbringers wurden per E-Mail informiert.'
        : q === 'abgelehnt'
          ? 'Der Antrag wurde abgelehnt. Die Administratoren des Leistungserbringers wurden per E-Mail informiert.'
          : q === 'veroeffentlicht'
            ? 'Das Zahlungsavis wurde veröffentlicht. Der Leistungserbringer wurde per E-Mail (ohne Inhalt) informiert.'
            : q === 'importiert'
              ? `${count} Zahlungsavis${count === 1 ? ' wurde' : 'e wurden'} veröffentlicht. Die Leistungserbringer wurden per E-Mail (ohne Inhalt) informiert.`
              : undefined;
    return overview(request, reply, member, { notice });
  });

  for (const [path, approve] of [['bestaetigen', true], ['ablehnen', false]] as const) {
    app.post(`${BO}/zahlungsavise/antraege/:id/${path}`, async (request, reply) => {
      const member = await requireStaff(request, reply);
      if (!member) return reply;
      try {
        await eavis.decide(member, (request.params as { id: string }).id, approve, request.ip);
      } catch (error) {
        if (error instanceof AppError && error.code === 'eavis.nothing_pending') return overview(request, reply, member, { error: error.code, status: 409 });
        throw error;
      }
      return seeOther(reply, `${BO}/zahlungsavise?hinweis=${approve ? 'bestaetigt' : 'abgelehnt'}`);
    });
  }

  // ------------------------------------------------------------------ one advice

  app.get(`${BO}/zahlungsavise/:id`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const advice = await eavis.getForStaff(member, (request.params as { id: string }).id, request.ip);
    return sendHtml(
      reply,
      <Layout title={`Zahlungsavis ${advice.adviceNumber}`} chrome={chrome}>
        <StaffBar chrome={chrome} staff={member} csrf={csrf(request, reply)} insurers={deps.insurers} />
        <p>
          <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
        </p>
        <h1 safe>{`Zahlungsavis ${advice.adviceNumber}`}</h1>
        {advice.deletedAt ? (
          <PageMessages notice={`Der Leistungserbringer hat dieses Zahlungsavis am ${formatDateTime(advice.deletedAt)} in seinem Portal gelöscht. Für die Kasse bleibt es erhalten.`} />
        ) : (
          ''
        )}
        <AdviceDetails advice={advice} />
        <p class="download-links">
          <a href={`${BO}/zahlungsavise/${advice.id}/pdf`}>Als PDF herunterladen</a> <a href={`${BO}/zahlungsavise/${advice.id}/csv`}>Als CSV herunterladen</a>
        </p>
      </Layout>,
    );
  });

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`${BO}/zahlungsavise/:id/${format}`, async (request, reply) => {
      const member = await requireStaff(request, reply);
      if (!member) return reply;
      return sendFile(reply, await eavis.documentForStaff(member, (request.params as { id: string }).id, format, request.ip));
    });
  }

  // ------------------------------------------------------------------ publish one advice by form

  function PublishPage(props: { member: StaffMember; csrf: string; rows: number; values: Record<string, string>; errors: Record<string, string> }) {
    const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v)]));
    const v = props.values;
    const labels: Record<string, string> = { ...ADVICE_LABELS };
    for (let i = 0; i < props.rows; i++) for (const f of ITEM_FIELDS) labels[itemName(i, f)] = `Position ${i + 1}: ${ITEM_LABELS[f]}`;
    return (
      <Layout title={Object.keys(e).length ? 'Fehler: Zahlungsavis veröffentlichen' : 'Zahlungsavis veröffentlichen'} chrome={chrome}>
        <StaffBar chrome={chrome} staff={props.member} csrf={props.csrf} insurers={deps.insurers} />
        <p>
          <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
        </p>
        <h1>Zahlungsavis veröffentlichen</h1>
        <p>
          Das Zahlungsavis wird dem Leistungserbringer mit diesem IK im Portal bereitgestellt; seine LE-Admins und die berechtigten Nutzer erhalten eine E-Mail ohne Inhalt. Das elektronische Zahlungsavis muss für das IK
          aktiv sein. Beträge in Euro (z. B. 1.234,56), Daten als TT.MM.JJJJ. Der Zahlbetrag jeder Position ist Rechnungsbetrag minus Abzug, der Gesamtbetrag die Summe der Zahlbeträge.
        </p>
        <ErrorSummary errors={e} labels={labels} />
        <form method="post" action={`${BO}/zahlungsavise/veroeffentlichen`} novalidate>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="rows" value={String(props.rows)} />
          <div class="row">
            <Field name="ik" label={ADVICE_LABELS.ik!} value={v.ik} error={e.ik} maxlength={9} inputmode="numeric" required />
            <Field name="adviceNumber" label={ADVICE_LABELS.adviceNumber!} value={v.adviceNumber} error={e.adviceNumber} maxlength={35} required />
          </div>
          <div class="row">
            <Field name="adviceDate" label={ADVICE_LABELS.adviceDate!} value={v.adviceDate} error={e.adviceDate} hint="TT.MM.JJJJ" maxlength={10} required />
            <Field name="valueDate" label={ADVICE_LABELS.valueDate!} value={v.valueDate} error={e.valueDate} hint="TT.MM.JJJJ" maxlength={10} required />
          </div>
          <div class="row">
            <Field name="payer" label={ADVICE_LABELS.payer!} value={v.payer} error={e.payer} maxlength={120} required />
            <Field name="iban" label={ADVICE_LABELS.iban!} value={v.iban} error={e.iban} hint="Wird nur maskiert gespeichert und angezeigt." maxlength={34} required />
            <Field name="total" label={ADVICE_LABELS.total!} value={v.total} error={e.total} maxlength={20} required />
          </div>
          <h2>Positionen</h2>
          {e.items ? (
            <p class="field-error" id="f-items-error">
              <span class="visually-hidden">Fehler: </span>
              <span safe>{e.items}</span>
            </p>
          ) : (
            ''
          )}
          <div class="table-scroll">
<table class="table" id="f-items">
            <thead>
              <tr>
                <th scope="col">Pos.</th>
                {ITEM_FIELDS.map((f) => (
                  <th scope="col" safe>
                    {ITEM_LABELS[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: props.rows }, (_, i) => (
                <tr>
                  <td safe>{String(i + 1)}</td>
                  {ITEM_FIELDS.map((f) => {
                    const name = itemName(i, f);
                    const error = e[name];
                    return (
                      <td class={error ? 'field--error' : ''}>
                        <label class="visually-hidden" for={`f-${name}`} safe>
                          {labels[name]}
                        </label>
                        <input
                          id={`f-${name}`}
                          name={name}
                          type="text"
                          value={v[name]}
                          size={f === 'reason' ? '18' : f === 'invoiceNumber' || f === 'reference' ? '12' : '10'}
                          maxlength={f === 'reason' ? '200' : '35'}
                          aria-invalid={error ? 'true' : undefined}
                          aria-describedby={error ? `f-${name}-error` : undefined}
                        />
                        {error ? (
                          <p class="field-error" id={`f-${name}-error`}>
                            <span class="visually-hidden">Fehler: </span>
                            <span safe>{error}</span>
                          </p>
                        ) : (
                          ''
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
</div>
          <div class="actions actions--left">
            {props.rows < MAX_ITEMS ? (
              <button type="submit" name="aktion" value="mehr" class="button button--secondary">
                Weitere Positionen
              </button>
            ) : (
              ''
            )}
            <button type="submit" name="aktion" value="veroeffentlichen" class="button">
              Veröffentlichen
            </button>
          </div>
        </form>
      </Layout>
    );
  }

  app.get(`${BO}/zahlungsavise/veroeffentlichen`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const payer = member.role === 'clerk' && member.insurerId ? insurerName(member.insurerId) : '';
    return sendHtml(reply, <PublishPage member={member} csrf={csrf(request, reply)} rows={ROWS_START} values={{ payer }} errors={{}} />);
  });

  app.post(`${BO}/zahlungsavise/veroeffentlichen`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('request.malformed', 400);
    const entries = Object.entries(body as Record<string, unknown>);
    if (entries.length > ADVICE_FIELDS.length + 4 + ITEM_FIELDS.length * MAX_ITEMS) throw new AppError('request.malformed', 400);
    const raw: Record<string, string> = {};
    for (const [k, value] of entries) {
      if (typeof value !== 'string') throw new AppError('request.malformed', 400);
      raw[k] = value.slice(0, 300);
    }
    const shownRows = Math.min(MAX_ITEMS, Math.max(ROWS_START, Number.parseInt(raw.rows ?? '', 10) || ROWS_START));
    const values: Record<string, string> = {};
    for (const f of ADVICE_FIELDS) values[f] = raw[f] ?? '';
    for (let i = 0; i < shownRows; i++) for (const f of ITEM_FIELDS) values[itemName(i, f)] = raw[itemName(i, f)] ?? '';
    const again = (rows: number, errors: FieldErrors, status: number) =>
      sendHtml(reply, <PublishPage member={member} csrf={csrf(request, reply)} rows={rows} values={values} errors={errors} />, status);

    if (raw.aktion === 'mehr') return again(Math.min(MAX_ITEMS, shownRows + ROWS_MORE), {}, 200);

    const errors: FieldErrors = {};
    const money = (field: string, optional = false): number => {
      if (optional && !values[field]!.trim()) return 0;
      const m = parseMoney(values[field]);
      if (m.ok) return m.cents;
      errors[field] = m.code;
      return 0;
    };
    // rows left empty are not part of the advice; the model's item index maps back to its row
    const rowOf: number[] = [];
    const items = [];
    for (let i = 0; i < shownRows; i++) {
      if (ITEM_FIELDS.every((f) => !values[itemName(i, f)]!.trim())) continue;
      rowOf.push(i);
      items.push({
        invoiceNumber: values[itemName(i, 'invoiceNumber')]!,
        invoiceDate: values[itemName(i, 'invoiceDate')]!,
        invoicedCents: money(itemName(i, 'invoiced')),
        deductionCents: money(itemName(i, 'deduction'), true),
        paidCents: money(itemName(i, 'paid')),
        deductionReason: values[itemName(i, 'reason')] || null,
        reference: values[itemName(i, 'reference')] || null,
      });
    }
    const input = { ik: values.ik!, adviceNumber: values.adviceNumber!, adviceDate: values.adviceDate!, valueDate: values.valueDate!, payer: values.payer!, iban: values.iban!, totalCents: money('total'), items };
    const toFormField = (field: string) => {
      const m = field.match(/^items\.(\d+)\.(\w+)$/);
      if (m) return itemName(rowOf[Number(m[1])] ?? 0, (FORM_FIELD[m[2]!] ?? m[2]) as ItemField);
      return FORM_FIELD[field] ?? field;
    };
    const moneyBroken = Object.keys(errors).length > 0;
    const checked = checkAdvice(input);
    if (!checked.ok) {
      for (const p of checked.problems) {
        // sums over an amount that could not be read say nothing new
        if (moneyBroken && (p.code === 'eavis.sum_mismatch' || p.code === 'eavis.item_sum_mismatch')) continue;
        const field = toFormField(p.field);
        errors[field] ??= p.code;
      }
    }
    if (Object.keys(errors).length) return again(shownRows, errors, 422);
    try {
      await eavis.publish(member, [input], 'form', request.ip);
    } catch (error) {
      if (!(error instanceof EavisBatchError)) throw error;
      for (const p of error.problems) errors[toFormField(p.field)] ??= p.code;
      return again(shownRows, errors, 422);
    }
    return seeOther(reply, `${BO}/zahlungsavise?hinweis=veroeffentlicht`);
  });

  // ------------------------------------------------------------------ import many advices

  function ImportPage(props: { member: StaffMember; csrf: string; error?: string; problems?: ImportProblem[] }) {
    const problems = props.problems ?? [];
    const failed = Boolean(props.error || problems.length);
    return (
      <Layout title={failed ? 'Fehler: Zahlungsavise importieren' : 'Zahlungsavise importieren'} chrome={chrome}>
        <StaffBar chrome={chrome} staff={props.member} csrf={props.csrf} insurers={deps.insurers} />
        <p>
          <a href={`${BO}/zahlungsavise`}>← Zahlungsavise</a>
        </p>
        <h1>Zahlungsavise importieren</h1>
        {problems.length ? (
          <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="import-errors-title">
            <h2 id="import-errors-title" safe>{`Es wurde nichts veröffentlicht: ${problems.length} Fehler`}</h2>
            <div class="table-scroll">
<table class="table">
              <thead>
                <tr>
                  <th scope="col">Stelle</th>
                  <th scope="col">Fehler</th>
                </tr>
              </thead>
              <tbody>
                {problems.slice(0, 200).map((p) => (
                  <tr>
                    <td safe>{problemWhere(p)}</td>
                    <td safe>{t(p.code)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
</div>
            {problems.length > 200 ? <p safe>{`… und ${problems.length - 200} weitere.`}</p> : ''}
          </div>
        ) : (
          ''
        )}
        <form method="post" action={`${BO}/zahlungsavise/import`} enctype="multipart/form-data" novalidate>
          <CsrfField token={props.csrf} />
          <FileField name="files" label="Datei (CSV oder JSON)" error={props.error ? t(props.error) : undefined} accept=".csv,.json,text/csv,application/json" />
          <button type="submit" class="button">
            Importieren und veröffentlichen
          </button>
        </form>
        <h2>Alles oder nichts</h2>
        <p>
          Enthält die Datei einen Fehler, wird kein einziges Zahlungsavis veröffentlicht; die Fehler werden mit ihrer Zeile (CSV) bzw. der Nummer des Avis (JSON) angezeigt. Für jedes IK muss das elektronische
          Zahlungsavis aktiv sein; eine Avisnummer gibt es je IK nur einmal.
        </p>
        <h2>CSV-Format</h2>
        <p>
          Trennzeichen Semikolon, Zeichensatz UTF-8 oder Windows-1252. Die erste Zeile enthält die Spaltenüberschriften, danach folgt je Position eine Zeile; die Angaben zum Avis (IK bis Gesamtbetrag) werden in jeder
          Zeile desselben Avis wiederholt. Daten als TT.MM.JJJJ oder JJJJ-MM-TT, Beträge in Euro mit Komma (1.234,56). Abzug, Abzugsgrund und Referenz dürfen leer sein; bei einem Abzug ist der Abzugsgrund Pflicht.
        </p>
        <pre class="mail-text" safe>
          {`${CSV_COLUMNS.join(';')}\n260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1001;01.10.2026;1.000,00;900,00;100,00;Kürzung laut Prüfung;A-77\n260326822;ZA-2026/0001;20.11.2026;23.11.2026;AOK Bayern;DE89370400440532013000;1.500,00;R-1002;02.10.2026;600,00;600,00;;;`}
        </pre>
        <h2>JSON-Format</h2>
        <p>Eine Liste von Zahlungsavisen; Beträge in Cent (ganze Zahlen), Daten als JJJJ-MM-TT.</p>
        <pre class="mail-text" safe>
          {JSON.stringify(
            [
              {
                ik: '260326822',
                adviceNumber: 'ZA-2026/0001',
                adviceDate: '2026-11-20',
                valueDate: '2026-11-23',
                payer: 'AOK Bayern',
                iban: 'DE89370400440532013000',
                totalCents: 150000,
                items: [
                  { invoiceNumber: 'R-1001', invoiceDate: '2026-10-01', invoicedCents: 100000, paidCents: 90000, deductionCents: 10000, deductionReason: 'Kürzung laut Prüfung', reference: 'A-77' },
                  { invoiceNumber: 'R-1002', invoiceDate: '2026-10-02', invoicedCents: 60000, paidCents: 60000 },
                ],
              },
            ],
            null,
            2,
          )}
        </pre>
      </Layout>
    );
  }

  app.get(`${BO}/zahlungsavise/import`, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    return sendHtml(reply, <ImportPage member={member} csrf={csrf(request, reply)} />);
  });

  app.post(`${BO}/zahlungsavise/import`, { config: { uploads: true } }, async (request, reply) => {
    const member = await requireStaff(request, reply);
    if (!member) return reply;
    const form = await readMultipart(request, sessions);
    const again = (props: { error?: string; problems?: ImportProblem[] }, status: number) => sendHtml(reply, <ImportPage member={member} csrf={csrf(request, reply)} {...props} />, status);
    if (form.tooLarge) return again({ error: 'upload.too_large' }, 413);
    if (form.files.length !== 1) return again({ error: 'upload.none' }, 422);
    const file = form.files[0]!;
    const result = importAdvices(file);
    if (!result.ok) {
      const fileLevel = result.problems.length === 1 && result.problems[0]!.field === 'datei' && result.problems[0]!.line === undefined;
      return again(fileLevel ? { error: result.problems[0]!.code } : { problems: result.problems }, 422);
    }
    try {
      const published = await eavis.publish(member, result.advices, result.source, request.ip);
      return seeOther(reply, `${BO}/zahlungsavise?hinweis=importiert&anzahl=${published.ids.length}`);
    } catch (error) {
      if (!(error instanceof EavisBatchError)) throw error;
      const problems: ImportProblem[] = error.problems.map((p) => {
        const origin = result.origins[p.index] ?? p.index;
        return result.source === 'csv'
          ? { line: origin, field: p.field, label: fieldLabel(p.field), code: p.code }
          : { index: origin, field: p.field, label: fieldLabel(p.field), code: p.code };
      });
      return again({ problems }, 422);
    }
  });

  // one advice as staff see it (also used by the detail page above)
  function AdviceDetails(props: { advice: StoredAdvice }) {
    const a = props.advice;
    return (
      <>
        <dl class="meta">
          <dt>IK</dt>
          <dd safe>{a.institution ? `${a.ik} – ${a.institution}` : a.ik}</dd>
          <dt>Kasse</dt>
          <dd safe>{insurerName(a.insurerId)}</dd>
          <dt>Avisdatum</dt>
          <dd safe>{germanDay(a.adviceDate)}</dd>
          <dt>Valutadatum</dt>
          <dd safe>{germanDay(a.valueDate)}</dd>
          <dt>Zahler</dt>
          <dd safe>{a.payer}</dd>
          <dt>IBAN</dt>
          <dd safe>{a.ibanMasked}</dd>
          <dt>Gesamtbetrag</dt>
          <dd safe>{formatEuro(a.totalCents)}</dd>
          <dt>Veröffentlicht</dt>
          <dd safe>{`${formatDateTime(a.publishedAt)} (${a.source === 'form' ? 'Formular' : a.source.toUpperCase()})`}</dd>
        </dl>
        <AdviceItemsTable advice={a} />
      </>
    );
  }
}

