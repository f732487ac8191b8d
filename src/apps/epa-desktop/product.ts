import { readFileSync } from 'node:fs';
import { fromProjectRoot } from '../../core/paths.ts';

/** The names the client shows (manual 003: the desktop client of the "AOK Mein Leben" app). */
export const BRAND = 'AOK';
export const PRODUCT = `${BRAND} Mein Leben`;
export const CLIENT = 'ePA Desktop Client';

/** The package's version, written into the single executable by its build (no package.json beside it). */
declare const PFORTE_EPA_VERSION: string | undefined;

/** The software version the Profil shows: this package's version. */
export function softwareVersion(): string {
  if (typeof PFORTE_EPA_VERSION === 'string') return PFORTE_EPA_VERSION;
  const pkg = JSON.parse(readFileSync(fromProjectRoot('package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unbekannt';
}
