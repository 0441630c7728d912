/**
 * Ingestion benchmark: `kindly serve` on loopback with PostgreSQL, and autocannon in a second
 * process sending page-event beacons for 1,000 personal links. Prints events/s, p50/p99
 * latency, errors, and events stored against events accepted (after the server closed, which
 * stores what it buffered) — first for a bare endpoint that stores the same row
 * (bench-tracking-baseline.ts), then for Kindly, and Kindly's events/s as a ratio of the bare one's.
 * Usage: npm run bench:tracking -- [--seconds 10] [--connections 50] [--out bench-results/tracking.json]
 * PostgreSQL: KINDLY_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres); a database is made and dropped.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { parseArgs, promisify } from 'node:util';
import { createCampaign } from '../server/store/campaigns.ts';
import { countEvents, deleteEvents } from '../server/store/events.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { insertRecipients } from '../server/store/recipients.ts';
import { getFreePort } from './lib/free-port.ts';
import { makePostgresDatabase } from './lib/postgres-database.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: 'bench-results/tracking.json' },
  },
});
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindly-bench-tracking-'));

const database = await makePostgresDatabase();
try {
  const db = await openPostgresStore({ url: database.url, maxConnections: 2 });
  await createCampaign({
    db,
    campaign: {
      id: 'bench',
      templateId: 'gentle-reminder',
      templateVersion: '1.0.0',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
    },
  });
  const recipients = Array.from({ length: 1000 }, (_, index) => ({
    recordId: `B-${index}`,
    row: index + 2,
    token: makeToken(),
    payRef: makePayRef(),
    locale: 'it-IT',
    data: {},
  }));
  for (let at = 0; at < recipients.length; at += 500)
    await insertRecipients({ db, campaignId: 'bench', recipients: recipients.slice(at, at + 500) });
  const tokensFile = path.join(work, 'tokens.json');
  fs.writeFileSync(tokensFile, JSON.stringify(recipients.map((recipient) => recipient.token)));

  const kindlyEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    KINDLY_DATA_DIR: path.join(work, 'data'),
    KINDLY_LOG_LEVEL: 'warn',
    KINDLY_TRACK_RATE_LIMIT: '10000000',
    REDIS_URL: '',
    KINDLY_S3_BUCKET: '',
  };
  const servers = {
    baseline: (port: number) =>
      spawn(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'scripts/bench-tracking-baseline.ts'), database.url, String(port), 'bench'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    kindly: (port: number) =>
      spawn(
        process.execPath,
        [path.join(root, 'bin/kindly.js'), 'serve', '--out', path.join(work, 'out'), '--port', String(port)],
        { env: kindlyEnv, stdio: ['ignore', 'pipe', 'inherit'] },
      ),
  };
  // The same load, one server after the other, on the same database: the baseline's figures
  // move with the machine as Kindly's do, so their ratio holds from one machine to another.
  const baseline = await loadServer({ db, tokensFile, start: servers.baseline });
  const kindly = await loadServer({ db, tokensFile, start: servers.kindly });
  await db.close();

  const figures = {
    connections: Number(values.connections),
    cores: os.cpus().length,
    ...kindly,
    baseline,
    /** Kindly's events/s as a share of the bare endpoint's, in the same run. */
    ratioToBaseline: Math.round((kindly.eventsPerSecond / Math.max(1, baseline.eventsPerSecond)) * 1000) / 1000,
  };
  console.log(
    `Tracking ingestion, ${figures.seconds} s per server, ${figures.connections} connections, ${figures.cores} cores, PostgreSQL`,
  );
  const line = (label: string, pass: Pass) =>
    console.log(
      `  ${label.padEnd(9)} ${String(pass.eventsPerSecond).padStart(6)} events/s   p50 ${pass.latencyMs.p50} ms, p99 ${pass.latencyMs.p99} ms, max ${pass.latencyMs.max} ms   sent ${pass.sent}, accepted ${pass.accepted}, refused ${pass.refused}, errors ${pass.errors}, timeouts ${pass.timeouts}, stored ${pass.stored}, lost ${pass.lost}   server CPU ${pass.serverCpuMsPerEvent} ms/event`,
    );
  line('baseline', baseline);
  line('Kindly', kindly);
  console.log(
    `  Kindly / baseline: ${figures.ratioToBaseline} of the bare endpoint's events/s (target ≥ 0.8, p99 < 50 ms, 0 lost)`,
  );
  console.log(`  load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await database.drop();
  fs.rmSync(work, { recursive: true, force: true });
}

type Pass = Awaited<ReturnType<typeof loadServer>>;

/** Starts a server, loads it with autocannon from a second process, stops it, and counts what it stored. */
async function loadServer(options: {
  db: Awaited<ReturnType<typeof openPostgresStore>>;
  tokensFile: string;
  start: (port: number) => ChildProcessByStdio<null, Readable, null>;
}) {
  await deleteEvents({ db: options.db, campaignId: 'bench' });
  const port = await getFreePort();
  const server = options.start(port);
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  for (let waited = 0; !output.includes('Serving'); waited += 100) {
    if (waited > 60_000 || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const cpuBefore = readCpuSeconds(server.pid!);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'scripts/bench-tracking-load.mjs'),
      `http://127.0.0.1:${port}`,
      values.seconds,
      values.connections,
      options.tokensFile,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const { sent, result } = JSON.parse(stdout) as {
    sent: number;
    result: {
      duration: number;
      latency: Record<string, number>;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      requests: { total: number };
    };
  };
  const serverCpu = readCpuSeconds(server.pid!) - cpuBefore;
  server.kill('SIGTERM');
  await exited;
  const accepted = result['2xx'];
  const stored = await countEvents({ db: options.db, campaignId: 'bench' });
  return {
    seconds: Math.round(result.duration * 10) / 10,
    eventsPerSecond: Math.round(accepted / result.duration),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    sent,
    accepted,
    refused: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    stored,
    // Requests still in flight when the load stopped are stored too, so stored may exceed accepted.
    lost: Math.max(0, accepted - stored),
    /** The server's own CPU per event: what the machine could take alone, whatever else runs on it. */
    serverCpuMsPerEvent: Math.round((serverCpu * 1000 * 1000) / Math.max(1, stored)) / 1000,
  };
}

/** User + system CPU seconds of a process so far, from /proc. */
function readCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
