import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

export const PROGRAM = 'pforte-epa';

/**
 * Where the client keeps its local users when no --data is given: the OS user's data folder, as each
 * system names it (XDG base directories on Linux and other Unixes, Application Support on macOS,
 * the roaming AppData on Windows).
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), PROGRAM);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PROGRAM);
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), PROGRAM);
}
