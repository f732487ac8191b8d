/**
 * Arbeitgeberbescheinigung for "Mein AOK Gesundheitspartnerservice" (manual 002
 * §2.2, SPEC "Employer certificate" and §4): the provider version of the
 * employer certificate. It proves the LE-Admin's employment and legitimation as
 * Leistungserbringer-Administrator and is needed for every IK number, at the
 * first registration and for each IK added later in "IK-Verwaltung".
 *
 * Two A4 pages:
 *  1. addressee (the insurer), title, the pre-filled data (IK, institution from
 *     the IK register, LE-Admin, date), the confirmation text, blank fields for
 *     the signatory, place/date, the legal representative's signature and the
 *     company stamp;
 *  2. "Weitere IK-Nummern": a table to enter further IKs that are to be managed
 *     in the portal as well, again with place/date, signature and stamp
 *     ("Beide Seiten der Bescheinigung sind durch einen juristischen Vertreter
 *     des Leistungserbringers zu unterschreiben").
 *
 * Page 1 is laid out like the employer version: top-down with one y cursor,
 * roomy spacing first; when long names, addresses or e-mails need extra lines,
 * it is laid out once more with the spacing tightened by exactly the shortfall,
 * so signature, stamp and footer stay on the page. Page 2 fills the space left
 * between its header and its signature block with table rows (at least 10).
 */
import { PDFDocument, type PDFPage } from 'pdf-lib';
import {
  A4,
  COLORS,
  MM,
  cleanText,
  drawField,
  drawFooter,
  drawHeading,
  drawParagraph,
  drawRule,
  drawText,
  drawTextRight,
  embedFonts,
  fitText,
  formatGermanDate,
  wrapText,
  type Fonts,
  type ParagraphOptions,
} from '../../core/pdf/draw.ts';
import {
  CERTIFICATE_TITLE,
  LAYOUT,
  addresseeLines,
  drawAddressee,
  drawBullets,
  drawPrefilledBox,
  drawSigningBlock,
  drawTitle,
  drawWrappedSignature,
  formatAdministratorName,
  mixSpacing,
  prefilledRows,
  setCertificateInfo,
  subtitleLines,
  type CertificateAdmin,
  type CertificateInsurer,
} from '../../core/pdf/certificate.ts';
import { drawIkTable } from './certificate-ik-table.ts';
import { texts, type ProviderCertificatePurpose, type Texts } from './certificate-texts.ts';

export { FURTHER_IK_MIN_ROWS } from './certificate-ik-table.ts';
export { providerCertificateSubtitle, type ProviderCertificatePurpose } from './certificate-texts.ts';

export interface ProviderCertificateInput {
  insurer: CertificateInsurer;
  /** The IK being registered (or added in "IK-Verwaltung"). */
  ik: string;
  /** Name of the institution from the IK register; null when unknown (then a blank field is printed). */
  institutionName: string | null;
  /** "Straße, PLZ Ort" when known; otherwise blank fields are printed. */
  institutionAddress?: string | null;
  admin: CertificateAdmin;
  date: Date;
  /** "Mein AOK Gesundheitspartnerservice" */
  portalName: string;
  /** registration (default): first registration; further_ik: an IK added later in "IK-Verwaltung". */
  purpose?: ProviderCertificatePurpose;
}

/** Heading of page 2. */
export const FURTHER_IK_TITLE = 'Weitere IK-Nummern';

/** Caption under both signature lines (manual 002 §2.2: "juristischen Vertreter des Leistungserbringers"). */
export const PROVIDER_SIGNATURE_CAPTION =
  'Unterschrift juristische Vertreterin / juristischer Vertreter des Leistungserbringers';

/** Download name: Arbeitgeberbescheinigung-IK-<IK>.pdf */
export function providerCertificateFileName(ik: string): string {
  const safe = ik.replace(/[^0-9A-Za-z]/g, '');
  return `${CERTIFICATE_TITLE}-IK-${safe}.pdf`;
}

/** Spacing of page 1 that may shrink when variable texts need more lines. */
interface Spacing {
  titleGap: number;
  sectionGap: number;
  fieldRow: number;
  stampHeight: number;
  /** Baseline distance of the body text (the font size stays, so the wrapping does not change). */
  lineHeight: number;
  /** Body text size; only reduced as a last resort (see renderProviderCertificate). */
  bodySize: number;
}

const ROOMY: Spacing = { titleGap: 28, sectionGap: 22, fieldRow: 25, stampHeight: 28 * MM, lineHeight: LAYOUT.lineHeight, bodySize: LAYOUT.body };
const TIGHT: Spacing = { titleGap: 18, sectionGap: 12, fieldRow: 19.5, stampHeight: 19 * MM, lineHeight: 12, bodySize: LAYOUT.body };

/** Spacing between ROOMY (t = 0) and TIGHT (t = 1). */
function spacingAt(t: number): Spacing {
  return mixSpacing(ROOMY, TIGHT, t);
}

