/** The Protokoll table's rows as their cells' text: Zeitpunkt, Wer, Aktion, Dokument, Gerät, Ergebnis. */
export function protocolRows(html: string): string[][] {
  const table = /<table class="[^"]*\bprotocol-table\b[^"]*">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#39;/g, "'").trim()),
  );
}

/** Who and what of each row, without the time: [Wer, Aktion, Dokument, Gerät, Ergebnis]. */
export const whoAndWhat = (html: string) => protocolRows(html).map((row) => row.slice(1));
