#!/usr/bin/env node
// Operator commands (`npx pforte …`): compiled from dist/ when that is current, else the TypeScript through tsx (compiled.js).
import { loadCommand } from './compiled.js';

const { main } = await loadCommand('cli', '../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
