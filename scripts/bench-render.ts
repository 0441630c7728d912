/**
 * Renders the same gentle-reminder recipients three ways and compares them:
 *   (a) plain Remotion, as its docs show it: selectComposition + renderMedia per video, default options;
 *   (b) Kindly eager MP4 and (c) Kindly eager HLS: a renderer with a fresh, empty segment cache
 *       (shared segments' one-off cost included), each recipient rendered and published to a local
 *       site folder, whose bytes per additional recipient (one of a locale already published) it reports.
 * With `--repeat N` the round runs N times (each Kindly pass with a fresh cache) and the median ratios
 * and their spread are printed: the machine's speed cancels out of each ratio, its noise does not.
 * `--in-flight` defaults to what a worker renders at once (two per core; see defaultRendersInFlight).
 * Usage: npm run bench:render -- --recipients 10 [--in-flight 4] [--repeat 3] [--out bench-results/render.json]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderFullVideo } from './lib/render-full-video.ts';
import { makeBenchRecipient } from './lib/make-bench-recipient.ts';
import { measure } from './lib/measure-task.ts';
import { renderKindlyRecipients, type StoredBytes } from './lib/render-kindly-recipients.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { defaultRendersInFlight } from '../server/renders-in-flight.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition, VideoDelivery } from '../templates/template-definition.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10' },
    'in-flight': { type: 'string', default: String(defaultRendersInFlight()) },
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

const records = Array.from({ length: count }, (_, index) => makeBenchRecipient(index));

console.log(`Bundling…`);
const serveUrl = await makeBundle();

type Pass = Awaited<ReturnType<typeof measure>>;
type KindlyPass = Pass & { each: number[]; segments: { rendered: number; reused: number }; bytes: StoredBytes };

/** One round: (a), then (b) and (c), on the same records and bundle, each Kindly pass with an empty cache. */
async function runRound(
  round: number,
): Promise<{ plain: Pass; plainEach: number[]; mp4: KindlyPass; hls: KindlyPass }> {
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
  const kindlyPass = async (delivery: VideoDelivery, letter: string): Promise<KindlyPass> => {
    console.log(`(${letter}) Kindly ${delivery}, fresh segment cache, ${inFlight} recipient(s) in flight${label}`);
    const pass = await measure(() =>
      renderKindlyRecipients({
        template,
        records,
        delivery,
        serveUrl,
        browserExecutable: browserExecutable ?? undefined,
        inFlight,
        workDir: path.join(work, `kindly-${delivery}-${round}`),
        onRecipient: (index, seconds) => console.log(`  ${index + 1}/${count} ${seconds.toFixed(1)} s`),
      }),
    );
    return { ...pass, ...pass.result };
  };
  return { plain, plainEach, mp4: await kindlyPass('mp4', 'b'), hls: await kindlyPass('hls', 'c') };
}

const rounds: Awaited<ReturnType<typeof runRound>>[] = [];
for (let round = 1; round <= repeat; round += 1) rounds.push(await runRound(round));
const ratiosOf = (pass: 'mp4' | 'hls', measure: 'wall' | 'cpu') =>
  rounds.map((each) => each[pass][measure] / each.plain[measure]);
// The round whose HLS wall ratio is the median stands for the run in the table below.
const hlsWall = ratiosOf('hls', 'wall');
const { plain, plainEach, mp4, hls } = rounds[hlsWall.indexOf(median(hlsWall))]!;

