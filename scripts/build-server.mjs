// The server and the operator commands as compiled JavaScript in dist/, for `npm start` and bin/*.js:
// TypeScript compiled once here instead of by tsx at every start (tsx compiles every source at each
// start and keeps its compiler in memory). One file per entry, the project's own code bundled in,
// every package left to node_modules (pg-boss, oidc-provider, sharp, argon2 and PGlite with its wasm
// load their own files from there). Source maps beside them, so a stack trace under
// `node --enable-source-maps` names the .ts line. The files the code reads (public/, assets/) are
// found from the project's folder (src/core/paths.ts), so dist/ holds only code.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();

const { outputFiles } = await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/main.ts', out: 'main' },
    { in: 'src/cli.ts', out: 'cli' },
    { in: 'src/apps/ident/cli.ts', out: 'ident' },
    { in: 'src/apps/authenticator/cli.ts', out: 'authenticator' },
    // the ePA record's worker thread starts from its own file (src/modules/epa-records/worker.ts)
    { in: 'src/modules/epa-records/worker-thread.ts', out: 'epa-records-worker' },
  ],
  outdir: 'dist',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20', // package.json engines
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  define: { PFORTE_COMPILED: 'true' }, // src/core/paths.ts
  sourcemap: 'linked',
  // node needs the lines, not the sources' text: a smaller map is read faster when a stack is first mapped
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
// each file whole or not at all: a command started meanwhile (bin/*.js take dist/ when current)
// reads the old file or the new one, never half of one
mkdirSync(resolve(root, 'dist'), { recursive: true });
for (const file of outputFiles) {
  const partial = `${file.path}.${process.pid}.partial`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
}

if (process.argv.includes('--time')) console.log(`build:server: ${Math.round(performance.now() - started)} ms`);
