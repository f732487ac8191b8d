// `npm run build:epa`: the ePA desktop client (pforte-epa) as one executable for people without Node,
// with Node's single-executable-application support (SEA): the client bundled into one CommonJS file,
// its CSS and images and this platform's native argon2 addon as SEA assets, the blob injected into a
// copy of this node binary with postject. Output: dist/pforte-epa (dist/pforte-epa.exe on Windows) for
// the platform it runs on; for another system, build on that system.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const work = join(root, 'dist', 'sea');
const output = join(root, 'dist', process.platform === 'win32' ? 'pforte-epa.exe' : 'pforte-epa');

/** Node's marker in binaries built with SEA support; postject flips it once a blob is in. */
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** The SEA asset holding the native argon2 addon, and the one naming the embedded files (src/apps/epa-desktop/executable/main.ts). */
const ADDON = 'argon2.node';
const MANIFEST = 'manifest.json';

const TYPES = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon', '.woff2': 'font/woff2' };

function fail(message) {
  console.error(`build:epa: ${message}`);
  process.exit(1);
}

function filesIn(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesIn(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function step(what) {
  console.log(`build:epa: ${what}`);
}

// 1. Can this node make a single executable?
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 12)) fail(`Node ${process.versions.node} kann keine Dateien in ein Programm einbetten (SEA-Assets ab Node 20.12).`);
if (!readFileSync(process.execPath).includes(FUSE)) {
  fail(`${process.execPath} ist ohne Unterstützung für Einzelprogramme gebaut (z. B. das Node einer Linux-Distribution); bitte mit dem Node von nodejs.org bauen.`);
}
let esbuild;
let postject;
try {
  esbuild = await import('esbuild');
  postject = require('postject');
} catch {
  fail('esbuild oder postject fehlt: bitte zuerst npm install.');
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 2. This platform's native argon2 addon: whichever file @node-rs/argon2's own loader picks here.
require('@node-rs/argon2');
const addonFile = Object.keys(require.cache).find((file) => file.endsWith('.node') && file.includes(`${sep}@node-rs${sep}argon2`));
if (!addonFile) fail('das argon2-Modul dieser Plattform (@node-rs/argon2-…) ist nicht installiert.');

// 3. The program in one CommonJS file. TSX as tsconfig compiles it (@kitajs/html); @node-rs/argon2 is
// the embedded addon; import.meta.url (the sources find their folders by it) is the executable's own.
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const embeddedArgon2 = {
  name: 'embedded-argon2',
  setup(build) {
    build.onResolve({ filter: /^@node-rs\/argon2$/ }, () => ({ path: 'argon2', namespace: 'embedded-argon2' }));
    build.onLoad({ filter: /.*/, namespace: 'embedded-argon2' }, () => ({
      contents: `module.exports = require(${JSON.stringify(join(root, 'src/apps/epa-desktop/executable/addon.ts'))}).loadEmbeddedAddon(${JSON.stringify(ADDON)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
const bundle = join(work, 'pforte-epa.cjs');
step('bundle');
const bundled = await esbuild.build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: ['src/apps/epa-desktop/executable/main.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: `node${major}`,
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  define: { 'import.meta.url': 'PFORTE_EPA_URL', PFORTE_EPA_VERSION: JSON.stringify(version) },
  banner: { js: 'var PFORTE_EPA_URL = require("node:url").pathToFileURL(process.execPath).href;' },
  plugins: [embeddedArgon2],
  legalComments: 'none',
  logLevel: 'warning',
});
// a source that finds files beside itself or in the project's folder (src/core/paths.ts) finds none in
// the executable: what it reads must become a SEA asset
const FINDS_ITS_FOLDERS = new Set(['src/apps/epa-desktop/server.tsx', 'src/apps/epa-desktop/product.ts', 'src/core/paths.ts']);
for (const input of Object.keys(bundled.metafile.inputs)) {
  if (input.startsWith('src/') && !FINDS_ITS_FOLDERS.has(input) && /import\.meta\.url|fromProjectRoot\(/.test(readFileSync(join(root, input), 'utf8'))) {
    console.warn(`build:epa: WARNUNG ${input} sucht Dateien über import.meta.url; im Programm liegen dort keine (als SEA-Asset einbetten).`);
  }
}

// 4. The CSS and images, at the address paths the program serves them under (server.tsx: public/ at
// /assets/, only .css and .svg; the client's own assets/ at /assets/epa/).
const files = {};
const assets = { [ADDON]: addonFile };
function embed(dir, prefix, allowed = () => true) {
  for (const file of filesIn(dir)) {
    const type = TYPES[extname(file).toLowerCase()];
    if (!type || !allowed(file)) continue;
    const path = prefix + relative(dir, file).split(sep).join('/');
    files[path] = type;
    assets[path] = file;
  }
}
embed(join(root, 'public'), '/assets/', (file) => file.endsWith('.css') || file.endsWith('.svg'));
embed(join(root, 'src/apps/epa-desktop/assets'), '/assets/epa/');
writeFileSync(join(work, MANIFEST), JSON.stringify({ files }, null, 2));
assets[MANIFEST] = join(work, MANIFEST);

// 5. The SEA blob, then a copy of this node with the blob in it.
const blob = join(work, 'sea-prep.blob');
const config = join(work, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, assets }, null, 2));
step(`SEA blob (${Object.keys(files).length} Dateien, ${relative(root, addonFile)})`);
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });

rmSync(output, { force: true });
copyFileSync(process.execPath, output);
chmodSync(output, 0o755);
// macOS: the copy's signature no longer fits once the blob is in; it is removed and an ad-hoc one made
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', output], { stdio: 'inherit' });
step(`inject into ${relative(root, output)}${process.platform === 'linux' ? " (postject's warnings about '.note' section names are harmless)" : ''}`);
await postject.inject(output, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: FUSE,
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', output], { stdio: 'inherit' });

step(`${relative(root, output)} (${Math.round(statSync(output).size / 1024 / 1024)} MB) für ${process.platform}-${process.arch}`);
