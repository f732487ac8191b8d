import Html from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformDeps } from '../../core/deps.ts';
import type { PortalChrome } from '../../core/ui/layout.tsx';
import type { StaffMember } from '../../core/staff/service.ts';
import type { ImportError } from './csv-import.ts';
import type { IkRegisterEntry } from './service.ts';
import { describeImportError } from './service.ts';
import { Layout } from '../../core/ui/layout.tsx';
import { CsvUploadForm, ImportRefused } from '../../core/ui/csv-upload.tsx';
import { SearchForm } from '../../core/ui/search-form.tsx';
import { PageMessages } from '../../core/ui/components.tsx';
import { readMultipart } from '../../core/http/multipart.ts';
import { seeOther, sendHtml } from '../../core/http/render.ts';
import { BO, StaffBar } from '../../core/staff/shell.tsx';
import { guard } from '../../core/http/guards.ts';
import { parseQuery, searchOf, single } from '../../core/http/input.ts';
import { z } from 'zod';
import { Table } from '../../core/ui/table.tsx';
import { t } from '../../core/i18n/de.ts';

type SearchResult = { rows: IkRegisterEntry[]; total: number; page: number; pages: number };

const count = (n: number) => n.toLocaleString('de-DE');

function IkRegisterPage(props: {
  chrome: PortalChrome;
  csrf: string;
  staff: StaffMember;
  insurers: PlatformDeps['insurers'];
  q: string;
  result: SearchResult;
  size: number;
  notice?: string;
  fileError?: string;
  importErrors?: ImportError[];
  truncated?: boolean;
  searchError?: string;
}) {
  const { result, q } = props;
  const insurerName = (id: string | null) => (id ? (props.insurers.find((i) => i.id === id)?.name ?? id) : '–');
  const failed = Boolean(props.fileError || props.importErrors?.length || props.searchError);
  const link = (page: number) => `${BO}/ik-register?q=${encodeURIComponent(q)}&seite=${page}`;
  return (
    <Layout title={failed ? 'Fehler: IK-Register' : 'IK-Register'} chrome={props.chrome}>
      <StaffBar chrome={props.chrome} staff={props.staff} csrf={props.csrf} insurers={props.insurers} />
      <h1>IK-Register</h1>
      <PageMessages notice={props.notice} />
      <ImportRefused unchanged="das IK-Register ist unverändert" errors={(props.importErrors ?? []).map((e) => describeImportError(e))} truncated={props.truncated} />
      <p>{`${count(props.size)} ${props.size === 1 ? 'Eintrag' : 'Einträge'} im IK-Register.`}</p>
      <SearchForm action={`${BO}/ik-register`} label="Suche (IK oder Name)" value={q} hint="Ziffern suchen den Anfang der IK, alles andere einen Teil des Namens." error={props.searchError && t(props.searchError)} />
      {result.rows.length ? (
        <Table caption={q ? 'Treffer im IK-Register' : 'Einträge im IK-Register'} heads={['IK', 'Name', 'Anschrift', 'Klassifikation', 'zuständige AOK']}>
          {result.rows.map((r) => (
            <tr>
              <td safe>{r.ik}</td>
              <td safe>{r.name}</td>
              <td safe>{[r.street, [r.postalCode, r.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</td>
              <td safe>{r.classification}</td>
              <td safe>{insurerName(r.insurerId)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <p>{q ? 'Keine Einträge gefunden.' : 'Das IK-Register ist leer.'}</p>
      )}
      {result.pages > 1 ? (
        <nav aria-label="Seiten" class="pager">
          {result.page > 1 ? <a href={link(result.page - 1)}>Vorherige Seite</a> : ''}
          <span>{`Seite ${result.page} von ${result.pages} (${count(result.total)} Treffer)`}</span>
          {result.page < result.pages ? <a href={link(result.page + 1)}>Nächste Seite</a> : ''}
        </nav>
      ) : (
        ''
      )}

      <h2>IK-Register importieren</h2>
      <p>
        Laden Sie eine CSV-Datei hoch. Neue IKs werden angelegt, vorhandene aktualisiert; IKs, die nicht in der Datei stehen, bleiben
        erhalten. Enthält auch nur eine Zeile einen Fehler, wird nichts importiert und Sie sehen alle fehlerhaften Zeilen.
      </p>
      <ul>
        <li>
          Erste Zeile: die Spaltennamen <code>IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil</code> – Reihenfolge beliebig,
          Groß-/Kleinschreibung egal; <code>IK</code> und <code>Name</code> sind Pflicht, die übrigen Spalten dürfen fehlen.
        </li>
        <li>Danach eine Einrichtung je Zeile; Trennzeichen Semikolon (wie Excel) oder Komma, Felder mit Trennzeichen in Anführungszeichen.</li>
        <li>IK: 9 Ziffern mit gültiger Prüfziffer, jede IK nur einmal. PLZ: leer oder 5 Ziffern. Name, Straße, Ort höchstens 200 Zeichen, Klassifikation höchstens 100.</li>
        <li>Landesteil: leer, <code>Rheinland</code> oder <code>Westfalen-Lippe</code> – entscheidet für IK-Region 05 (Nordrhein-Westfalen) die zuständige AOK.</li>
        <li>Zeichensatz: UTF-8 (auch mit BOM, Excel „CSV UTF-8“) oder Windows-1252 (Excel „CSV (Trennzeichen-getrennt)“); nicht UTF-16 („Unicode-Text“).</li>
        <li>Höchstens 100 000 Zeilen und 10 MB.</li>
      </ul>
      <p>Beispiel:</p>
      <pre>
        {'IK;Name;Strasse;PLZ;Ort;Klassifikation;Landesteil\n260326822;Praxis Dr. med. Maler Montag;Hauptstraße 12;80331;München;Arztpraxis;'}
      </pre>
      <CsvUploadForm action={`${BO}/ik-register/import`} csrf={props.csrf} fileError={props.fileError} />
    </Layout>
  );
}

/** The IK register for administrators: search, and the import of a CSV file (all or nothing). */
/** What an import counted, from the address it redirects to (`?neu=…&aktualisiert=…`). */
const IMPORT_COUNT = z
  .string()
  .regex(/^[0-9]{1,7}$/)
  .transform(Number);

export async function ikRegisterRoutes(
  app: FastifyInstance,
  deps: PlatformDeps,
  chrome: PortalChrome,
  requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<StaffMember | null>,
) {
  const { ikRegister, sessions } = deps;
  const pre = { admin: guard('staff', requireAdmin) };
  const csrf = (request: FastifyRequest, reply: FastifyReply) => sessions.csrfToken(request, reply);

  async function page(request: FastifyRequest, reply: FastifyReply, member: StaffMember, extra: { q?: string; page?: number; notice?: string; fileError?: string; importErrors?: ImportError[]; truncated?: boolean; searchError?: string } = {}, status = 200) {
    const q = extra.q ?? '';
    const result = extra.searchError ? { rows: [], total: 0, page: 1, pages: 1 } : await ikRegister.search(q, extra.page ?? 1);
    const size = await ikRegister.count();
    return sendHtml(
      reply,
      <IkRegisterPage chrome={chrome} csrf={csrf(request, reply)} staff={member} insurers={deps.insurers} q={q} result={result} size={size} notice={extra.notice} fileError={extra.fileError} importErrors={extra.importErrors} truncated={extra.truncated} searchError={extra.searchError} />,
      status,
    );
  }

  app.get(`${BO}/ik-register`, { preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const query = parseQuery(request, { ...single('seite'), neu: IMPORT_COUNT, aktualisiert: IMPORT_COUNT });
    const search = searchOf(request);
    const seite = Math.min(10_000, Math.max(1, Number.parseInt(query.seite ?? '1', 10) || 1));
    const [inserted, updated] = [query.neu ?? null, query.aktualisiert ?? null];
    const notice = inserted !== null && updated !== null ? `Import abgeschlossen: ${count(inserted)} neu, ${count(updated)} aktualisiert.` : undefined;
    return page(request, reply, member, { q: search.text, page: seite, notice, searchError: search.error }, search.error ? 400 : 200);
  });

  app.post(`${BO}/ik-register/import`, { config: { uploads: true }, preHandler: pre.admin }, async (request, reply) => {
    const member = request.staff;
    const form = await readMultipart(request, sessions).catch((error: { code?: string; statusCode?: number }) => {
      // a file over the limit can also end the whole form; the page says so instead of a bare 413
      if (error?.code === 'FST_REQ_FILE_TOO_LARGE' || error?.statusCode === 413) return null;
      throw error;
    });
    if (!form) return page(request, reply, member, { fileError: 'ik_import.too_large' }, 422);
    // an empty file input may arrive without a file name at all
    const files = form.files.filter((f) => f.name || f.bytes.length);
    const fileError = form.tooLarge ? 'ik_import.too_large' : files.length === 0 ? 'ik_import.no_file' : files.length > 1 ? 'ik_import.one_file' : undefined;
    if (fileError) return page(request, reply, member, { fileError }, 422);
    const file = files[0]!;
    const result = await ikRegister.import(`staff:${member.id}`, file.bytes, file.name ?? '', request.ip);
    if (!result.ok) return page(request, reply, member, { importErrors: result.errors, truncated: result.truncated }, 422);
    return seeOther(reply, `${BO}/ik-register?neu=${result.inserted}&aktualisiert=${result.updated}`);
  });
}
