import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBrowser, isRunning, listDescendants } from './helpers/list-processes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A process that opens a render browser the way Kindly's renderers do, then waits to be killed.
const opener = `
  import { openBrowser } from '@remotion/renderer';
  import { findBrowser } from './server/render/find-browser.ts';
  await openBrowser('chrome', { browserExecutable: findBrowser({ configured: undefined }), chromiumOptions: { headless: true }, logLevel: 'error' });
  console.log('opened');
  setInterval(() => undefined, 1000);
`;

const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};

describe('render browsers', () => {
  it('die with the process that opened them, even when it is killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', opener], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    expect(await waitUntil(async () => output.includes('opened') || child.exitCode !== null, 30_000), output).toBe(
      true,
    );
    expect(output).toContain('opened');
    const browsers = (await listDescendants(child.pid!)).filter(isBrowser);
    expect(browsers.length).toBeGreaterThan(0);

    // Only the opener is killed, as the kernel's OOM killer would: nothing else is signalled.
    child.kill('SIGKILL');
    await exited;
    const gone = await waitUntil(
      async () => (await Promise.all(browsers.map((browser) => isRunning(browser.pid)))).every((running) => !running),
      15_000,
    );
    const left = (
      await Promise.all(browsers.map(async (browser) => ((await isRunning(browser.pid)) ? browser : undefined)))
    ).filter(Boolean);
    expect(left, 'browsers of the killed process still running').toEqual([]);
    expect(gone).toBe(true);
  }, 60_000);
});
