#!/usr/bin/env node
// The AOK Ident app for the terminal: compiled from dist/ when that is current, else the TypeScript through tsx (compiled.js).
import { loadCommand } from './compiled.js';

const { runIdent } = await loadCommand('ident', '../src/apps/ident/cli.ts');
process.exitCode = await runIdent(process.argv.slice(2));
