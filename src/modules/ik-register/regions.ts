/**
 * Which insurer is responsible for a provider follows from its IK's region digits (3–4),
 * by the federal states each AOK serves (shared/IDENTIFIERS.md). Nordrhein-Westfalen (05)
 * is split: Rheinland and Westfalen-Lippe, by the register's entry, else a configured default.
 */
export interface IkRegionMap {
  /** region digits → insurer id (05 and 00 hold the configured defaults) */
  regions: Record<string, string>;
  rheinland: string;
  westfalenLippe: string;
}

export function demoIkRegions(region05Default: string, region00Default: string): IkRegionMap {
  return {
    regions: {
      '00': region00Default,
      '01': 'nw',
      '02': 'rh',
      '03': 'ni',
      '04': 'hb',
      '05': region05Default,
      '06': 'he',
      '07': 'rps',
      '08': 'bw',
      '09': 'by',
      '10': 'rps',
      '11': 'no',
      '12': 'no',
      '13': 'no',
      '14': 'plus',
      '15': 'st',
      '16': 'plus',
    },
    rheinland: 'rh',
    westfalenLippe: 'nw',
  };
}

/** The responsible insurer for an IK, or null when its region is none of 00–16. */
export function insurerForIk(map: IkRegionMap, ik: string, regionPart: string | null | undefined): string | null {
  const region = ik.slice(2, 4);
  if (region === '05' && regionPart === 'rheinland') return map.rheinland;
  if (region === '05' && regionPart === 'westfalen-lippe') return map.westfalenLippe;
  return map.regions[region] ?? null;
}
