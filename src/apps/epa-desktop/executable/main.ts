// The entry of the single executable (`npm run build:epa`, scripts/build-epa.mjs): the same program
// as bin/pforte-epa.js, with its CSS and images read from the executable instead of folders.
import * as sea from 'node:sea';
import { runEpaDesktop } from '../cli.ts';
import { useEmbeddedAssets } from './assets.ts';

/** The SEA asset naming the embedded files: address path → content type (written by the build). */
export const MANIFEST = 'manifest.json';

async function main(): Promise<number> {
  const manifest = JSON.parse(sea.getAsset(MANIFEST, 'utf8')) as { files: Record<string, string> };
  useEmbeddedAssets(Object.entries(manifest.files).map(([path, type]) => [path, { body: Buffer.from(sea.getAsset(path)), type }] as const));
  return runEpaDesktop(process.argv.slice(2));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Fehler: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
