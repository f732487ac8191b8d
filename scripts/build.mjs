// Bundles the browser code (page enhancements, the 2-factor app, the AOK Ident app and their service workers, the AOK Ident's login page) into public/build.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/client/upload.ts', 'src/client/ik-lookup.ts', 'src/client/authenticator.ts', 'src/client/authenticator-sw.ts', 'src/client/ident.ts', 'src/client/ident-sw.ts', 'src/client/ident-login.ts'],
  outdir: 'public/build',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  logLevel: 'warning',
});
