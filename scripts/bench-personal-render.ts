/**
 * Where the time of one personal render goes once the shared segments are cached: warms a fresh
 * segment cache with one recipient, then renders `--recipients` more of the same locale one at a
 * time (MP4 and HLS delivery) and prints, per step of the render (see RenderStage), the median
 * wall and CPU seconds (whole process tree: Node, Chromium, ffmpeg), pictures drawn and time per
 * picture. HLS adds the personal segment's remux, which the publish step runs.
 * Usage: npm run bench:personal -- [--recipients 6] [--delivery mp4,hls] [--out bench-results/personal-render.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listProcessTree, readMachineBusy } from './lib/process-tree.ts';
import { makeTempDir } from './lib/temp-dir.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { openRenderer } from '../server/render/open-renderer.ts';
import type { RenderStage } from '../server/render/render-context.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition, VideoDelivery } from '../templates/template-definition.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '6' },
    delivery: { type: 'string', default: 'mp4,hls' },
    out: { type: 'string', default: 'bench-results/personal-render.json' },
  },
});
const count = Math.max(1, Number(values.recipients));
const deliveries = values.delivery.split(',') as VideoDelivery[];
const template = gentleReminder as unknown as TemplateDefinition;
const base = gentleReminder.schema.parse(gentleReminder.examples[0]);
const surnames = ['Rossi', 'Taylor', 'Bianchi', 'Wright', 'Ferrari', 'Moretti', 'Evans', 'Greco'];
// One locale, a different name and amount each: only the personal chunk is drawn after the first.
const makeRecord = (index: number) => ({
  ...base,
  id: `PERSONAL-${index}`,
  name: `${base.name.split(' ')[0]} ${surnames[index % surnames.length]}`,
  amount: Math.round((base.amount + index * 17.35) * 100) / 100,
});

/** CPU seconds of this process and every descendant, living or reaped. */
const readTreeCpu = () => listProcessTree(process.pid).reduce((sum, proc) => sum + proc.own + proc.reaped, 0);

type Step = { stage: string; wall: number; cpu: number; pictures?: number };
type Run = { delivery: VideoDelivery; wall: number; cpu: number; steps: Step[] };

const work = await makeTempDir('bench-personal');
const loadBefore = os.loadavg();
const machineBefore = readMachineBusy();
console.log(`Bundling… (load ${loadBefore.map((load) => load.toFixed(1)).join(' ')})`);
const serveUrl = await makeBundle();
let heard: ((stage: RenderStage) => void) | undefined;
const renderer = await openRenderer({
  template,
  browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }),
  serveUrl,
  segmentCacheDir: path.join(work.dir, 'segments'),
});

/** One recipient's render, with the CPU between step reports charged to the step reported. */
async function renderOne(index: number, delivery: VideoDelivery): Promise<Run> {
  const steps: Step[] = [];
  const started = performance.now();
  const cpuStart = readTreeCpu();
  let cpuMark = cpuStart;
  const mark = (stage: string, wall: number, pictures?: number) => {
    const cpu = readTreeCpu();
    steps.push({ stage, wall, cpu: cpu - cpuMark, pictures });
    cpuMark = cpu;
  };
  heard = (stage) => mark(stage.stage, stage.seconds, stage.pictures);
  const media = await renderer.renderRecipient({
    record: makeRecord(index),
    delivery,
    workDir: path.join(work.dir, `${delivery}-${index}`),
    onStage: (stage) => heard?.(stage),
  });
  for (const part of media.stream?.picture.filter((each) => each.sharedName === undefined) ?? []) {
    const remuxed = performance.now();
    await part.make();
    mark('remux', (performance.now() - remuxed) / 1000);
  }
  const wall = (performance.now() - started) / 1000;
  const cpu = readTreeCpu() - cpuStart;
  const counted = steps.reduce((sum, step) => ({ wall: sum.wall + step.wall, cpu: sum.cpu + step.cpu }), {
    wall: 0,
    cpu: 0,
  });
  steps.push({ stage: 'other', wall: wall - counted.wall, cpu: cpu - counted.cpu });
  return { delivery, wall, cpu, steps };
}

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Median wall and CPU per step over the runs (a step summed within a run when it repeats). */
function summarise(runs: Run[]) {
  const stages = [...new Set(runs.flatMap((run) => run.steps.map((step) => step.stage)))];
  const sumOf = (run: Run, stage: string, field: 'wall' | 'cpu' | 'pictures') =>
    run.steps.filter((step) => step.stage === stage).reduce((sum, step) => sum + (step[field] ?? 0), 0);
  const steps = stages.map((stage) => {
    const pictures = median(runs.map((run) => sumOf(run, stage, 'pictures')));
    const wall = median(runs.map((run) => sumOf(run, stage, 'wall')));
    const cpu = median(runs.map((run) => sumOf(run, stage, 'cpu')));
    return {
      stage,
      wall,
      cpu,
      ...(pictures > 0 ? { pictures, wallPerPicture: wall / pictures, cpuPerPicture: cpu / pictures } : {}),
    };
  });
  return { wall: median(runs.map((run) => run.wall)), cpu: median(runs.map((run) => run.cpu)), steps };
}

try {
  console.log('Warming the cache with one recipient (shared chunks and sound)…');
  const warm = await renderOne(0, 'mp4');
  console.log(`  ${warm.wall.toFixed(1)} s wall, ${warm.cpu.toFixed(1)} CPU s`);
  const results: Record<string, ReturnType<typeof summarise> & { runs: Run[] }> = {};
  for (const delivery of deliveries) {
    const runs: Run[] = [];
    for (let index = 1; index <= count; index += 1) {
      runs.push(await renderOne(index + (delivery === 'hls' ? count : 0), delivery));
      const last = runs.at(-1);
      console.log(`  ${delivery} ${index}/${count}: ${last?.wall.toFixed(2)} s wall, ${last?.cpu.toFixed(2)} CPU s`);
    }
    results[delivery] = { ...summarise(runs), runs };
  }
  const loadAfter = os.loadavg();
  const otherCpu = readMachineBusy() - machineBefore - readTreeCpu();
  for (const [delivery, result] of Object.entries(results)) {
    console.log(`\n${delivery}, median of ${count}: ${result.wall.toFixed(2)} s wall, ${result.cpu.toFixed(2)} CPU s`);
    console.log('step       wall s   CPU s   pictures   wall/pic  CPU/pic');
    for (const step of result.steps)
      console.log(
        `${step.stage.padEnd(10)} ${step.wall.toFixed(3).padStart(6)}  ${step.cpu.toFixed(3).padStart(6)}` +
          (step.pictures
            ? `   ${String(step.pictures).padStart(8)}   ${step.wallPerPicture?.toFixed(4)}   ${step.cpuPerPicture?.toFixed(4)}`
            : ''),
      );
  }
  console.log(
    `\nload ${loadAfter.map((load) => load.toFixed(1)).join(' ')}; other work on the machine: ${otherCpu.toFixed(0)} CPU s`,
  );
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  const report = { at: new Date().toISOString(), recipients: count, loadBefore, loadAfter, otherCpu, warm, results };
  fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Written to ${values.out}`);
} finally {
  await renderer.close();
  await work.remove();
}
