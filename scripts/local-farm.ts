import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsvLine } from '../server/to-csv-line.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { getFreePort } from './lib/free-port.ts';
import { makeApiCall } from './lib/make-api-call.ts';
import { makePostgresDatabase } from './lib/postgres-database.ts';
import { startS3Server } from './lib/s3-server.ts';
import { makeTempDir } from './lib/temp-dir.ts';

const bin = fileURLToPath(new URL('../bin/kindly.js', import.meta.url));

/** A render farm on this machine, as deployed: what the scripts that run one share. */
export type LocalFarm = {
  api: string;
  apiKey: string;
  /** Starts a `kindly` process of the farm; its output is printed prefixed with its name. */
  start: (options: { name: string; args: string[]; env?: Record<string, string> }) => ChildProcess;
  /** Calls the farm's API with its key; CSV answers come back as text. */
  call: (method: string, url: string, body?: unknown) => Promise<unknown>;
  /** A gentle-reminder campaign of `recipients` debtors, each with an amount of their own (so each draws its own personal chunk), started. */
  startCampaign: (options: { recipients: number }) => Promise<string>;
  stop: () => Promise<void>;
};

/**
 * A fresh PostgreSQL database, the local Redis (a queue prefix of its own), a local S3-protocol
 * server as the CDN origin and one `kindly serve`; workers are started with `start`.
 */
export async function startLocalFarm(options: { name: string }): Promise<LocalFarm> {
  const temp = await makeTempDir(options.name);
  const database = await makePostgresDatabase();
  const s3 = await startS3Server({ bucket: 'kindly-demo' });
  const port = await getFreePort();
  const apiKey = crypto.randomBytes(18).toString('base64url');
  const api = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KINDLY_QUEUE_PREFIX: `${options.name.replace(/[^A-Za-z0-9]/g, '')}${crypto.randomBytes(3).toString('hex')}`,
    KINDLY_S3_BUCKET: s3.bucket,
    KINDLY_S3_ENDPOINT: s3.endpoint,
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    KINDLY_PUBLIC_BASE_URL: `${s3.endpoint}/${s3.bucket}`,
    KINDLY_TRACK_BASE_URL: api,
    KINDLY_API_KEY: apiKey,
    KINDLY_PORT: String(port),
    KINDLY_SWEEP_SECONDS: '5',
  };

  const children: ChildProcess[] = [];
  const start: LocalFarm['start'] = ({ name, args, env: extra }) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...env, ...extra, KINDLY_DATA_DIR: path.join(temp.dir, name) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const print = (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `\x1b[2K[${name}] `));
    child.stdout?.on('data', print);
    child.stderr?.on('data', print);
    children.push(child);
    return child;
  };
  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children
        .filter((child) => child.exitCode === null)
        .map((child) => new Promise((resolve) => child.once('exit', resolve))),
    );
    await s3.stop();
    await database.drop();
    await temp.remove();
  };
  const call = makeApiCall({ api, apiKey });
  const startCampaign: LocalFarm['startCampaign'] = async ({ recipients }) => {
    const rows = Array.from({ length: recipients }, (_, index) => {
      const example = gentleReminder.examples[index % gentleReminder.examples.length]!;
      const values: Record<string, unknown> = {
        ...example,
        id: `DEMO-${index + 1}`,
        amount: `${100 + index}.${String(index % 100).padStart(2, '0')}`,
      };
      return toCsvLine(
        gentleReminder.fields.map((field) => String(values[field] ?? '')),
        { defuseFormulas: false },
      );
    });
    const form = new FormData();
    form.append('file', new Blob([toCsvLine(gentleReminder.fields) + rows.join('')], { type: 'text/csv' }), 'demo.csv');
    const campaign = (await call('POST', '/api/campaigns', {
      template: 'gentle-reminder',
      payUrl: `${api}/demo/pay`,
    })) as { id: string };
    console.log(await call('POST', `/api/campaigns/${campaign.id}/records`, form));
    await call('POST', `/api/campaigns/${campaign.id}/start`);
    return campaign.id;
  };

  start({ name: 'api', args: ['serve'], env: { KINDLY_LOG_LEVEL: 'warn' } });
  for (let attempt = 0; ; attempt += 1) {
    if (
      await fetch(`${api}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (attempt > 600) {
      await stop();
      throw new Error('kindly serve did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { api, apiKey, start, call, startCampaign, stop };
}
