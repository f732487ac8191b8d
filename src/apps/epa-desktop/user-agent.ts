import { softwareVersion } from './product.ts';

const SYSTEMS: Partial<Record<NodeJS.Platform, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/**
 * The User-Agent of the program's calls to the record service: the program, its version and the
 * operating system, so the Bestätigungscode's mail can say "ePA Desktop Client unter Windows" and
 * the person can tell their own request from another; never the computer's or the user's name.
 */
export function userAgent(platform: NodeJS.Platform = process.platform): string {
  const system = SYSTEMS[platform];
  return `pforte-epa/${softwareVersion()}${system ? ` (${system})` : ''}`;
}
