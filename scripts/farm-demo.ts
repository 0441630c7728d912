// npm run farm:demo — the render farm on this machine, for people to watch it work: a fresh
// PostgreSQL database, the local Redis (own queue prefix), a local S3-protocol server, one
// `kindly serve` and two `kindly worker`s, each a real process, running a 20-debtor campaign.
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeProgressBar } from '../server/cli/progress-bar.ts';
import { toCsvLine } from '../server/to-csv-line.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { getFreePort } from '../test/helpers/free-port.ts';
import { makePostgresDatabase } from '../test/helpers/postgres-database.ts';
import { startS3Server } from '../test/helpers/s3-server.ts';
import { makeTempDir } from '../test/helpers/temp-dir.ts';

const bin = fileURLToPath(new URL('../bin/kindly.js', import.meta.url));
const recipients = Number(process.argv.find((arg) => arg.startsWith('--recipients='))?.split('=')[1] ?? 20);

const temp = await makeTempDir('farm-demo');
const database = await makePostgresDatabase();
const s3 = await startS3Server({ bucket: 'kindly-demo' });
const port = await getFreePort();
const apiKey = crypto.randomBytes(18).toString('base64url');
const api = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: database.url,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  KINDLY_QUEUE_PREFIX: `farmdemo${crypto.randomBytes(3).toString('hex')}`,
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
const start = (name: string, args: string[], extra: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...env, ...extra, KINDLY_DATA_DIR: path.join(temp.dir, name) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const print = (chunk: Buffer) => process.stderr.write(chunk.toString().replace(/^(?=.)/gm, `\x1b[2K[${name}] `));
  child.stdout?.on('data', print);
  child.stderr?.on('data', print);
  children.push(child);
  return child;
};
const stop = async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
  await s3.stop();
  await database.drop();
  await temp.remove();
};
process.once('SIGINT', () => void stop().then(() => process.exit(0)));

const call = async (method: string, url: string, body?: unknown) => {
  const response = await fetch(`${api}${url}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return url.endsWith('.csv') ? response.text() : response.json();
};

start('api', ['serve'], { KINDLY_LOG_LEVEL: 'warn' });
for (let attempt = 0; ; attempt += 1) {
  if (await fetch(`${api}/healthz`).then((response) => response.ok, () => false)) break;
  if (attempt > 600) throw new Error('kindly serve did not start');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
start('worker-1', ['worker']);
start('worker-2', ['worker']);

const rows = Array.from({ length: recipients }, (_, index) => {
  const example = gentleReminder.examples[index % gentleReminder.examples.length]!;
  return toCsvLine(gentleReminder.fields.map((field) => (field === 'id' ? `DEMO-${index + 1}` : String(example[field] ?? ''))), { defuseFormulas: false });
});
const form = new FormData();
form.append('file', new Blob([toCsvLine(gentleReminder.fields) + rows.join('')], { type: 'text/csv' }), 'demo.csv');
const campaign = (await call('POST', '/api/campaigns', { template: 'gentle-reminder', payUrl: `${api}/demo/pay` })) as { id: string };
console.log(await call('POST', `/api/campaigns/${campaign.id}/records`, form));
await call('POST', `/api/campaigns/${campaign.id}/start`);
console.log(`Campaign ${campaign.id}: API ${api}, docs ${api}/docs, queue board ${api}/admin/queues (Bearer ${apiKey})`);

const bar = makeProgressBar({ label: 'Farm', total: recipients });
for (;;) {
  const { status, progress } = (await call('GET', `/api/campaigns/${campaign.id}`)) as { status: string; progress: { published: number; failed: number; rendering: number } };
  bar.update(progress.published + progress.failed, `rendering ${progress.rendering}, failed ${progress.failed}`);
  if (status === 'done') break;
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
bar.finish();
console.log(await call('GET', `/api/campaigns/${campaign.id}/links.csv`));
console.log('Pages are in the S3 bucket. This local S3 server does not serve folder URLs as a CDN does: add index.html to open one.');
console.log('Press Ctrl+C to stop everything and clean up.');
