#!/usr/bin/env node
// The kindly command: runs the TypeScript sources directly, with the project's own compiler
// settings whatever folder it is started from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../server/cli/main.ts');
await main(process.argv);
