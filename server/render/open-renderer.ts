import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getCompositions, openBrowser, type HeadlessBrowser } from '@remotion/renderer';
import { checkTemplate } from '../../templates/check-template.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import type { VideoDelivery } from '../../templates/template-definition.ts';
import type { UsedSegment } from '../store/recipient-segments.ts';
import { KindlyError } from '../errors.ts';
import { serveFolders } from '../serve-folders.ts';
import { findBrowser } from './find-browser.ts';
import { getBrowserVersion } from './get-browser-version.ts';
import { getThumbnailClip } from './get-thumbnail-clip.ts';
import { hashBundle } from './hash-bundle.ts';
import { cutPoster } from './cut-poster.ts';
import { makeAnimatedThumbnail } from './make-animated-thumbnail.ts';
import { makeBundle } from './make-bundle.ts';
import { makeCaptions } from './make-captions.ts';
import { makeFolderSegmentCache } from './make-folder-segment-cache.ts';
import { makeLimiter } from './make-limiter.ts';
import { makeSegmentSource } from './make-segment-source.ts';
import { fetchSharedChunks } from './fetch-chunks.ts';
import { planChunks } from './plan-chunks.ts';
import type { RenderContext, RenderStage, SegmentEvent } from './render-context.ts';
import { renderNeutralPoster } from './render-neutral-poster.ts';
import { makeNeutralRecord, renderNeutralThumbnail, type NeutralLook } from './render-neutral-thumbnail.ts';
import type { HlsStream } from './render-hls-stream.ts';
import { renderHlsMedia } from './render-hls-media.ts';
import { makeRenderSettings } from './render-settings.ts';
import { hlsTimeBase } from './remux-hls-segment.ts';
import { renderVideo } from './render-video.ts';
import type { SegmentCache } from './segment-cache.ts';
import { timeStage } from './time-stage.ts';
import { defaultRendersInFlight } from '../renders-in-flight.ts';

/**
 * The files rendered for one recipient, in their work folder (`animatedThumbnail`: the personal
 * e-mail GIF, made from the video, unless the campaign sends a neutral one).
 */
export type PageMedia = {
  /** The MP4; undefined with HLS delivery, whose `stream` comes instead. */
  video: string | undefined;
  poster: string;
  thumbnail: string;
  captions: string;
  animatedThumbnail?: string;
  /** With HLS delivery, the stream's segments instead of an MP4. */
  stream?: HlsStream;
};

/** The files rendered for one recipient, the MP4 included. */
export type RenderedMedia = PageMedia & { video: string };

/**
 * `onSegment` hears of every segment cache entry the render uses as it is used, personal or not,
 * so the caller can index them for erasure even when the render then fails.
 */
type RenderJob = {
  record: BaseRecord;
  /** How the video is delivered: one MP4 (the default) or an HLS stream of shared and personal segments. */
  delivery?: VideoDelivery;
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
  onSegment?: (segment: UsedSegment) => void;
  /** Hears how long each step of this render took (see RenderStage). */
  onStage?: (stage: RenderStage) => void;
};

