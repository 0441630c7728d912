import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { isBrowser, listProcesses, type ProcessInfo } from './helpers/list-processes.ts';

/** Set for the whole run; every process the tests start inherits it, browsers included. */
const marker = 'KINDLY_SUITE_RUN';

export function setup() {
  process.env[marker] = crypto.randomBytes(8).toString('hex');
}

/** The suite leaves no browser running: any left over is named, killed, and fails the run. */
export async function teardown() {
  const run = `${marker}=${process.env[marker]}`;
  const left: ProcessInfo[] = [];
  for (const entry of (await listProcesses()).filter(isBrowser)) {
    if (entry.state === 'Z') continue;
    const environment = await fs.readFile(`/proc/${entry.pid}/environ`, 'utf8').catch(() => '');
    if (environment.split('\0').includes(run)) left.push(entry);
  }
  for (const entry of left) {
    try {
      process.kill(entry.pid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  if (left.length > 0) {
    const list = left.map((entry) => `  ${entry.pid} ${entry.command.slice(0, 120)}`).join('\n');
    throw new Error(
      `The tests left ${left.length} browser processes running (killed now); a test or the code it drives does not close its browser:\n${list}`,
    );
  }
}