const summarize = (run: { wall: number; cpu: number; peakMb: number; otherCpu: number }) => ({
  wallSeconds: round(run.wall),
  wallPerRecipient: round(run.wall / count),
  cpuSeconds: round(run.cpu),
  cpuPerRecipient: round(run.cpu / count),
  peakRssMb: run.peakMb,
  videosPerHour: Math.round((3600 * count) / run.wall),
  otherProcessesCpuSeconds: round(run.otherCpu),
});
// A recipient whose locale came before adds only their own folder: the shared assets exist.
const additional = records.flatMap((record, index) =>
  records.slice(0, index).some((before) => before.locale === record.locale) ? [index] : [],
);
const bytesOf = (pass: KindlyPass) => ({
  sharedAssets: pass.bytes.shared,
  perRecipient: pass.bytes.perRecipient,
  // None when every recipient is the first of their locale (too few recipients to tell).
  perAdditionalRecipient: additional.length ? median(additional.map((index) => pass.bytes.perRecipient[index]!)) : null,
});
const spread = (ratios: number[]) => ({
  median: round(median(ratios), 3),
  min: round(Math.min(...ratios), 3),
  max: round(Math.max(...ratios), 3),
  each: ratios.map((ratio) => round(ratio, 3)),
});
const machine = {
  cores: os.availableParallelism(),
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  node: process.version,
  browser: browserExecutable
    ? execFileSync(browserExecutable, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]
    : 'remotion download',
};
const kindlyReport = (pass: KindlyPass) => ({
  ...summarize(pass),
  perRecipientSeconds: pass.each.map((value) => round(value)),
  segments: pass.segments,
  bytes: bytesOf(pass),
});
const report = {
  recipients: count,
  recipientsInFlight: inFlight,
  machine,
  plain: { ...summarize(plain), perRecipientSeconds: plainEach.map((value) => round(value)) },
  mp4: kindlyReport(mp4),
  hls: kindlyReport(hls),
  ratio: {
    mp4: { wall: round(mp4.wall / plain.wall, 3), cpu: round(mp4.cpu / plain.cpu, 3) },
    hls: { wall: round(hls.wall / plain.wall, 3), cpu: round(hls.cpu / plain.cpu, 3) },
    hlsBytesPerAdditionalRecipient: additional.length
      ? round(bytesOf(hls).perAdditionalRecipient! / bytesOf(mp4).perAdditionalRecipient!, 3)
      : null,
  },
  rounds: repeat,
  ratios: {
    mp4: { wall: spread(ratiosOf('mp4', 'wall')), cpu: spread(ratiosOf('mp4', 'cpu')) },
    hls: { wall: spread(hlsWall), cpu: spread(ratiosOf('hls', 'cpu')) },
  },
};

type Summary = ReturnType<typeof summarize>;
const row = (label: string, pick: (summary: Summary) => number) => {
  const [a, b, c] = [report.plain, report.mp4, report.hls].map(pick) as [number, number, number];
  return [label, a, b, c, round(b / a, 3), round(c / a, 3)];
};
const rows = [
  ['', '(a) plain', '(b) mp4', '(c) hls', 'b/a', 'c/a'],
  row('wall s per recipient', (summary) => summary.wallPerRecipient),
  row('CPU s per recipient', (summary) => summary.cpuPerRecipient),
  row('peak RSS MB (tree)', (summary) => summary.peakRssMb),
  row('videos per hour', (summary) => summary.videosPerHour),
  ...records.map((_, index) => [
    `recipient ${index + 1} wall s`,
    round(plainEach[index] ?? 0),
    round(mp4.each[index] ?? 0),
    round(hls.each[index] ?? 0),
    '',
    '',
  ]),
];
console.log(`\n${machine.cores} cores, ${machine.memory}, ${machine.browser}, Node ${machine.node}`);
for (const cells of rows)
  console.log(cells.map((cell, index) => String(cell).padStart(index === 0 ? 24 : 11)).join(''));
console.log(
  `segments rendered/reused: mp4 ${mp4.segments.rendered}/${mp4.segments.reused}, hls ${hls.segments.rendered}/${hls.segments.reused}`,
);
console.log(
  `bytes stored per additional recipient: mp4 ${report.mp4.bytes.perAdditionalRecipient}, hls ${report.hls.bytes.perAdditionalRecipient} ` +
    `(${report.ratio.hlsBytesPerAdditionalRecipient} of mp4; shared HLS assets ${report.hls.bytes.sharedAssets} bytes once)`,
);
if (repeat > 1) {
  const line = (ratios: ReturnType<typeof spread>) =>
    `median ${ratios.median} (min ${ratios.min}, max ${ratios.max}; each ${ratios.each.join(', ')})`;
  console.log(`b/a over ${repeat} rounds: wall ${line(report.ratios.mp4.wall)}; CPU ${line(report.ratios.mp4.cpu)}`);
  console.log(`c/a over ${repeat} rounds: wall ${line(report.ratios.hls.wall)}; CPU ${line(report.ratios.hls.cpu)}`);
}
console.log(
  `CPU used by other processes meanwhile: ${report.plain.otherProcessesCpuSeconds} s during (a), ` +
    `${report.mp4.otherProcessesCpuSeconds} s during (b), ${report.hls.otherProcessesCpuSeconds} s during (c)`,
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

/** What this benchmark writes (read by bench:campaign). */
export type RenderReport = typeof report;