/** A bundle and a browser kept open across recipients, so each render pays only for its frames. */
export type Renderer = {
  /**
   * Renders the video (an MP4, or an HLS stream), poster and captions; with `animatedThumbnail:
   * false` no personal e-mail GIF (the campaign sends a neutral one). Live pages draw nothing of
   * their own (see makeRecipientState).
   */
  renderRecipient: {
    (job: RenderJob & { delivery?: 'mp4'; animatedThumbnail?: boolean }): Promise<RenderedMedia>;
    (job: RenderJob & { animatedThumbnail?: boolean }): Promise<PageMedia>;
  };
  /** A look's neutral poster and its WebP, written to `poster` and `thumbnail` (see renderNeutralPoster). */
  renderNeutralPoster: (job: {
    look: NeutralLook;
    poster: string;
    thumbnail: string;
    signal?: AbortSignal;
  }) => Promise<void>;
  /**
   * Has the segments every recipient of a look shares in the segment cache, drawn with an example
   * record of the look (see fetchSharedChunks), so the look's first personal render draws only
   * its own part.
   */
  renderShared: (job: { look: NeutralLook; signal?: AbortSignal }) => Promise<void>;
  /** The campaign's neutral e-mail thumbnail for a locale, written to `output` (see renderNeutralThumbnail). */
  renderNeutralThumbnail: (job: { look: NeutralLook; output: string; signal?: AbortSignal }) => Promise<void>;
  /** Deletes an entry from the renderer's segment cache (a debtor erased while being rendered). */
  remove: (options: { key: string }) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * What one render call costs beyond its frames, in frames: Remotion opens a tab, loads the
 * bundle and fonts and prepares the audio for every call. Measured on two cores: ~0.8 s of CPU
 * per call against ~50 ms per frame. Sets how long chunks are (see planChunks).
 */
const chunkCostInFrames = 16;

/**
 * Opens a renderer for one template: checks its timeline, bundles once, opens one browser and
 * reuses it. A recipient's video is joined from equal chunks cached by content (see
 * makeSegmentKey), so only chunks showing their personal values are rendered; shared chunks are
 * rendered once per locale. `concurrency` is the number of frames rendered in parallel within a
 * chunk, `chunksInFlight` the number of chunks rendering at once across all recipients (default: two per core).
 */
export async function openRenderer(options: {
  template: TemplateDefinition;
  browserExecutable: string | undefined;
  concurrency?: number;
  chunksInFlight?: number;
  serveUrl?: string;
  /** Folder of the segment cache (callers pass `segments/` in the data dir; a temp folder otherwise). */
  segmentCacheDir?: string;
  /** Another cache (e.g. S3-backed); wins over `segmentCacheDir`. */
  segmentCache?: SegmentCache;
  onBundleProgress?: (percent: number) => void;
  onSegment?: (event: SegmentEvent) => void;
}): Promise<Renderer> {
  const { template } = options;
  const problems = checkTemplate(template);
  if (problems.length > 0) {
    throw new KindlyError({
      problem: `Template ${template.id} cannot be rendered: ${problems.join('; ')}`,
      value: template.id,
      fix: `Fix the scenes in templates/${template.id}/definition.ts`,
    });
  }
  const serveUrl = options.serveUrl ?? (await makeBundle({ onProgress: options.onBundleProgress }));
  // Remotion reads a diagnostic report before each ffmpeg run (glibc or musl?); its network part
  // looks up the host names of open sockets, which took ~5 s per run where DNS does not answer.
  (process.report as NodeJS.ProcessReport & { excludeNetwork: boolean }).excludeNetwork = true;
  const browserExecutable = findBrowser({ configured: options.browserExecutable }) ?? null;
  const [browserVersion, bundleHash] = await Promise.all([
    getBrowserVersion({ browserExecutable }),
    hashBundle({ serveUrl }),
  ]);
  // Remotion serves a bundle folder anew for each render call, on a new port, so every tab
  // fetched and compiled the 2 MB bundle again (~1.3 s a tab). Served once from a fixed address
  // with immutable caching, tabs load it from the browser's cache and code cache (~0.9 s).
  const served = /^https?:\/\//.test(serveUrl)
    ? undefined
    : await serveFolders({ folders: [serveUrl], immutable: true });
  const bundleUrl = served?.url ?? serveUrl;
  const cores = Math.max(1, os.availableParallelism());
  // Chunks are short, so each tab opened (bundle, fonts) weighs on a few dozen frames: one tab
  // per chunk, two chunks per core (see defaultRendersInFlight: a tab waits on its browser half
  // the time, so one per core left the cores idle).
  const concurrency = Math.min(cores, options.concurrency ?? 1);
  const slots = options.chunksInFlight ?? defaultRendersInFlight();
  const browsers = new Map<number, Promise<HeadlessBrowser>>();
  const getBrowser = (slot: number) => {
    // One browser per slot: slots sharing a browser share its GPU process and tab cycling, and
    // rendered ~10% slower on two cores. Opened on first use.
    const opened =
      browsers.get(slot) ??
      openBrowser('chrome', {
        browserExecutable,
        chromiumOptions: { headless: true },
        forceDeviceScaleFactor: 1,
        logLevel: 'error',
      });
    browsers.set(slot, opened);
    return opened;
  };
  const close = async () => {
    await Promise.all(
      [...browsers.values()].map((opened) =>
        opened.then((browser) => browser.close({ silent: true })).catch(() => undefined),
      ),
    );
    await served?.close();
  };
  // A browser that cannot start fails here too, and the bundle server is closed with it.
  const compositions = await getBrowser(0)
    .then((browser) => getCompositions(bundleUrl, { puppeteerInstance: browser, browserExecutable, logLevel: 'error' }))
    .catch(async (error: unknown) => {
      await close();
      throw error;
    });
  const composition = compositions.find((candidate) => candidate.id === template.id);
  if (!composition) {
    await close();
    throw new KindlyError({
      problem: 'The bundle has no composition for this template',
      value: template.id,
      fix: 'Register the template in compositions/components.ts',
    });
  }
  const cache =
    options.segmentCache ??
    makeFolderSegmentCache({ dir: options.segmentCacheDir ?? path.join(os.tmpdir(), 'kindly-segments') });
  const context: RenderContext = {
    template,
    composition,
    serveUrl: bundleUrl,
    getBrowser,
    browserExecutable,
    browserVersion,
    bundleHash,
    settings: makeRenderSettings({ width: composition.width, height: composition.height, fps: composition.fps }),
    plan: planChunks({ template, chunkCostInFrames }),
    source: makeSegmentSource({ cache, limit: makeLimiter({ slots }) }),
    concurrency,
    onSegment: options.onSegment,
  };
  return {
    renderRecipient: (async ({ onSegment, onStage, ...job }: RenderJob & { animatedThumbnail?: boolean }) => {
      const heard = (event: SegmentEvent) => {
        onSegment?.({ key: event.key, personal: event.personal });
        context.onSegment?.(event);
      };
      return renderRecipient({ ...job, context: { ...context, onSegment: heard, onStage } });
    }) as Renderer['renderRecipient'],
    renderNeutralThumbnail: async (job) => {
      await renderNeutralThumbnail({ ...job, context });
    },
    renderNeutralPoster: (job) => renderNeutralPoster({ ...job, context }),
    renderShared: ({ look, signal }) =>
      fetchSharedChunks({ context, record: makeNeutralRecord({ template, look }), signal }),
    remove: cache.remove,
    close,
  };
}

async function renderRecipient(options: {
  context: RenderContext;
  record: BaseRecord;
  delivery?: VideoDelivery;
  workDir: string;
  animatedThumbnail?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}): Promise<PageMedia> {
  const { context, record, signal } = options;
  await fs.mkdir(options.workDir, { recursive: true });
  const video = path.join(options.workDir, 'video.mp4');
  // The e-mail GIF is cut from the video, unless the campaign sends a neutral one.
  const animatedThumbnail = options.animatedThumbnail !== false ? path.join(options.workDir, 'thumb.gif') : undefined;
  const files: PageMedia = {
    video,
    poster: path.join(options.workDir, 'poster.jpg'),
    thumbnail: path.join(options.workDir, 'thumb.webp'),
    captions: path.join(options.workDir, 'captions.vtt'),
    animatedThumbnail,
  };
  const hls = options.delivery === 'hls';
  if (hls) {
    files.video = undefined;
    const stream = await renderHlsMedia({ ...options, files, signal });
    const name = context.template.getPageContent(record).copy.captionsLabel || 'Captions';
    files.stream = { ...stream, captions: { name, language: record.locale } };
  } else {
    await renderVideo({
      context,
      record,
      output: video,
      signal,
      onProgress: (progress) => options.onProgress?.(progress * 0.95),
    });
    // Poster and e-mail GIF come out of the MP4: no frame is drawn twice.
    const { onStage } = context;
    const poster = () =>
      cutPoster({
        video,
        frame: context.template.posterFrame,
        fps: context.template.fps,
        poster: files.poster,
        thumbnail: files.thumbnail,
        signal,
      });
    await timeStage({ stage: 'poster', onStage, run: poster });
    if (animatedThumbnail) {
      const gif = () =>
        makeAnimatedThumbnail({
          video,
          poster: files.poster,
          output: animatedThumbnail,
          workDir: options.workDir,
          clip: getThumbnailClip(context.template),
          signal,
        });
      await timeStage({ stage: 'gif', onStage, run: gif });
    }
  }
  const cues = context.template.getCues(record);
  // With HLS the same file is the stream's subtitles segment: stamped with the segments' clock.
  const streamStart = hls ? hlsTimeBase : undefined;
  await fs.writeFile(files.captions, makeCaptions({ cues, fps: context.template.fps, streamStart }));
  options.onProgress?.(1);
  return files;
}
