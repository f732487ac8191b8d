// Bundles the few browser scripts (page enhancements) into public/build.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/client/upload.ts'],
  outdir: 'public/build',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  logLevel: 'warning',
});
