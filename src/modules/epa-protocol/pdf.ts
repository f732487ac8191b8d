import type { EpaProtocolKind } from '../../core/db/epa-records-schema.ts';
import { A4, MARGIN, drawRule, drawText, formatGermanDate } from '../../core/pdf/draw.ts';
import { drawFacts, drawPageFooters, plainTable, reportPages, startReport } from '../../core/pdf/report.ts';
import { berlinDateTime } from '../insured/letter.ts';
import { PROTOCOL_KINDS, RESULT_LABELS, protocolActionLabel } from './actions.ts';

export interface ProtocolPdfPerson {
  name: string;
  kvnr: string;
}

/** The columns an entry is drawn with (what the Protokoll page shows). */
export interface ProtocolPdfRow {
  at: Date;
  action: string;
  actor_kind: string;
  actor_name: string | null;
  document_title: string | null;
  device_name: string | null;
  result: string;
  /** in a representative's own Protokoll: whom they acted for */
  on_behalf_of_name?: string | null;
}

/** Who acted, as the insured reads it. */
export function protocolActorLabel(row: Pick<ProtocolPdfRow, 'actor_kind' | 'actor_name' | 'on_behalf_of_name'>): string {
  switch (row.actor_kind) {
    case 'insured':
      return row.on_behalf_of_name ? `Sie selbst, als Vertretung für ${row.on_behalf_of_name}` : 'Sie selbst';
    case 'representative':
      return `${row.actor_name ?? 'Vertretung'} (Vertretung, in Ihrem Namen)`;
    case 'staff':
      return `${row.actor_name ?? 'Ihre Krankenkasse'} (Mitarbeiter/in)`;
    default:
      return 'System';
  }
}

const LINE = 10.5;
const LEFT = MARGIN;
const WIDTH = A4.width - 2 * MARGIN;
/** Zeit, Ereignis, Wer, Dokument, Gerät, Ergebnis */
const TABLE = plainTable({ left: LEFT, width: WIDTH, shares: [0.13, 0.24, 0.19, 0.17, 0.14, 0.13], heads: ['Zeit', 'Ereignis', 'Wer', 'Dokument', 'Gerät', 'Ergebnis'], size: 8, line: LINE });

/** The filter in words, for the PDF's first page. */
function filterText(filter: { from?: Date; to?: Date; kind?: EpaProtocolKind }): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`ab ${formatGermanDate(filter.from)}`);
  if (filter.to) parts.push(`bis vor ${formatGermanDate(filter.to)}`);
  if (filter.kind) parts.push(PROTOCOL_KINDS.find((k) => k.kind === filter.kind)?.label ?? filter.kind);
  return parts.length ? parts.join(', ') : 'alle Einträge';
}

/** The Protokoll as A4 pages: the person, the filter, then a table of the entries with page numbers. */
export async function renderProtocolPdf(input: { person: ProtocolPdfPerson; rows: readonly ProtocolPdfRow[]; filter: { from?: Date; to?: Date; kind?: EpaProtocolKind }; madeAt: Date }): Promise<Uint8Array> {
  const { doc, fonts } = await startReport('Protokoll Ihrer elektronischen Patientenakte');
  const top = A4.height - MARGIN;
  const bottom = MARGIN + 30;
  const pages = reportPages(doc);

  let page = pages.add();
  let y = top - 16;
  drawText(page, 'Protokoll Ihrer elektronischen Patientenakte (ePA)', LEFT, y, { font: fonts.bold, size: 15 });
  y -= 22;
  y = drawFacts(
    page,
    [
      ['Versicherte Person', input.person.name],
      ['Krankenversichertennummer', input.person.kvnr],
      ['Auswahl', filterText(input.filter)],
      ['Einträge', String(input.rows.length)],
      ['Erstellt', berlinDateTime(input.madeAt)],
    ],
    LEFT,
    y,
    fonts,
    150,
  );
  y -= 10;
  if (input.rows.length === 0) {
    drawText(page, 'Für diese Auswahl gibt es keine Einträge.', LEFT, y, { font: fonts.regular, size: 10 });
  } else {
    y = TABLE.drawHeads(page, y, fonts);
  }
  for (const row of input.rows) {
    const cells = TABLE.wrap(
      [
        berlinDateTime(new Date(row.at)),
        protocolActionLabel(row.action),
        protocolActorLabel(row),
        row.document_title ?? '',
        row.device_name ?? '',
        RESULT_LABELS[row.result as keyof typeof RESULT_LABELS] ?? row.result,
      ],
      fonts,
    );
    const height = Math.max(...cells.map((c) => c.length)) * LINE + 3;
    if (y - height < bottom) {
      page = pages.add();
      y = TABLE.drawHeads(page, top - 10, fonts);
    }
    TABLE.drawRow(page, cells, y, fonts);
    y -= height;
    drawRule(page, LEFT, LEFT + WIDTH, y + LINE - 3);
  }
  drawPageFooters(pages.pages, 'Protokoll der Zugriffe auf Ihre ePA. Einträge werden drei Jahre aufbewahrt und können nicht geändert werden.', fonts);
  return doc.save();
}
