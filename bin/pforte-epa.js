#!/usr/bin/env node
// The ePA desktop client; the sources are TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runEpaDesktop } = await import('../src/apps/epa-desktop/cli.ts');
process.exitCode = await runEpaDesktop(process.argv.slice(2));
