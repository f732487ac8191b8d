// The document list of one ePA record with 2,000 documents (issue 15: "the table sorts and filters in
// under 100 ms"): the record service's list, as the ePA client's API calls it, with each sort, a search,
// the filters, and the Protokoll entry every call writes; against the list of an empty record measured
// in the same run. Run: `npx tsx bench/epa-documents.ts` (BENCH_DB=postgres for the server).
import { startTestSystem } from '../test/support/system.ts';
import { freshKvnr } from '../test/modules/insured/kvnr.ts';
import { pdfWith } from '../test/modules/epa-records/fixtures.ts';
import { DOCUMENT_CLASSES } from '../src/modules/epa-records/classes.ts';
import type { DocumentQuery, RecordAccess } from '../src/modules/epa-records/service.ts';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 2_000);
const N = Number(process.env.BENCH_N ?? 30);
const TARGET_MS = 100;

const kind = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
const t = await startTestSystem(kind);
const deps = t.system.deps;
const SYSTEM = { actor: 'operator:bench', insurerId: null, ip: null };

async function person(): Promise<string> {
  const fields: Record<string, string> = { kvnr: freshKvnr('B'), lastName: 'Bench', firstName: 'Mark', birthDate: '01.01.1970', email: 'bench@example.org', insurerId: 'bw', street: 'Weg 1', postalCode: '70173', city: 'Stuttgart' };
  const created = await deps.insured.create(SYSTEM, fields);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await deps.insured.registerForEpa(SYSTEM, created.id, 'in_person');
  return created.id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const full = await person();
  const empty = await person();
  const self = (id: string): RecordAccess => ({ actor: { kind: 'insured', id }, device: { id: 'bench', name: 'Bench' } });
  const institutions = ['Hausarztpraxis Dr. Sommer', 'Städtisches Klinikum', 'Labor Nord', 'AOK Baden-Württemberg'];
  const fillStart = performance.now();
  for (let i = 0; i < DOCUMENTS; i++) {
    const cls = DOCUMENT_CLASSES[i % DOCUMENT_CLASSES.length]!;
    const own = i % 3 === 0;
    const created = new Date(Date.UTC(2020, 0, 1) + i * 36 * 3_600_000);
    await deps.epaRecords.add({ actor: { kind: 'system' } }, full, {
      title: `${cls.label} ${i}`,
      classCode: cls.code,
      fileName: `dokument-${i}.pdf`,
      bytes: pdfWith(`Dokument ${i}`),
      ownUpload: own,
      institution: institutions[i % institutions.length],
      createdAt: created,
    });
  }
  console.log(`ePA document list — ${kind === 'postgres' ? 'PostgreSQL 127.0.0.1:5432' : 'PGlite'}, ${DOCUMENTS} documents filled in ${((performance.now() - fillStart) / 1000).toFixed(1)} s, median of ${N} calls\n`);

  async function measure(name: string, id: string, query: DocumentQuery): Promise<number> {
    for (let i = 0; i < 3; i++) await deps.epaRecords.list(self(id), id, query);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      rows = (await deps.epaRecords.list(self(id), id, query)).length;
      times.push(performance.now() - start);
    }
    const m = median(times);
    console.log(`${name.padEnd(40)} ${m.toFixed(1).padStart(7)} ms  (${rows} rows)${m > TARGET_MS ? `  over ${TARGET_MS} ms` : ''}`);
    return m;
  }

  const baseline = await measure('empty record (baseline)', empty, {});
  const cases: [string, DocumentQuery][] = [
    ['Erstelldatum ▼ (default)', {}],
    ['Erstelldatum ▲', { sort: 'erstelldatum', direction: 'asc' }],
    ['Typ ▲', { sort: 'typ', direction: 'asc' }],
    ['Titel ▲', { sort: 'titel', direction: 'asc' }],
    ['Autor ▼', { sort: 'autor', direction: 'desc' }],
    ['Zugriffe ▼', { sort: 'zugriffe', direction: 'desc' }],
    ['Suche "befund"', { search: 'befund' }],
    ['Filter Typ Laborergebnisse', { classCode: 'LAB' }],
    ['Filter Autor "von mir", 2022', { author: 'von mir', from: new Date('2022-01-01T00:00:00Z'), to: new Date('2023-01-01T00:00:00Z') }],
  ];
  let worst = 0;
  for (const [name, query] of cases) worst = Math.max(worst, await measure(name, full, query));
  console.log(`\nslowest: ${worst.toFixed(1)} ms (${(worst / baseline).toFixed(1)}× the empty record); target under ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'NOT met'}`);
} finally {
  await t.close();
}
