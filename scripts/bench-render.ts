/**
 * Renders the same gentle-reminder recipients two ways and compares them:
 *   (a) plain Remotion, as its docs show it: selectComposition + renderMedia per video, default options;
 *   (b) Kindly: openRenderer with a fresh, empty segment cache (shared segments' one-off cost included).
 * With `--repeat N` the pair runs N times (each (b) with a fresh cache) and the median ratio and
 * its spread are printed: the machine's speed cancels out of each ratio, its noise does not.
 * Usage: npm run bench:render -- --recipients 10 [--in-flight 2] [--repeat 3] [--out bench-results/render.json]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderFullVideo } from './lib/render-full-video.ts';
import { measure } from './lib/measure-task.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer } from '../server/render/open-renderer.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10' },
    'in-flight': { type: 'string', default: '2' },
    repeat: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench-results/render.json' },
  },
});
const count = Number(values.recipients);
const repeat = Math.max(1, Number(values.repeat));
const inFlight = Number(values['in-flight']);
const template = gentleReminder as unknown as TemplateDefinition;
const browserExecutable = findBrowser({ configured: process.env.KINDLY_BROWSER }) ?? null;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kindly-bench-'));

const surnames = ['Rossi', 'Taylor', 'Bianchi', 'Wright', 'Ferrari'];
const records = Array.from({ length: count }, (_, index) => {
  const example = gentleReminder.examples[index % gentleReminder.examples.length] as Record<string, string>;
  const base = gentleReminder.schema.parse(example);
  const name =
    index < gentleReminder.examples.length
      ? base.name
      : `${base.name.split(' ')[0]} ${surnames[index % surnames.length]}`;
  return { ...base, id: `BENCH-${index + 1}`, name, amount: Math.round((base.amount + index * 17.35) * 100) / 100 };
});

console.log(`Bundling…`);
const serveUrl = await makeBundle();

type Pass = Awaited<ReturnType<typeof measure>>;

/** One pair: (a) then (b), on the same records and bundle. */
async function runPair(round: number): Promise<{
  plain: Pass;
  plainEach: number[];
  kindly: Pass;
  kindlyEach: number[];
  segments: { rendered: number; reused: number };
}> {
  const label = repeat > 1 ? ` [round ${round}/${repeat}]` : '';
  console.log(`(a) plain Remotion, ${count} recipients one after another${label}`);
  const plainEach: number[] = [];
  const plain = await measure(async () => {
    for (const [index, record] of records.entries()) {
      const started = performance.now();
      await renderFullVideo({
        serveUrl,
        template,
        record,
        browserExecutable,
        output: path.join(work, `plain-${index}.mp4`),
      });
      plainEach.push((performance.now() - started) / 1000);
      console.log(`  ${index + 1}/${count} ${plainEach.at(-1)?.toFixed(1)} s`);
    }
  });

  console.log(`(b) Kindly, fresh segment cache, ${inFlight} recipient(s) in flight${label}`);
  const kindlyEach: number[] = new Array(count).fill(0);
  const segments = { rendered: 0, reused: 0 };
  const kindly = await measure(async () => {
    const renderer = await openRenderer({
      template,
      browserExecutable: browserExecutable ?? undefined,
      serveUrl,
      segmentCacheDir: path.join(work, `segments-${round}`),
      onSegment: (event) => (event.rendered ? (segments.rendered += 1) : (segments.reused += 1)),
    });
    let next = 0;
    const lane = async () => {
      for (let index = next++; index < count; index = next++) {
        const started = performance.now();
        await renderer.renderRecipient({
          record: records[index]!,
          workDir: path.join(work, `kindly-${round}-${index}`),
        });
        kindlyEach[index] = (performance.now() - started) / 1000;
        console.log(`  ${index + 1}/${count} ${kindlyEach[index]?.toFixed(1)} s`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, inFlight) }, lane));
    await renderer.close();
  });
  return { plain, plainEach, kindly, kindlyEach, segments };
}

