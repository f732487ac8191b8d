// Keeps the 2-factor app's shell available offline; the API is always asked live.
import { serveAppShell } from './app-shell-sw.ts';

serveAppShell('pforte-authenticator-v1', ['/app/', '/assets/build/authenticator.js', '/assets/pforte.css', '/assets/app.css', '/assets/app-icon.svg', '/app/manifest.webmanifest']);
