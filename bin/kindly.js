#!/usr/bin/env node
// The kindly command: runs the TypeScript sources directly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
await main(process.argv);
