#!/usr/bin/env node
// The AOK Ident app for the terminal; the sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runIdent } = await import('../src/apps/ident/cli.ts');
process.exitCode = await runIdent(process.argv.slice(2));
