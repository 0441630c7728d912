/**
 * Worker memory over a long campaign: one `kindly worker` renders a campaign of N debtors (each
 * with a personal chunk of their own) on the local farm (PostgreSQL, Redis, S3-protocol server),
 * its browser recycled every KINDLY_RECYCLE_EVERY renders. The RSS of the worker's whole process
 * tree (Node, browsers, ffmpeg) is sampled every second against the renders done so far, and the
 * bench prints the peak, each block of 50 renders, and the least-squares slope in MB per 50 renders.
 * Usage: npm run bench:worker-memory -- [--recipients 200] [--recycle-every 50] [--out bench-results/worker-memory.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeProgressBar } from '../server/cli/progress-bar.ts';
import { startLocalFarm } from './local-farm.ts';
import { listProcessTree } from './lib/process-tree.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '200' },
    'recycle-every': { type: 'string', default: '50' },
    out: { type: 'string', default: 'bench-results/worker-memory.json' },
  },
});
const recipients = Number(values.recipients);
const recycleEvery = Number(values['recycle-every']);

const farm = await startLocalFarm({ name: 'bench-memory' });
try {
  const worker = farm.start({
    name: 'worker',
    args: ['worker'],
    env: { KINDLY_RECYCLE_EVERY: String(recycleEvery), KINDLY_LOG_LEVEL: 'warn' },
  });
  const campaignId = await farm.startCampaign({ recipients });
  const samples: { seconds: number; renders: number; rssMb: number }[] = [];
  const started = performance.now();
  const bar = makeProgressBar({ label: 'Rendering', total: recipients });
  for (;;) {
    const { status, progress } = (await farm.call('GET', `/api/campaigns/${campaignId}`)) as {
      status: string;
      progress: { published: number; failed: number };
    };
    const renders = progress.published + progress.failed;
    const rssMb = Math.round(listProcessTree(worker.pid!).reduce((sum, proc) => sum + proc.rss, 0) / 2 ** 20);
    samples.push({ seconds: Math.round((performance.now() - started) / 100) / 10, renders, rssMb });
    bar.update(renders, `worker tree ${rssMb} MB`);
    if (status === 'done') break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  bar.finish();

  const blocks = Array.from({ length: Math.ceil(recipients / 50) }, (_, index) => {
    const inBlock = samples.filter((sample) => sample.renders > index * 50 && sample.renders <= (index + 1) * 50);
    const rss = inBlock.map((sample) => sample.rssMb);
    return {
      renders: `${index * 50 + 1}-${Math.min(recipients, (index + 1) * 50)}`,
      peakMb: Math.max(0, ...rss),
      meanMb: Math.round(rss.reduce((sum, value) => sum + value, 0) / Math.max(1, rss.length)),
    };
  });
  // The first renders open the browser and fill caches: the slope is over what follows.
  const steady = samples.filter((sample) => sample.renders >= Math.min(10, recipients / 2));
  const report = {
    recipients,
    recycleEvery,
    seconds: samples.at(-1)?.seconds ?? 0,
    peakMb: Math.max(...samples.map((sample) => sample.rssMb)),
    slopeMbPer50Renders: Math.round(slope(steady.map((sample) => [sample.renders, sample.rssMb])) * 50 * 10) / 10,
    blocks,
    samples,
  };
  console.log(
    `Worker tree RSS over ${recipients} renders, browser recycled every ${recycleEvery}: peak ${report.peakMb} MB, slope ${report.slopeMbPer50Renders} MB per 50 renders`,
  );
  for (const block of blocks)
    console.log(
      `  renders ${block.renders.padEnd(8)} peak ${String(block.peakMb).padStart(5)} MB   mean ${String(block.meanMb).padStart(5)} MB`,
    );
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${values.out}`);
} finally {
  await farm.stop();
}

/** Least-squares slope of y over x. */
function slope(points: number[][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, [x = 0]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y = 0]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x = 0, y = 0]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x = 0]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}