const pairs: Awaited<ReturnType<typeof runPair>>[] = [];
for (let round = 1; round <= repeat; round += 1) pairs.push(await runPair(round));
const wallRatios = pairs.map((pair) => pair.kindly.wall / pair.plain.wall);
const cpuRatios = pairs.map((pair) => pair.kindly.cpu / pair.plain.cpu);
// The round whose wall ratio is the median stands for the run in the table below.
const { plain, plainEach, kindly, kindlyEach, segments } = pairs[wallRatios.indexOf(median(wallRatios))]!;

const summarize = (run: { wall: number; cpu: number; peakMb: number; otherCpu: number }) => ({
  wallSeconds: round(run.wall),
  wallPerRecipient: round(run.wall / count),
  cpuSeconds: round(run.cpu),
  cpuPerRecipient: round(run.cpu / count),
  peakRssMb: run.peakMb,
  videosPerHour: Math.round((3600 * count) / run.wall),
  otherProcessesCpuSeconds: round(run.otherCpu),
});
const machine = {
  cores: os.availableParallelism(),
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  browser: browserExecutable
    ? execFileSync(browserExecutable, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]
    : 'remotion download',
};
const report = {
  recipients: count,
  recipientsInFlight: inFlight,
  machine,
  plain: { ...summarize(plain), perRecipientSeconds: plainEach.map(round) },
  kindly: { ...summarize(kindly), perRecipientSeconds: kindlyEach.map(round), segments },
  ratio: { wall: round(kindly.wall / plain.wall, 3), cpu: round(kindly.cpu / plain.cpu, 3) },
  rounds: repeat,
  ratios: {
    wall: {
      median: round(median(wallRatios), 3),
      min: round(Math.min(...wallRatios), 3),
      max: round(Math.max(...wallRatios), 3),
      each: wallRatios.map((ratio) => round(ratio, 3)),
    },
    cpu: {
      median: round(median(cpuRatios), 3),
      min: round(Math.min(...cpuRatios), 3),
      max: round(Math.max(...cpuRatios), 3),
      each: cpuRatios.map((ratio) => round(ratio, 3)),
    },
  },
};

const rows = [
  ['', '(a) plain', '(b) Kindly', 'b/a'],
  ['wall s per recipient', report.plain.wallPerRecipient, report.kindly.wallPerRecipient, report.ratio.wall],
  ['CPU s per recipient', report.plain.cpuPerRecipient, report.kindly.cpuPerRecipient, report.ratio.cpu],
  [
    'peak RSS MB (tree)',
    report.plain.peakRssMb,
    report.kindly.peakRssMb,
    round(report.kindly.peakRssMb / report.plain.peakRssMb, 2),
  ],
  [
    'videos per hour',
    report.plain.videosPerHour,
    report.kindly.videosPerHour,
    round(report.kindly.videosPerHour / report.plain.videosPerHour, 2),
  ],
  ...records.map((_, index) => [
    `recipient ${index + 1} wall s`,
    round(plainEach[index] ?? 0),
    round(kindlyEach[index] ?? 0),
    '',
  ]),
];
console.log(`\n${machine.cores} cores, ${machine.memory}, ${machine.browser}, Node ${machine.node}`);
for (const row of rows) console.log(row.map((cell, index) => String(cell).padStart(index === 0 ? 24 : 12)).join(''));
console.log(`segments rendered ${segments.rendered}, reused ${segments.reused}`);
if (repeat > 1) {
  const spread = (ratios: typeof report.ratios.wall) =>
    `median ${ratios.median} (min ${ratios.min}, max ${ratios.max}; each ${ratios.each.join(', ')})`;
  console.log(`b/a over ${repeat} rounds: wall ${spread(report.ratios.wall)}; CPU ${spread(report.ratios.cpu)}`);
}
console.log(
  `CPU used by other processes meanwhile: ${report.plain.otherProcessesCpuSeconds} s during (a), ${report.kindly.otherProcessesCpuSeconds} s during (b)`,
);
fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${values.out}`);
fs.rmSync(work, { recursive: true, force: true });

/** The middle value (of an even count, the lower middle, so it is one of the values measured). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function round(value: number, digits = 2): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
