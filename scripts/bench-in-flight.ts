/**
 * How many renders a machine should run at once: for each `--in-flight` k, a renderer drawing k
 * chunks at once (fresh segment cache) renders one gentle-reminder recipient of each locale (to
 * cache the shared intro, outro and sound), then `--recipients` more, k at a time, HLS delivery as
 * a worker does; prints wall and CPU seconds (process tree: Node, Chromium, ffmpeg) per recipient
 * and peak RSS for each k, and writes bench-results/in-flight.json.
 * Usage: npm run bench:in-flight -- [--recipients 12] [--in-flight 2,3,4,6] [--out bench-results/in-flight.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeBenchRecipient } from './lib/make-bench-recipient.ts';
import { measure } from './lib/measure-task.ts';
import { makeTempDir } from './lib/temp-dir.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer } from '../server/render/open-renderer.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '12' },
    'in-flight': { type: 'string', default: '2,3,4,6' },
    out: { type: 'string', default: 'bench-results/in-flight.json' },
  },
});
const count = Math.max(1, Number(values.recipients));
const levels = values['in-flight'].split(',').map(Number);
const template = gentleReminder as unknown as TemplateDefinition;
// The first recipients are one of each locale (see makeBenchRecipient).
const locales = gentleReminder.examples.length;

console.log(`Bundling… (load ${os.loadavg()[0]?.toFixed(1)})`);
const serveUrl = await makeBundle();
const browserExecutable = findBrowser({ configured: process.env.KINDLY_BROWSER });
const results: { inFlight: number; wallPerRecipient: number; cpuPerRecipient: number; peakMb: number }[] = [];
for (const inFlight of levels) {
  const work = await makeTempDir('bench-in-flight');
  const renderer = await openRenderer({
    template,
    browserExecutable,
    serveUrl,
    segmentCacheDir: path.join(work.dir, 'segments'),
    chunksInFlight: inFlight,
  });
  try {
    const render = (index: number) =>
      renderer.renderRecipient({
        record: makeBenchRecipient(index),
        delivery: 'hls',
        workDir: path.join(work.dir, `${index}`),
      });
    await Promise.all(Array.from({ length: locales }, (_, index) => render(index)));
    let next = locales;
    const run = await measure(async () => {
      const lane = async () => {
        for (let index = next++; index < locales + count; index = next++) await render(index);
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
    });
    const result = {
      inFlight,
      wallPerRecipient: Math.round((run.wall / count) * 100) / 100,
      cpuPerRecipient: Math.round((run.cpu / count) * 100) / 100,
      peakMb: Math.round(run.peakMb),
    };
    results.push(result);
    console.log(
      `${inFlight} in flight: ${result.wallPerRecipient} s wall and ${result.cpuPerRecipient} CPU s per recipient, ` +
        `peak RSS ${result.peakMb} MB (other work on the machine ${run.otherCpu.toFixed(1)} CPU s)`,
    );
  } finally {
    await renderer.close();
    await work.remove();
  }
}
fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
const report = { at: new Date().toISOString(), cores: os.availableParallelism(), recipients: count, results };
fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${values.out}`);
