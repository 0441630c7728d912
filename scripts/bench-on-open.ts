/**
 * Render on open, the whole story in one run: `kindly serve` (a child process, embedded defaults,
 * its own data folder and API key) gets an on-open campaign of N debtors through its API and
 * publishes it live; then a share of the debtors open their page, `--together` at once, each a
 * counted view through the real tracking route (a browser's user agent), and each group's videos
 * are awaited before the next group opens. It prints the renders performed (the API's count and
 * the MP4 files in the site folder), first view → video ready p50/p95 (this script's clock, the
 * video ready once the page's sealed payload names it; and the API's figures), the CPU seconds of
 * the server's process tree over the opens and over the shared segments that publishing makes
 * ahead (measured apart: a campaign of one debtor per look is published first, until the server
 * goes quiet), and the CPU an eager campaign would spend: an eager
 * campaign of `--eager-sample` unopened debtors of the same records, rendered by the same server
 * after the opens (shared segments cached, as they are for all but the first of an eager
 * campaign of N), scaled per debtor to N, plus the same shared segments, which it draws once too. Both with and without the idle server's own CPU (its
 * browsers, sweeper and store, measured over 15 s before the opens), which runs whether it renders or not.
 * Usage: npm run bench:on-open -- [--recipients 50] [--open-share 0.2] [--together 4] [--eager-sample 4] [--out bench-results/on-open.json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchLocales, makeBenchRecords } from './lib/make-bench-records.ts';
import { measure } from './lib/measure-task.ts';
import { readPagePayload } from './lib/read-page-payload.ts';
import { runBenchCampaign, type CampaignState } from './lib/run-bench-campaign.ts';
import { startKindlyServe, type KindlyServe } from './lib/start-kindly-serve.ts';
import { makeTempDir } from './lib/temp-dir.ts';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '50' },
    'open-share': { type: 'string', default: '0.2' },
    together: { type: 'string', default: '4' },
    'eager-sample': { type: 'string', default: '4' },
    out: { type: 'string', default: 'bench-results/on-open.json' },
  },
});
const recipients = Number(values.recipients);
const together = Number(values.together);
const opens = Math.round(recipients * Number(values['open-share']));
const sample = Number(values['eager-sample']);
const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const percentile = (sorted: number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
// Opened debtors spread over the list; the eager sample is of debtors nobody opened (no cached personal chunk).
const step = Math.max(1, Math.floor(recipients / Math.max(1, opens)));
const opened = Array.from({ length: opens }, (_, index) => index * step);
const unopened = Array.from({ length: recipients }, (_, index) => index).filter((index) => !opened.includes(index));
const eagerPick = unopened.slice(0, sample);

/** Resolves once the server's process tree spends under 0.05 CPU s per second over 2 s. */
async function waitUntilQuiet(server: KindlyServe): Promise<void> {
  for (;;) {
    const window = await measure(() => sleep(2000), { root: server.child.pid! });
    if (window.cpu / window.wall < 0.05) return;
  }
}

/** Seconds from `since` until the page's sealed payload names its video. */
async function waitForVideo(server: KindlyServe, token: string, since: number): Promise<number> {
  const video = path.join(server.siteDir, 'r', token, 'video.mp4');
  for (;;) {
    if (fs.existsSync(video)) {
      const payload = await readPagePayload({ siteDir: server.siteDir, token }).catch(() => undefined);
      if (payload?.media.video) return (performance.now() - since) / 1000;
    }
    if (performance.now() - since > 900_000) throw new Error('no video 15 minutes after its first view');
    await sleep(100);
  }
}

