// Shared by bin/*.js: which code a command runs. The compiled file in dist/ (scripts/build-server.mjs,
// made by every `npm start` or `npm run build:server`) starts in a fraction of the time tsx needs to
// compile the TypeScript, so it is taken while it is current: built after the last change under src/.
// A stale or missing build is never run; then tsx runs the sources, as from a fresh checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The newest change in a folder: a file written, or one added or removed (the folder's own time). */
function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Loads a command's module: dist/<name>.js when current (stack traces mapped to the .ts lines),
 * else `source` (a path from bin/) through tsx.
 */
export async function loadCommand(name, source) {
  const built = join(root, 'dist', `${name}.js`);
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(join(root, 'src'))) {
    process.setSourceMapsEnabled(true);
    return import(pathToFileURL(built).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(source, import.meta.url).href);
}
