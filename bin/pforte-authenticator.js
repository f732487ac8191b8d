#!/usr/bin/env node
// The 2-factor app for the terminal; the sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runAuthenticator } = await import('../src/apps/authenticator/cli.ts');
process.exitCode = await runAuthenticator(process.argv.slice(2));
