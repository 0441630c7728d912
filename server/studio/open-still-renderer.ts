import fs from 'node:fs/promises';
import path from 'node:path';
import { getCompositions, openBrowser, renderStill, type HeadlessBrowser } from '@remotion/renderer';
import type { BaseRecord, Scene, TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import { findBrowser } from '../render/find-browser.ts';
import { getBrowserVersion } from '../render/get-browser-version.ts';
import { hashBundle } from '../render/hash-bundle.ts';
import { makeBundle } from '../render/make-bundle.ts';
import { makeRenderSettings } from '../render/render-settings.ts';
import { makeSegmentKey } from '../render/make-segment-key.ts';

/** A still asked for: one scene's middle frame for one record, under its content key. */
export type StillRequest = { key: string; template: TemplateDefinition; record: BaseRecord; frame: number };

/** Renders scene stills one at a time; a newer request supersedes the stills an older one still waits for. */
export type StillRenderer = {
  /** The content keys of each scene's still (template and version, bundle, browser, scene, the values it reads, copy included). */
  plan: (options: {
    template: TemplateDefinition;
    record: BaseRecord;
  }) => Promise<{ scene: Scene; request: StillRequest }[]>;
  /** The still of the template's poster frame, the picture a page shows before its video plays. */
  planPoster: (options: { template: TemplateDefinition; record: BaseRecord }) => Promise<StillRequest>;
  /** Replaces the queue with these stills (cached ones are not rendered again). */
  request: (stills: readonly StillRequest[]) => void;
  /** The JPEG of a key once rendered; undefined when it was never asked for; a 409 error when a newer request dropped it. */
  get: (key: string) => Promise<string | undefined>;
  close: () => Promise<void>;
};

type Job = StillRequest & { done: Promise<void>; resolve: () => void; reject: (error: unknown) => void };

const superseded = () =>
  new KindlyError({
    problem: 'A newer preview superseded this still',
    fix: 'Ask for the stills of the latest preview',
    statusCode: 409,
  });

/**
 * Opens the studio's still renderer: the project bundle and one browser, opened on first use and
 * kept open. Stills are cached in `dir` by content key, so an unchanged scene is never rendered twice.
 */
export function openStillRenderer(options: { dir: string; browserExecutable: string | undefined }): StillRenderer {
  const browserExecutable = findBrowser({ configured: options.browserExecutable }) ?? null;
  let setup:
    | Promise<{
        serveUrl: string;
        browser: HeadlessBrowser;
        bundleHash: string;
        browserVersion: string;
        compositions: Awaited<ReturnType<typeof getCompositions>>;
      }>
    | undefined;
  const open = () => {
    setup ??= (async () => {
      const serveUrl = await makeBundle();
      const browser = await openBrowser('chrome', {
        browserExecutable,
        chromiumOptions: { headless: true },
        forceDeviceScaleFactor: 1,
        logLevel: 'error',
      });
      const [bundleHash, browserVersion, compositions] = await Promise.all([
        hashBundle({ serveUrl }),
        getBrowserVersion({ browserExecutable }),
        getCompositions(serveUrl, { puppeteerInstance: browser, browserExecutable, logLevel: 'error' }),
      ]);
      return { serveUrl, browser, bundleHash, browserVersion, compositions };
    })().catch((error: unknown) => {
      setup = undefined;
      throw error;
    });
    return setup;
  };
  const fileOf = (key: string) => path.join(options.dir, `${key}.jpg`);
  const exists = (key: string) =>
    fs.access(fileOf(key)).then(
      () => true,
      () => false,
    );
  const jobs = new Map<string, Job>();
  // Keys a newer request dropped (the latest few hundred), so asking for them says why there is no still.
  const dropped = new Set<string>();
  const drop = (key: string) => {
    dropped.add(key);
    if (dropped.size > 500) dropped.delete(dropped.values().next().value as string);
  };
  let queue: string[] = [];
  // The still being drawn. It is never cancelled: a cancelled render can leave the browser closing a
  // page that is already gone, an error nobody can catch. A still takes about a second, and it is kept.
  let running: { key: string; job: Job } | undefined;
  let pumping: Promise<void> | undefined;

  const render = async (job: Job) => {
    if (await exists(job.key)) return;
    const { serveUrl, browser, compositions } = await open();
    const composition = compositions.find((each) => each.id === job.template.id);
    if (!composition)
      throw new KindlyError({
        problem: 'The bundle has no composition for this template',
        value: job.template.id,
        fix: 'Register the template in compositions/components.ts',
      });
    const inputProps = job.record as Record<string, unknown>;
    await fs.mkdir(options.dir, { recursive: true });
    const temp = `${fileOf(job.key)}.${process.pid}.tmp.jpg`;
    await renderStill({
      composition: { ...composition, props: inputProps },
      serveUrl,
      inputProps,
      puppeteerInstance: browser,
      browserExecutable,
      logLevel: 'error',
      output: temp,
      frame: job.frame,
      imageFormat: 'jpeg',
      jpegQuality: 85,
      overwrite: true,
    });
    await fs.rename(temp, fileOf(job.key));
  };

  const pump = async () => {
    while (!running && queue.length > 0) {
      const key = queue.shift() as string;
      const job = jobs.get(key);
      if (!job) continue;
      running = { key, job };
      try {
        await render(job);
        job.resolve();
      } catch (error) {
        job.reject(jobs.get(key) === job ? error : superseded());
      } finally {
        if (jobs.get(key) === job) jobs.delete(key);
        running = undefined;
      }
    }
  };

  const planFrame = async (options: {
    template: TemplateDefinition;
    record: BaseRecord;
    scene: Scene;
    frame: number;
  }): Promise<StillRequest> => {
    const { template, record, scene, frame } = options;
    const { bundleHash, browserVersion } = await open();
    const settings = makeRenderSettings({ width: template.width, height: template.height, fps: template.fps });
    const chunk = { index: 0, from: frame, to: frame + 1, scenes: [scene] };
    const key = makeSegmentKey({
      template,
      bundleHash,
      browserVersion,
      settings,
      chunk,
      framesPerChunk: 1,
      record,
      kind: 'poster',
    });
    return { key, template, record, frame };
  };

  return {
    plan: ({ template, record }) =>
      Promise.all(
        template.scenes.map(async (scene) => ({
          scene,
          request: await planFrame({
            template,
            record,
            scene,
            frame: scene.from + Math.floor(scene.durationInFrames / 2),
          }),
        })),
      ),
    planPoster: ({ template, record }) => {
      const frame = template.posterFrame;
      const scene =
        template.scenes.find((each) => each.from <= frame && frame < each.from + each.durationInFrames) ??
        template.scenes[0];
      if (!scene)
        throw new KindlyError({
          problem: 'The template has no scenes',
          value: template.id,
          fix: 'List its scenes in the template definition',
        });
      return planFrame({ template, record, scene, frame });
    },
    request: (stills) => {
      const wanted = new Set(stills.map((still) => still.key));
      for (const [key, job] of jobs) {
        if (wanted.has(key)) continue;
        jobs.delete(key);
        drop(key);
        job.reject(superseded());
      }
      for (const still of stills) {
        dropped.delete(still.key);
        if (jobs.has(still.key)) continue;
        let resolve = () => undefined as void;
        let reject: (error: unknown) => void = () => undefined;
        const done = new Promise<void>((yes, no) => {
          resolve = yes;
          reject = no;
        });
        // Dropped stills nobody waits for must not surface as unhandled rejections.
        done.catch(() => undefined);
        jobs.set(still.key, { ...still, done, resolve, reject });
      }
      // The still being drawn for this very job is not queued again; one dropped while drawn and
      // asked for again is a new job, queued: it finds the file the drawing leaves (or draws it).
      queue = stills.map((still) => still.key).filter((key) => running?.job !== jobs.get(key));
      // A running pump takes the new queue after its current still.
      if (!running) pumping = pump();
    },
    get: async (key) => {
      const job = jobs.get(key);
      if (job) await job.done;
      else if (!(await exists(key))) {
        if (dropped.has(key)) throw superseded();
        return undefined;
      }
      return fileOf(key);
    },
    close: async () => {
      for (const job of jobs.values()) job.reject(superseded());
      jobs.clear();
      queue = [];
      // The browser closes only once the still being drawn is done with it.
      await pumping?.catch(() => undefined);
      const opened = await setup?.catch(() => undefined);
      await opened?.browser.close({ silent: true }).catch(() => undefined);
    },
  };
}