/**
 * Renders the provider certificate (two A4 pages). Laid out with roomy spacing
 * first; if long texts push page 1's stamp box into the footer, laid out once
 * more with the spacing tightened by the shortfall (the layout is linear in
 * the spacing, so one more pass is exact). Only if even the tight spacing is
 * not enough (extremely long names everywhere) does the body text get smaller,
 * half a point at a time down to 8 pt.
 */
export async function renderProviderCertificate(input: ProviderCertificateInput): Promise<Uint8Array> {
  // Only the final document is saved (saving subsets the fonts, the expensive part).
  let built = await buildProviderCertificate(input, ROOMY);
  if (built.shortfall > 0) {
    built = await buildProviderCertificate(input, spacingAt(built.compressible > 0 ? built.shortfall / built.compressible : 1));
  }
  for (let size = LAYOUT.body - 0.5; built.shortfall > 0.5 && size >= 8; size -= 0.5) {
    built = await buildProviderCertificate(input, { ...TIGHT, bodySize: size, lineHeight: size * 1.2 });
  }
  return built.doc.save();
}

interface Built {
  doc: PDFDocument;
  /** Points page 1 lacks at the spacing it was built with (≤ 0: fits). */
  shortfall: number;
  /** Points that going from ROOMY to TIGHT saves on page 1. */
  compressible: number;
}

async function buildProviderCertificate(input: ProviderCertificateInput, spacing: Spacing): Promise<Built> {
  const doc = await PDFDocument.create();
  const fonts = await embedFonts(doc);
  const purpose = input.purpose ?? 'registration';
  const ik = cleanText(input.ik);
  const portal = cleanText(input.portalName);
  const adminName = formatAdministratorName(input.admin);
  const text = texts(portal, adminName, purpose);

  setCertificateInfo(doc, {
    title: `${CERTIFICATE_TITLE} – IK-Nummer ${ik}`,
    subject:
      purpose === 'further_ik'
        ? `Weitere IK-Nummer für den Leistungserbringer-Administrator (LE-Admin) in „${portal}“`
        : `Registrierung als Leistungserbringer-Administrator (LE-Admin) für „${portal}“`,
    author: input.insurer.name,
    keywords: [CERTIFICATE_TITLE, 'LE-Admin', ik],
    date: input.date,
  });

  const page1 = doc.addPage([A4.width, A4.height]);
  const context: PageContext = { input, text, ik, adminName, fonts };
  const fit = drawFirstPage(page1, context, spacing);
  const page2 = doc.addPage([A4.width, A4.height]);
  drawSecondPage(page2, context);

  return { doc, ...fit };
}

/** What both pages print: the input, the words, and the cleaned IK and administrator's name. */
interface PageContext {
  input: ProviderCertificateInput;
  text: Texts;
  ik: string;
  adminName: string;
  fonts: Fonts;
}

function drawFirstPage(page: PDFPage, { input, text, ik, adminName, fonts }: PageContext, spacing: Spacing): { shortfall: number; compressible: number } {
  const { left, width } = LAYOUT;
  const paragraph: ParagraphOptions = { font: fonts.regular, size: spacing.bodySize, width, lineHeight: spacing.lineHeight };
  let compressible = 0;
  const shrink = (key: keyof Spacing, times = 1) => {
    compressible += (ROOMY[key] - TIGHT[key]) * times;
    return spacing[key] * times;
  };
  /** Counts the body lines a text block drew (from the baseline it moved the cursor by). */
  const counted = (before: number, after: number) => {
    shrink('lineHeight', Math.round((before - after) / spacing.lineHeight));
    return after;
  };

  const institution = input.institutionName ? cleanText(input.institutionName) : '';
  const address = input.institutionAddress ? cleanText(input.institutionAddress) : '';
  const rows = prefilledRows(
    [
      ['IK-Nummer', ik],
      ...(institution ? [['Institution', institution, 4] as [string, string, number]] : []),
      ...(address ? [['Anschrift', address] as [string, string]] : []),
      ['LE-Admin', adminName],
      ['E-Mail-Adresse', cleanText(input.admin.email)],
      ['Datum', formatGermanDate(input.date)],
    ],
    fonts,
  );
  const subtitle = subtitleLines(text.subtitle, fonts, width);

  // Addressee: the insurer.
  let y = drawAddressee(page, addresseeLines(input.insurer, width, fonts), left, LAYOUT.top - 11, fonts);

  // Title and subtitle.
  y -= shrink('titleGap');
  y = drawTitle(page, y, subtitle, fonts);

  // Pre-filled data (box top lies `gap` below the last subtitle baseline).
  y = drawPrefilledBox(page, rows, y + 14 - LAYOUT.gap, fonts);

  // Confirmation by the provider, the LE-Admin's rights (manual 002 §2), the signing rules (§2.2).
  y -= LAYOUT.gap + spacing.bodySize;
  y = counted(y, drawParagraph(page, text.intro, left, y, paragraph));
  y = counted(y, drawBullets(page, text.rights, left, y - 2, paragraph));
  y -= 6;
  y = counted(y, drawParagraph(page, text.note, left, y, paragraph));

  // Blank fields, to be completed by hand. (y is one line below the last paragraph line.)
  const missing = [
    ...(institution ? [] : ['Name der Institution']),
    ...(address ? [] : ['Straße und Hausnummer', 'PLZ und Ort']),
  ];
  const signatory = ['Name der unterzeichnenden Person', 'Funktion der unterzeichnenden Person', 'Telefon für Rückfragen'];
  const labelWidth =
    Math.max(...[...missing, ...signatory].map((label) => fonts.regular.widthOfTextAtSize(label, LAYOUT.body))) + 14;
  y -= shrink('sectionGap') + shrink('lineHeight', -1) + 11;
  if (missing.length > 0) {
    drawHeading(page, 'Angaben zur Institution', left, y, fonts, 11, '(bitte ergänzen)');
    for (const label of missing) {
      y -= shrink('fieldRow');
      drawField(page, label, left, y, { fonts, width, labelWidth });
    }
    y -= shrink('sectionGap') + 11;
  }
  drawHeading(page, 'Angaben zur unterzeichnenden Person', left, y, fonts, 11, '(bitte vollständig ausfüllen)');
  for (const label of signatory) {
    y -= shrink('fieldRow');
    drawField(page, label, left, y, { fonts, width, labelWidth });
  }

  // Place and date, signature (left) and company stamp (right), above the footer.
  y -= shrink('fieldRow') + 4;
  const footerTop = drawFooter(page, text.footer, { fonts, size: LAYOUT.small, pageLabel: 'Seite 1 von 2' });
  const stampHeight = shrink('stampHeight');
  const shortfall = signingBlock(page, y, footerTop, stampHeight, fonts);
  return { shortfall, compressible };
}

