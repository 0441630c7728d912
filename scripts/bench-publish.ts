/**
 * Zero-render publishing: a live campaign of N debtors through the operator's own command
 * (`kindly render --playback live`) on the embedded defaults (PGlite, a local site folder). It
 * prints and writes the publish phase's wall time and pages per second, the pictures drawn
 * (segment cache entries: one neutral poster and thumbnail per look, none per debtor), the bytes
 * stored per debtor's page and the command's peak RSS (its whole process tree, browsers included).
 * With `--store postgres-s3` the store is a PostgreSQL database and the CDN a local S3-protocol
 * server (s3rver), both the bench's own: the figures then count objects stored, not bytes.
 * Usage: npm run bench:publish -- [--recipients 10000] [--store embedded|postgres-s3] [--out bench-results/publish.json]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { makePostgresDatabase } from './lib/postgres-database.ts';
import { makeBenchRecords } from './lib/make-bench-records.ts';
import { listProcessTree } from './lib/process-tree.ts';
import { sizeOfFolder } from './lib/size-of-folder.ts';
import { startS3Server } from './lib/s3-server.ts';
import { makeTempDir } from './lib/temp-dir.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    store: { type: 'string', default: 'embedded' },
    out: { type: 'string', default: 'bench-results/publish.json' },
  },
});
if (!['embedded', 'postgres-s3'].includes(values.store))
  throw new Error(`--store must be embedded or postgres-s3 (got ${values.store})`);
const farm = values.store === 'postgres-s3';
const recipients = Number(values.recipients);

const temp = await makeTempDir('bench-publish');
const database = farm ? await makePostgresDatabase() : undefined;
const s3 = farm ? await startS3Server({ bucket: 'kindly-bench' }) : undefined;
try {
  const records = path.join(temp.dir, 'records.csv');
  fs.writeFileSync(records, makeBenchRecords({ recipients }));
  const dataDir = path.join(temp.dir, 'data');
  const out = path.join(temp.dir, 'out');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.resolve('bin/kindly.js'),
      'render',
      '--template',
      'gentle-reminder',
      '--records',
      records,
      '--out',
      out,
      '--playback',
      'live',
    ],
    {
      env: {
        ...process.env,
        KINDLY_DATA_DIR: dataDir,
        ...(database && s3
          ? {
              DATABASE_URL: database.url,
              KINDLY_S3_BUCKET: s3.bucket,
              KINDLY_S3_ENDPOINT: s3.endpoint,
              KINDLY_S3_FORCE_PATH_STYLE: 'true',
              AWS_ACCESS_KEY_ID: s3.accessKeyId,
              AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
            }
          : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let peakRss = 0;
  const sampler = setInterval(() => {
    const rss = listProcessTree(child.pid!).reduce((sum, proc) => sum + proc.rss, 0);
    peakRss = Math.max(peakRss, rss);
  }, 250);
  // The publish phase runs from the first progress line to "done"; before it come ingest, the bundle and the browser.
  let publishStarted: number | undefined;
  let publishEnded: number | undefined;
  const stdout: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('Rendering:')) publishStarted ??= performance.now();
    if (line.startsWith('Rendering: done')) publishEnded = performance.now();
    if (/failed|error/i.test(line) && !line.startsWith('Rendering:')) process.stderr.write(`${line}\n`);
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => stdout.push(line));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const totalSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`kindly render exited with ${code}:\n${stdout.join('\n')}`);
  const summary = stdout.find((line) => line.startsWith('Campaign ')) ?? '';
  const published = Number(/published (\d+)/.exec(summary)?.[1] ?? 0);
  const publishSeconds = ((publishEnded ?? performance.now()) - (publishStarted ?? started)) / 1000;
  const drawn = sizeOfFolder(path.join(dataDir, 'segments'));
  // On S3, the objects the server stored under r/ (their bytes stay in the server's folder).
  const pages = s3
    ? { files: s3.created.filter((key) => key.startsWith('r/')).length, bytes: Number.NaN }
    : sizeOfFolder(path.join(out, 'site', 'r'));
  const report = {
    store: values.store,
    recipients,
    published,
    publishSeconds: Math.round(publishSeconds * 10) / 10,
    totalSeconds: Math.round(totalSeconds * 10) / 10,
    recipientsPerSecond: Math.round(published / publishSeconds),
    // Each cache entry is one look's neutral poster (with its WebP) or its animated thumbnail.
    segmentFilesDrawn: drawn.files,
    picturesPerRecipient: Math.round((drawn.files / Math.max(1, published)) * 10_000) / 10_000,
    filesPerRecipient: Math.round((pages.files / Math.max(1, published)) * 100) / 100,
    bytesPerRecipient: s3 ? null : Math.round(pages.bytes / Math.max(1, published)),
    peakRssMb: Math.round(peakRss / 2 ** 20),
  };
  console.log(
    `Zero-render publish (${values.store}) of ${published}/${recipients} live pages: ${report.publishSeconds} s (${report.recipientsPerSecond} pages/s), ` +
      `${report.totalSeconds} s with ingest and start-up; ${drawn.files} cached pictures for all (${report.picturesPerRecipient} per page), ` +
      `${report.filesPerRecipient} files${s3 ? '' : ` and ${report.bytesPerRecipient} bytes`} per page; peak RSS ${report.peakRssMb} MB`,
  );
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${values.out}`);
} finally {
  await s3?.stop();
  await database?.drop();
  await temp.remove();
}