const temp = await makeTempDir('bench-on-open');
const server = await startKindlyServe({ dir: temp.dir });
try {
  const load = os.loadavg()[0]!;
  // Publishing an on-open campaign starts making each look's shared segments in the background.
  // To tell their CPU from the publish's, a campaign of one debtor per look (never opened) is
  // published first and timed until the server goes quiet: it makes them all. The campaign of N
  // then finds them made (each look once per process), and its publish is timed the same way.
  const warm = await measure(
    async () => {
      const looks = makeBenchRecords({ recipients: benchLocales, pick: [...Array(benchLocales).keys()] });
      await runBenchCampaign(server, { render: 'on-open', records: looks, count: benchLocales });
      await waitUntilQuiet(server);
    },
    { root: server.child.pid! },
  );
  const publish = await measure(
    async () => {
      const records = makeBenchRecords({ recipients });
      const campaign = await runBenchCampaign(server, { render: 'on-open', records, count: recipients });
      await waitUntilQuiet(server);
      return campaign;
    },
    { root: server.child.pid! },
  );
  const campaignId = publish.result.id;
  const csv = await server.call<string>('GET', `/api/campaigns/${campaignId}/links.csv`);
  const tokens = new Map(
    [...csv.matchAll(/^B-(\d+),(http[^,\n]+)/gm)].map(([, n = '', url = '']) => [
      Number(n) - 1,
      new URL(url).pathname.split('/')[2] ?? '',
    ]),
  );
  // What the server spends doing nothing (its browsers, the sweeper, the store), taken from both
  // sides below to tell the renders' own CPU: the idle cost runs whether a campaign renders or not.
  const idle = await measure(() => sleep(15_000), { root: server.child.pid! });
  const idleCpuPerSecond = idle.cpu / idle.wall;
  const groups: number[][] = [];
  const phase = await measure(
    async () => {
      for (let at = 0; at < opened.length; at += together) {
        const group = opened.slice(at, at + together).map((index) => tokens.get(index) ?? '');
        const since = performance.now();
        await Promise.all(
          group.map(async (token) => {
            const response = await fetch(`${server.api}/t/e`, {
              method: 'POST',
              headers: { 'content-type': 'text/plain', 'user-agent': browser },
              body: JSON.stringify({ token, type: 'view' }),
            });
            if (response.status !== 204) throw new Error(`view: ${response.status} ${await response.text()}`);
          }),
        );
        groups.push(await Promise.all(group.map((token) => waitForVideo(server, token, since))));
        console.error(`Opened ${Math.min(at + together, opened.length)}/${opened.length}`);
      }
      // The API's count of rendered videos follows the page's republish: let it catch up.
      for (;;) {
        const { progress } = await server.call<CampaignState>('GET', `/api/campaigns/${campaignId}`);
        if (progress.onOpen.rendered + progress.onOpen.failed >= opened.length) return progress.onOpen;
        await sleep(250);
      }
    },
    { root: server.child.pid! },
  );
  const onOpen = phase.result;
  const mp4s = [...tokens.values()].filter((token) =>
    fs.existsSync(path.join(server.siteDir, 'r', token, 'video.mp4')),
  ).length;
  const eager = await measure(
    () =>
      runBenchCampaign(server, {
        render: 'eager',
        records: makeBenchRecords({ recipients, pick: eagerPick }),
        count: eagerPick.length,
      }),
    { root: server.child.pid! },
  );
  const eagerPerRecipient = eager.cpu / eagerPick.length;
  // The looks' shared segments: made ahead by the on-open campaign, and drawn once by an eager
  // campaign of N too (the sample found them cached), so counted on both sides.
  const warmRenderCpu = warm.cpu - idleCpuPerSecond * warm.wall;
  const onOpenRenderCpu = warmRenderCpu + phase.cpu - idleCpuPerSecond * phase.wall;
  const eagerRenderPerRecipient = (eager.cpu - idleCpuPerSecond * eager.wall) / eagerPick.length;
  const sorted = groups.flat().toSorted((a, b) => a - b);
  const report = {
    recipients,
    opens: opened.length,
    together,
    pacing: 'each group of views waits for its videos before the next',
    rendersApi: onOpen.rendered,
    renderFailures: onOpen.failed,
    mp4Files: mp4s,
    readyP50Seconds: round(percentile(sorted, 0.5)),
    readyP95Seconds: round(percentile(sorted, 0.95)),
    // Per group of views, in order: the first pays for the shared segments not yet cached.
    readySeconds: groups.map((group) => group.map((value) => round(value))),
    apiLatencyP50Seconds: onOpen.latencyP50Seconds,
    apiLatencyP95Seconds: onOpen.latencyP95Seconds,
    // Start to every page published (the CPU runs on until the server is quiet).
    publishSeconds: round(publish.result.seconds),
    publishCpuSeconds: round(publish.cpu),
    sharedWarmSeconds: round(warm.wall),
    sharedWarmCpuSeconds: round(warm.cpu),
    onOpenPhaseSeconds: round(phase.wall),
    onOpenCpuSeconds: round(phase.cpu),
    eagerSample: eagerPick.length,
    eagerSampleSeconds: round(eager.wall),
    eagerSampleCpuSeconds: round(eager.cpu),
    eagerCpuSecondsPerRecipient: round(eagerPerRecipient, 2),
    eagerCpuSecondsScaled: round(eagerPerRecipient * recipients),
    cpuRatio: round((warm.cpu + phase.cpu) / (warm.cpu + eagerPerRecipient * recipients), 3),
    cpuRatioWithPublish: round((warm.cpu + phase.cpu + publish.cpu) / (warm.cpu + eagerPerRecipient * recipients), 3),
    idleCpuPerSecond: round(idleCpuPerSecond, 3),
    onOpenRenderCpuSeconds: round(onOpenRenderCpu),
    eagerRenderCpuSecondsPerRecipient: round(eagerRenderPerRecipient, 2),
    // The renders' own CPU, the server's idle cost taken from both sides.
    renderCpuRatio: round(onOpenRenderCpu / (warmRenderCpu + eagerRenderPerRecipient * recipients), 3),
    otherCpuSeconds: round(publish.otherCpu + warm.otherCpu + phase.otherCpu + eager.otherCpu),
    // The tree's counters miss a process that outlives its parent (a browser's children when it is
    // closed): the machine's other CPU over the shared segments and the opens, all charged to the
    // opens (the eager side left as measured), bounds the figure from above.
    renderCpuRatioAtMost: round(
      (onOpenRenderCpu + warm.otherCpu + phase.otherCpu) / (warmRenderCpu + eagerRenderPerRecipient * recipients),
      3,
    ),
    loadAverageAtStart: round(load, 2),
    cores: os.availableParallelism(),
  };
  console.log(
    [
      `Render on open, ${recipients} debtors, ${report.opens} opened ${together} at a time (each group waits for its videos), ${report.cores} cores, load ${report.loadAverageAtStart} at start`,
      `  published live  ${report.publishSeconds} s, ${report.publishCpuSeconds} CPU s`,
      `  shared segments ${report.sharedWarmSeconds} s, ${report.sharedWarmCpuSeconds} CPU s (each look's intro, outro and sound, made ahead by publishing one debtor of each look first)`,
      `  renders         ${report.rendersApi} by the API, ${report.mp4Files} MP4 files, ${report.renderFailures} failed (opens ${report.opens})`,
      `  view → video    p50 ${report.readyP50Seconds} s, p95 ${report.readyP95Seconds} s (API: p50 ${report.apiLatencyP50Seconds} s, p95 ${report.apiLatencyP95Seconds} s)`,
      `  per group       ${report.readySeconds.map((group) => `[${group.join(', ')}]`).join(' ')} s`,
      `  on-open CPU     ${report.onOpenCpuSeconds} s over ${report.onOpenPhaseSeconds} s (server process tree)`,
      `  eager CPU       ${report.eagerSampleCpuSeconds} s for ${report.eagerSample} debtors (${report.eagerCpuSecondsPerRecipient} s each) → ${report.eagerCpuSecondsScaled} s for ${recipients}, plus the shared segments once`,
      `  on-open / eager ${report.cpuRatio} of the CPU, the shared segments on both sides (${report.cpuRatioWithPublish} with the live publish); other work on the machine ${report.otherCpuSeconds} CPU s`,
      `  renders alone   ${report.renderCpuRatio} of the CPU: the idle server's ${report.idleCpuPerSecond} CPU s per second taken from both (${report.onOpenRenderCpuSeconds} s against ${report.eagerRenderCpuSecondsPerRecipient} s per debtor)`,
      `  at most         ${report.renderCpuRatioAtMost} of the CPU, the machine's other CPU over the shared segments and the opens charged to the opens`,
    ].join('\n'),
  );
  fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  fs.writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${values.out}`);
} catch (error) {
  console.error(fs.readFileSync(path.join(temp.dir, 'serve.log'), 'utf8').slice(-4000));
  throw error;
} finally {
  await server.stop();
  await temp.remove();
}
