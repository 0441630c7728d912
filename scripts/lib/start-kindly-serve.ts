import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getFreePort } from './free-port.ts';
import { makeApiCall, type ApiCall } from './make-api-call.ts';

const bin = fileURLToPath(new URL('../../bin/kindly.js', import.meta.url));

/** A `kindly serve` run as an operator runs it, on the embedded defaults, and its API. */
export type KindlyServe = {
  child: ChildProcess;
  api: string;
  /** The site folder it serves (the local CDN origin). */
  siteDir: string;
  /** Calls the API with the server's key. */
  call: ApiCall;
  stop: () => Promise<void>;
};

/**
 * Starts `bin/kindly.js serve` under `dir` (its own data folder, site folder and API key; no
 * Redis or PostgreSQL from the caller's environment) and waits for its health check. Its output
 * goes to `dir/serve.log`.
 */
export async function startKindlyServe(options: { dir: string }): Promise<KindlyServe> {
  const port = await getFreePort();
  const apiKey = crypto.randomBytes(18).toString('base64url');
  const api = `http://127.0.0.1:${port}`;
  const out = path.join(options.dir, 'out');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'KINDLY_S3_BUCKET',
    'KINDLY_PUBLIC_BASE_URL',
    'KINDLY_TRACK_BASE_URL',
  ])
    delete env[name];
  const log = fs.openSync(path.join(options.dir, 'serve.log'), 'a');
  const child = spawn(process.execPath, [bin, 'serve', '--out', out], {
    env: {
      ...env,
      KINDLY_DATA_DIR: path.join(options.dir, 'data'),
      KINDLY_API_KEY: apiKey,
      KINDLY_PORT: String(port),
      KINDLY_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const call = makeApiCall({ api, apiKey });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    fs.closeSync(log);
  };
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`kindly serve exited with ${child.exitCode}: see ${options.dir}/serve.log`);
    const healthy = await fetch(`${api}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, api, siteDir: path.join(out, 'site'), call, stop };
}
