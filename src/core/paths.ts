import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The files the server ships beside its code (public/, assets/, package.json) are found from the
// project's folder, not from the source file asking: the same code runs as TypeScript from src/…
// (tsx, tests) and compiled into one file in dist/ (scripts/build-server.mjs), where a path like
// '../../../assets' would point above the project.

/** Set by scripts/build-server.mjs; tsx and the desktop client's executable leave it undefined. */
declare const PFORTE_COMPILED: boolean | undefined;

/** This code runs compiled from dist/ (`npm start`), not as TypeScript from src/ (tsx, tests). */
export const compiled = typeof PFORTE_COMPILED === 'boolean' && PFORTE_COMPILED;

let root: string | undefined;

/** The folder holding package.json, walking up from this code's own file (src/core/ or dist/). */
export function projectRoot(): string {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (root = dir);
    // none above: the desktop client's single executable, which brings its files inside itself;
    // its folder stands in, so a path made at load time is harmless where nothing reads it
    if (dirname(dir) === dir) return (root = start);
  }
}

/** A file or folder of the project by its path from the project's folder ('assets/fonts/…'; a folder ends in '/'). */
export function fromProjectRoot(path: string): URL {
  return new URL(path, pathToFileURL(join(projectRoot(), '/')));
}