function drawSecondPage(page: PDFPage, { input, text, ik, adminName, fonts }: PageContext): void {
  const { left, right, width } = LAYOUT;
  const paragraph: ParagraphOptions = { font: fonts.regular, size: LAYOUT.body, width, lineHeight: LAYOUT.lineHeight };
  const muted = { font: fonts.regular, size: 9, color: COLORS.muted };

  // Header: which certificate this page belongs to (the IK of page 1), in case the pages get separated.
  let y = LAYOUT.top - 11;
  const reference = `zu IK-Nummer ${ik}`;
  const referenceStyle = { font: fonts.bold, size: 11 };
  const referenceWidth = fonts.bold.widthOfTextAtSize(reference, 11);
  drawTextRight(page, reference, right, y, referenceStyle);
  const titleFit = fitText(`${CERTIFICATE_TITLE} (LE-Admin)`, fonts.bold, width - referenceWidth - 24, {
    maxSize: 11,
    minSize: 8.5,
    maxLines: 1,
  });
  drawText(page, titleFit.lines[0] ?? '', left, y, { font: fonts.bold, size: titleFit.size });
  y -= 14;
  const details = [
    `Institution: ${input.institutionName ? cleanText(input.institutionName) : '–'}`,
    `LE-Admin: ${adminName}`,
  ];
  for (const detail of details) {
    for (const line of wrapText(detail, muted.font, muted.size, width, 2)) {
      drawText(page, line, left, y, muted);
      y -= 12;
    }
  }
  drawRule(page, left, right, y + 4);

  // Heading and the manual's sentence.
  y -= 26;
  drawText(page, FURTHER_IK_TITLE, left, y, { font: fonts.bold, size: 16 });
  y -= 22;
  y = drawParagraph(page, text.page2Intro, left, y, paragraph);

  // Signing block from the bottom up; the table fills the space in between.
  const footerTop = drawFooter(page, text.footer, { fonts, size: LAYOUT.small, pageLabel: 'Seite 2 von 2' });
  const stampHeight = 28 * MM;
  const placeBaseline = footerTop + LAYOUT.gap + stampHeight + LAYOUT.gap + 4;
  const noteLines = wrapText(text.page2Note, fonts.regular, LAYOUT.body, width);
  // The note's last baseline lies 30 pt above the place/date row, its first line 18 pt below the table.
  const tableBottomMin = placeBaseline + 30 + (noteLines.length - 1) * LAYOUT.lineHeight + 18;
  const tableTop = y + LAYOUT.lineHeight - 16;
  const tableBottom = drawIkTable(page, tableTop, tableBottomMin, fonts);

  y = tableBottom - 18;
  y = drawParagraph(page, text.page2Note, left, y, paragraph);
  y -= 30 - LAYOUT.lineHeight;
  signingBlock(page, y, footerTop, stampHeight, fonts);
}

/** Place and date, the legal representative's signature and the stamp (at least 16 mm high). */
function signingBlock(page: PDFPage, y: number, footerTop: number, stampHeight: number, fonts: Fonts): number {
  const signature = (p: PDFPage, x: number, bottom: number, width: number) => drawWrappedSignature(p, PROVIDER_SIGNATURE_CAPTION, x, bottom, width, fonts);
  return drawSigningBlock(page, { y, footerTop, stampHeight, minStampHeight: 16 * MM, signature }, fonts);
}
