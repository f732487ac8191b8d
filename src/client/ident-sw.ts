// Keeps the AOK Ident app's shell available offline; the API is always asked live.
import { serveAppShell } from './app-shell-sw.ts';

serveAppShell('pforte-ident-v1', ['/ident/app/', '/assets/build/ident.js', '/assets/pforte.css', '/assets/app.css', '/assets/ident-icon.svg', '/ident/app/manifest.webmanifest']);
