#!/usr/bin/env node
// The 2-factor app for the terminal: compiled from dist/ when that is current, else the TypeScript through tsx (compiled.js).
import { loadCommand } from './compiled.js';

const { runAuthenticator } = await loadCommand('authenticator', '../src/apps/authenticator/cli.ts');
process.exitCode = await runAuthenticator(process.argv.slice(2));
